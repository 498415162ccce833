#!/usr/bin/env python3
"""Dom0 boot time: our hypervisor against Debian's Xen 4.17, same everything else.

Boots the same dom0 kernel and initramfs (build/dom0) under the same QEMU
(TCG, -smp 2 -m 2G, dom0_mem=512M) on both hypervisors, alternating, and
records the wall time from QEMU's start to three points on the serial console:
the first line of dom0's kernel (the hypervisor has booted and built dom0),
Linux starting /init, and dom0's shell.  Writes docs/bench/dom0-boot.md.
Usage: bench.py --xen-ref PATH [--rounds N]
"""
import argparse
import datetime
import os
import re
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from dom0 import Dom0, TOP, XEN  # noqa: E402
from qemu import Timeout  # noqa: E402

MARKS = [
    ("kernel", r"\] Linux version \d", "dom0's kernel prints its first line"),
    ("init", r"Run /init as init process", "Linux starts /init"),
    ("shell", r"built-in shell \(ash\)", "dom0's shell starts"),
]


def one_boot(xen, label, n, kernel=None):
    """Seconds from QEMU's start to each mark, or an error string."""
    times = {}
    extra = {"kernel": kernel} if kernel else {}
    # SMAP off for both: under TCG, Xen 4.17 faults on its own bounce frames
    # with SMAP on (ours turns SMAP off by itself when it sees TCG).
    with Dom0("bench-%s-%d" % (label, n), smp=2, mem="2G", dom0_mem="512M",
              logdir="dom0-bench", xen=xen, cpu="max,-smap", **extra) as m:
        try:
            for key, rx, _ in MARKS:
                m.expect(rx, 600)
                times[key] = time.monotonic() - m.started
        except Timeout as e:
            return None, str(e)
        m.send("poweroff\n")
        try:
            m.wait_exit(120)
        except Timeout:
            pass
    return times, None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xen-ref", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(TOP, "docs", "bench", "dom0-boot.md"))
    args = ap.parse_args()

    runs = {"xen": [], "ours": []}
    errors = []
    for n in range(args.rounds):
        for label, xen in (("xen", args.xen_ref), ("ours", XEN)):
            t, err = one_boot(xen, label, n)
            if err:
                errors.append("%s, boot %d: %s" % (label, n + 1, err))
            else:
                runs[label].append(t)
                print("bench: %-4s boot %d: %s" % (label, n + 1, ", ".join(
                    "%s %.1f s" % (k, t[k]) for k, _, _ in MARKS)), flush=True)

    def med(label, key):
        vals = [r[key] for r in runs[label]]
        return statistics.median(vals) if vals else None

    rows = []
    for key, _, what in MARKS:
        x, o = med("xen", key), med("ours", key)
        rows.append((what, x, o, (o / x) if x and o else None))

    fmt = lambda v: "did not run" if v is None else "%.1f s" % v  # noqa: E731
    for what, x, o, r in rows:
        print("bench: %-40s Xen 4.17 %-12s ours %-12s ours/Xen %s" % (
            what, fmt(x), fmt(o), "%.2f" % r if r else "-"))

    ver = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=TOP,
                         capture_output=True, text=True).stdout.strip()
    kver = ""
    try:
        with open(os.path.join(TOP, "build", "dom0", "kernel", ".deb")) as f:
            kver = f.read().strip()
    except OSError:
        pass
    lines = [
        "# Dom0 boot time: our hypervisor against Xen 4.17",
        "",
        "Written by `make -C tests/dom0 bench` (tests/dom0/bench.py); do not edit by hand.",
        "",
        "The same dom0 (`build/dom0`: %s and its initramfs) boots under the same QEMU" % (
            kver or "Debian's linux-image-amd64"),
        "(TCG, `-machine pc -cpu max,-smap -smp 2 -m 2G`, `dom0_mem=512M`, serial console; SMAP",
        "off because Xen 4.17 crashes dom0 on TCG's SMAP, and ours leaves it off under TCG) on",
        "Debian's Xen 4.17 and on ours (%s), alternating, %d boots each, on %s." % (
            ver or "this tree", args.rounds, datetime.date.today().isoformat()),
        "Each figure is the median wall time from QEMU's start to a line on the console.",
        "Lower is better; ours/Xen below 1 means we are faster.  Under emulation these",
        "times are many times those of hardware, and they move with the host's load.",
        "",
        "| point | Xen 4.17 | ours | ours/Xen |",
        "| --- | ---: | ---: | ---: |",
    ]
    for what, x, o, r in rows:
        lines.append("| %s | %s | %s | %s |" % (what, fmt(x), fmt(o), "%.2f" % r if r else "-"))
    if errors:
        lines += ["", "Boots that did not complete:", ""] + ["- " + e for e in errors]
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("bench: results written to %s" % os.path.relpath(args.out, TOP))
    return 0 if runs["xen"] and runs["ours"] else 1


if __name__ == "__main__":
    sys.exit(main())
