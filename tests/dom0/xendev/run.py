#!/usr/bin/env python3
"""Boot the hypervisor with dom0 (make dom0) and run xendev inside it.

xendev checks privcmd, evtchn, gntalloc and gntdev end to end and prints one
PASS:/FAIL: line per check; this script passes those lines on, adds a FAIL
line for every check that never reported, and adds its own hypervisor-side
checks: the 'g' debug key lists the grant xendev holds mapped, and dom0's
poweroff turns the machine off without a hypervisor error.  One boot.

xendev goes into dom0 as /usr/bin/xendev in an archive appended to
build/dom0/initrd.img (tests/lib/dom0.py) and runs from dom0's shell.
Usage: run.py [--xen HYPERVISOR] XENDEV_BINARY
(--xen: another hypervisor, such as Debian's Xen 4.17, with gnttab=max-ver:1)
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "lib"))
import dom0  # noqa: E402
from dom0 import Dom0  # noqa: E402
from qemu import Timeout  # noqa: E402

# Every check xendev reports, in order.
CHECKS = [
    "proc-xen-capabilities", "sys-hypervisor-version", "privcmd-xen-version",
    "privcmd-memory-op", "privcmd-grant-query-size", "privcmd-grant-query-bad-domain",
    "evtchn-loopback", "privcmd-map-grant-table", "grant-entry-v1", "gntalloc-gntdev-rw",
    "grant-status-while-mapped", "grant-status-after-unmap", "gntdev-unmap-on-exit",
    "privcmd-mmapbatch-self",
    "privcmd-mmapbatch-own-id", "privcmd-mmapbatch-no-domain", "gntdev-readonly-grant",
    "gntdev-bad-ref", "gntop-version-and-status-frames", "gntop-table-ops",
    "gntop-device-map", "gntop-map-refusals", "gntop-pin-overflow", "gntop-maptrack-full",
    "gntop-copy",
    "gntop-swap", "gntop-transfer-refused", "gntop-cache-flush",
]


def report(ok, name, why):
    print("PASS: xendev: %s" % name if ok else "FAIL: xendev: %s: %s" % (name, why))


def serial_to(m, who):
    """Route serial input to 'Xen' or 'DOM0', whichever it is not yet."""
    states = re.findall(r"\*\*\* Serial input to (Xen|DOM0)", m.out)
    if (states[-1] if states else "Xen") != who:
        m.to_xen() if who == "Xen" else m.to_dom0()


def check_debug_key_g(m, start):
    """While xendev holds its grant mapped, 'g' lists it pinned by d0."""
    pause = m.expect(r"xendev: paused with grant ref (\d+) of d0 mapped", 120, start)
    ref = int(pause.group(1))
    serial_to(m, "Xen")
    at = len(m.out)
    m.send("g")
    m.expect(r"gnttab_usage_print_all \] done", 30, at)
    dump = m.out[at:]
    line = re.search(r"\[0x%03x\]\s+0 0x[0-9a-f]+ 0x([0-9a-f]{8})\s+0 0x[0-9a-f]+ 0x([0-9a-f]+)$"
                     % ref, dump, re.M)
    pin = int(line.group(1), 16) if line else 0
    flags = int(line.group(2), 16) if line else 0
    report(line is not None and (pin & 0xff) >= 1 and flags & 0x18 == 0x18, "debug-key-g",
           "no entry [0x%03x] pinned writable by d0 with GTF_reading|GTF_writing in:\n%s"
           % (ref, dump))
    serial_to(m, "DOM0")
    m.send("\n")


def main():
    argv = sys.argv[1:]
    # 512 grant mappings for dom0, so that xendev can fill its maptrack.
    xen_args, target = "gnttab_max_maptrack_frames=2", "ours"
    if len(argv) == 3 and argv[0] == "--xen":
        dom0.XEN = argv[1]
        # Xen 4.17 as we are: grant tables v1 only.  (smap=0: under QEMU's TCG its
        # dom0 otherwise dies writing its first bounce frame.)
        xen_args += " gnttab=max-ver:1 smap=0"
        target, argv = "reference", argv[2:]
    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if argv[:1] in (["-h"], ["--help"]) else 2
    with open(argv[0], "rb") as f:
        files = {"/usr/bin/xendev": (0o755, f.read())}

    seen = set()
    log = os.path.join(dom0.TOP, "build", "test-logs", "xendev", target + ".log")
    with Dom0(target, smp=2, mem="1G", dom0_mem="512M", xen_args=xen_args, files=files,
              logdir="xendev") as m:
        try:
            m.ready()
            start = len(m.out)
            # Run from the console shell: --pause reads the line we type after 'g'.
            m.send("echo; xendev --pause; echo @@XENDEV=$?\n")
            check_debug_key_g(m, start)
            m.expect(r"@@XENDEV=\d+", 120, start)
            m.send("poweroff\n")
            rc = m.wait_exit(60)
            err = re.search(r"^\(XEN\).*(FATAL|Panic|panic|BUG|Assertion|crashed).*$", m.out, re.M)
            report(rc == 0 and not err, "clean-power-off", "exit status %s, %s (log: %s)"
                   % (rc, err.group(0) if err else "no hypervisor error", log))
        except Timeout as e:
            report(False, "boot", "%s (log: %s)" % (e, log))
        finally:
            m.close()
            for line in m.out.splitlines():
                r = re.match(r"^(PASS|FAIL): xendev: ([\w-]+)", line)
                if r:
                    seen.add(r.group(2))
                    print(line)
    for name in CHECKS:
        if name not in seen:
            report(False, name, "no result (log: %s)" % log)
    return 0


if __name__ == "__main__":
    sys.exit(main())
