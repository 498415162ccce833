#!/usr/bin/env python3
"""Run the PV benchmark guests on Xen 4.17 and on our hypervisor, side by side.

Each benchmark guest (build/guests-bench/<name>.elf) boots as dom0 under the
same QEMU as the test guests, once on each hypervisor, and prints lines
"BENCH <figure> <value> <unit>".  This prints, per figure, Xen 4.17's value,
ours and the ratio ours/Xen (lower is better for both), and writes the same
table to the markdown file given with --out.  A hypervisor that cannot run a
guest gets "n/a" with the reason.  The figures are virtual-TSC cycles under
QEMU's TCG: compare them with each other, not with hardware.

Usage: bench.py --xen-ref PATH --ours PATH --out FILE [name ...]
"""
import argparse
import datetime
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402

TOP = run.TOP
BENCH_RE = re.compile(r"^BENCH (\S+) (\d+) (\S+)\s*$", re.M)


def measure(xen, guests_dir, name, target):
    """Boot one benchmark guest; return ({figure: (value, unit)}, error)."""
    logdir = os.path.join(TOP, "build", "test-logs", "guests", target)
    status, why = run.run_guest(xen, guests_dir, name, target, logdir)
    figures = {}
    log = os.path.join(logdir, name + ".log")
    if os.path.exists(log):
        with open(log, errors="replace") as f:
            for fig, value, unit in BENCH_RE.findall(f.read()):
                figures[fig] = (int(value), unit)
    if status != "PASS":
        return figures, why or status
    return figures, None


def combine(runs):
    """{figure: (median over the runs, unit)} of a list of measure() results."""
    out = {}
    for fig in sorted(set().union(*runs)) if runs else []:
        vals = sorted(r[fig][0] for r in runs if fig in r)
        unit = next(r[fig][1] for r in runs if fig in r)
        out[fig] = (vals[len(vals) // 2], unit)
    return out


def describe(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, cwd=TOP,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def short(reason):
    reason = re.sub(r"\s*\(log: [^)]*\)", "", reason or "")
    return reason if len(reason) <= 160 else reason[:157] + "..."


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--xen-ref", required=True, help="Xen 4.17 hypervisor image")
    ap.add_argument("--ours", required=True, help="our hypervisor image")
    ap.add_argument("--out", required=True, help="markdown file to write")
    ap.add_argument("--guests-dir", default=os.path.join(TOP, "build", "guests-bench"))
    ap.add_argument("--rounds", type=int, default=3,
                    help="boots per hypervisor and guest (default 3)")
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()

    names = args.names or run.list_guests(args.guests_dir)
    if not names:
        print("bench: no benchmark guests in %s" % args.guests_dir)
        return 1

    rows = []          # (guest, figure, unit, xen value, ours value)
    problems = []      # (hypervisor, guest, reason)
    for name in names:
        # Boots alternate between the hypervisors, ROUNDS each, and every
        # figure is the median over the boots: the emulator's speed drifts
        # with the load on the host, and alternating spreads that evenly.
        ref_runs, ours_runs = [], []
        ref_err = ours_err = None
        if not os.path.exists(args.ours):
            ours_err = "%s not built" % os.path.relpath(args.ours, TOP)
        for _ in range(args.rounds):
            figs, err = measure(args.xen_ref, args.guests_dir, name, "bench-xen-4.17")
            if err:
                ref_err = ref_err or err
            else:
                ref_runs.append(figs)
            if ours_err is None or ours_runs:
                figs, err = measure(args.ours, args.guests_dir, name, "bench-ours")
                if err:
                    ours_err = ours_err or err
                else:
                    ours_runs.append(figs)
        if ref_err:
            problems.append(("Xen 4.17", name, short(ref_err)))
        if ours_err:
            problems.append(("ours", name, short(ours_err)))
        ref, ours = combine(ref_runs), combine(ours_runs)
        for fig in sorted(set(ref) | set(ours)):
            unit = (ref.get(fig) or ours.get(fig))[1]
            rows.append((name, fig, unit, ref.get(fig, (None,))[0],
                         ours.get(fig, (None,))[0]))

    def cell(v):
        return "did not run" if v is None else str(v)

    def ratio(x, o):
        return "%.2f" % (o / x) if x and o is not None else "-"

    header = ("figure", "unit", "Xen 4.17", "ours", "ours/Xen")
    table = [(fig, unit, cell(x), cell(o), ratio(x, o)) for _, fig, unit, x, o in rows]
    widths = [max(len(r[i]) for r in [header] + table) for i in range(5)]
    for r in [header] + table:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    for hv, name, why in problems:
        print("note: %s could not run %s: %s" % (hv, name, why))

    xen_ver = ""
    deb_note = os.path.join(os.path.dirname(os.path.abspath(args.xen_ref)), "deb")
    if os.path.exists(deb_note):
        with open(deb_note) as f:
            m = re.search(r"_(4\.17[^_]*)_", f.read())
            xen_ver = m.group(1) if m else ""
    ours_ver = describe(["git", "describe", "--always", "--dirty"])
    lines = [
        "# PV ABI benchmarks: our hypervisor against Xen 4.17",
        "",
        "Written by `make -C tests/guests bench` (tests/guests/bench.py); do not edit by hand.",
        "",
        "Each figure is measured by the same benchmark guest (tests/guests/bench/), booted",
        "as domain 0 under QEMU's TCG (`-cpu max -smp 2 -m 512M`, `dom0_mem=64M`) on",
        "Debian's Xen 4.17%s and on ours (%s), in one run on %s." % (
            " (%s)" % xen_ver if xen_ver else "", ours_ver or "this tree",
            datetime.date.today().isoformat()),
        "Values are virtual-TSC cycles: each guest takes the median of its repetitions, and",
        "each figure is the median over %d boots per hypervisor, alternating between the" % args.rounds,
        "two so that changes in the host's load fall on both.  Lower is better, and",
        "ours/Xen below 1 means we are faster.  Emulated cycles are only comparable with",
        "each other, not with hardware.",
        "",
        "| benchmark | figure | Xen 4.17 | ours | ours/Xen |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for name, fig, unit, x, o in rows:
        lines.append("| %s | `%s` (%s) | %s | %s | %s |" % (name, fig, unit, cell(x),
                                                         cell(o), ratio(x, o)))
    lines += [
        "",
        "What each figure is:",
        "",
        "- `null_hypercall_page`, `null_hypercall_syscall`: one `xen_version(XENVER_version)`",
        "  through the hypercall page, and by a bare `syscall` from guest kernel mode.",
        "- `multicall_32_per_entry`: one entry of a 32-entry multicall of null hypercalls;",
        "  `multicall_1`: a whole multicall of one entry.",
        "- `mmu_update_256_per_entry`: one L1 update in a batch of 256 (each one changes the",
        "  frame mapped, so each is validated); `update_va_mapping`: one PTE update with a",
        "  local INVLPG.",
        "- `evtchn_rtt_block`: vCPU 0 sends an IPI event to vCPU 1, which answers; both wait",
        "  in `SCHEDOP_block` and wake through the event upcall.  `evtchn_rtt_spin`: the same",
        "  with masked ports polled by both sides (notification cost alone).",
    ]
    if problems:
        lines += ["", "Runs that did not complete (\"did not run\" above):", ""]
        for hv, name, why in problems:
            lines.append("- %s, `%s`: %s" % (hv, name, why))
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("bench: results written to %s" % os.path.relpath(args.out, TOP))
    # Xen 4.17 must run every benchmark; ours may not be able to yet.
    return 1 if any(hv == "Xen 4.17" for hv, _, _ in problems) else 0


if __name__ == "__main__":
    sys.exit(main())
