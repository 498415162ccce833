#!/usr/bin/env python3
"""Dom0 boot time on our hypervisor: Debian's stock kernel against the lean pvops
kernel of `make kernel` (pvops-patches/lean.config), same initramfs and QEMU.

Alternates the two kernels, N boots each, and writes docs/bench/pvops-kernel.md
with the median time from QEMU's start to each point of tests/dom0/bench.py.
Usage: bench_kernel.py [--rounds N]
"""
import argparse
import datetime
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from bench import MARKS, one_boot  # noqa: E402
from dom0 import TOP, VMLINUZ, XEN  # noqa: E402

LEAN = os.path.join(TOP, "build", "kernel", "vmlinuz")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--out", default=os.path.join(TOP, "docs", "bench", "pvops-kernel.md"))
    args = ap.parse_args()
    if not os.path.exists(LEAN):
        print("bench: %s missing: run 'make kernel' first" % os.path.relpath(LEAN, TOP))
        return 1

    kernels = (("stock", VMLINUZ), ("lean", LEAN))
    runs = {k: [] for k, _ in kernels}
    errors = []
    for n in range(args.rounds):
        for label, path in kernels:
            t, err = one_boot(XEN, "kernel-" + label, n, kernel=path)
            if err:
                errors.append("%s, boot %d: %s" % (label, n + 1, err))
            else:
                runs[label].append(t)
                print("bench: %-5s boot %d: %s" % (label, n + 1, ", ".join(
                    "%s %.1f s" % (k, t[k]) for k, _, _ in MARKS)), flush=True)

    def med(label, key):
        vals = [r[key] for r in runs[label]]
        return statistics.median(vals) if vals else None

    fmt = lambda v: "did not run" if v is None else "%.1f s" % v  # noqa: E731
    sizes = {k: os.path.getsize(p) // 1024 for k, p in kernels}
    lines = [
        "# Dom0 boot time: Debian's stock kernel against the lean pvops kernel",
        "",
        "Written by `make -C pvops-patches bench` (tests/dom0/bench_kernel.py); do not edit",
        "by hand.",
        "",
        "Both kernels boot as dom0 on our hypervisor with the same initramfs",
        "(`build/dom0/initrd.img`) under the same QEMU (TCG, `-machine pc -cpu max,-smap",
        "-smp 2 -m 2G`, `dom0_mem=512M`), alternating, %d boots each, on %s.  The stock" % (
            args.rounds, datetime.date.today().isoformat()),
        "kernel is Debian's `linux-image-amd64` (%d KiB, drivers as modules, which dom0's" % sizes["stock"],
        "init loads); the lean one is `make kernel` (%d KiB, everything built in)." % sizes["lean"],
        "Each figure is the median wall time from QEMU's start; lower is better.",
        "",
        "| point | stock | lean | lean/stock |",
        "| --- | ---: | ---: | ---: |",
    ]
    for key, _, what in MARKS:
        s, l = med("stock", key), med("lean", key)
        lines.append("| %s | %s | %s | %s |" % (what, fmt(s), fmt(l),
                                               "%.2f" % (l / s) if s and l else "-"))
        print("bench: %-40s stock %-10s lean %-10s" % (what, fmt(s), fmt(l)))
    if errors:
        lines += ["", "Boots that did not complete:", ""] + ["- " + e for e in errors]
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("bench: results written to %s" % os.path.relpath(args.out, TOP))
    return 0 if all(runs.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
