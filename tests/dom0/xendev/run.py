#!/usr/bin/env python3
"""Boot our hypervisor with Debian's kernel as dom0 and run xendev inside it.

xendev (installed as /etc/dom0.d/50-xendev) checks privcmd, evtchn, gntalloc
and gntdev end to end and prints one PASS:/FAIL: line per check; this script
passes those lines on, adds a FAIL line for every check that never reported,
and adds its own hypervisor-side checks: the 'g' debug key shows the grant
xendev holds mapped, and the machine powers off without a hypervisor error.

Dom0 comes from build/dom0/{vmlinuz,initrd.img} when `make dom0` has built
them (our archive is appended to the initramfs); otherwise a minimal one is
made here from linux-image-amd64 and busybox-static (tests/lib/fetch-deb.sh).
Usage: run.py [--xen HYPERVISOR] XENDEV_BINARY
"""
import glob
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(TOP, "tests", "boot"))
from qemu import Machine, Timeout  # noqa: E402

XEN = os.path.join(TOP, "xen", "xen")
WORK = os.path.join(TOP, "build", "tests", "xendev")
LOGS = os.path.join(TOP, "build", "test-logs", "xendev")
DOM0 = os.path.join(TOP, "build", "dom0")
MODULES = ["xen-privcmd", "xenfs", "xen-evtchn", "xen-gntdev", "xen-gntalloc"]

# Every check xendev reports, in order.
CHECKS = [
    "proc-xen-capabilities", "sys-hypervisor-version", "privcmd-xen-version",
    "privcmd-memory-op", "privcmd-grant-query-size", "privcmd-grant-query-bad-domain",
    "evtchn-loopback", "privcmd-map-grant-table", "grant-entry-v1", "gntalloc-gntdev-rw",
    "grant-status-while-mapped", "grant-status-after-unmap", "privcmd-mmapbatch-self",
    "privcmd-mmapbatch-own-id", "privcmd-mmapbatch-no-domain", "gntdev-readonly-grant",
    "gntdev-bad-ref", "gntop-version-and-status-frames", "gntop-table-ops",
    "gntop-device-map", "gntop-map-refusals", "gntop-pin-overflow", "gntop-copy",
    "gntop-swap", "gntop-transfer-refused", "gntop-cache-flush",
]

INIT = """#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in %s; do insmod /lib/modules/$m.ko || echo "init: insmod $m failed"; done
mkdir -p /proc/xen
mount -t xenfs xenfs /proc/xen || echo "init: cannot mount xenfs"
for t in /etc/dom0.d/*; do [ -x "$t" ] && "$t"; done
echo "init: done"
poweroff -f
""" % " ".join(MODULES)

STEP = """#!/bin/sh
exec /usr/bin/xendev --pause </dev/console
"""


def fetch_deb(pkg):
    out = subprocess.run([os.path.join(TOP, "tests", "lib", "fetch-deb.sh"), pkg],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    return out.strip().splitlines()[-1]


def cpio_newc(root, dest, compress):
    """Archive the tree under root (newc format, as the kernel wants)."""
    files = subprocess.run(["find", "."], cwd=root, check=True, stdout=subprocess.PIPE).stdout
    data = subprocess.run(["cpio", "-o", "-H", "newc", "--quiet"], cwd=root, input=files,
                          check=True, stdout=subprocess.PIPE).stdout
    with open(dest, "wb") as f:
        f.write(gzip.compress(data, 1) if compress else data)


def base_dom0():
    """Kernel and a minimal initramfs (busybox, the xen modules, an init)."""
    kernel = os.path.join(WORK, "vmlinuz")
    initrd = os.path.join(WORK, "base-initrd.img")
    if os.path.exists(kernel) and os.path.exists(initrd):
        return kernel, initrd
    with tempfile.TemporaryDirectory(dir=WORK) as tmp:
        image, busybox = fetch_deb("linux-image-amd64"), fetch_deb("busybox-static")
        subprocess.run(["dpkg-deb", "-x", image, os.path.join(tmp, "k")], check=True)
        subprocess.run(["dpkg-deb", "-x", busybox, os.path.join(tmp, "b")], check=True)
        root = os.path.join(tmp, "root")
        for d in ["bin", "dev", "proc", "sys", "etc/dom0.d", "lib/modules", "usr/bin"]:
            os.makedirs(os.path.join(root, d))
        shutil.copy(os.path.join(tmp, "b", "bin", "busybox"), os.path.join(root, "bin"))
        for m in MODULES:
            found = glob.glob(os.path.join(tmp, "k", "lib", "modules", "*", "kernel",
                                           "drivers", "xen", "**", m + ".ko"), recursive=True)
            if not found:
                raise RuntimeError("%s.ko not in %s" % (m, image))
            shutil.copy(found[0], os.path.join(root, "lib", "modules"))
        with open(os.path.join(root, "init"), "w") as f:
            f.write(INIT)
        os.chmod(os.path.join(root, "init"), 0o755)
        cpio_newc(root, initrd + ".tmp", True)
        vm = glob.glob(os.path.join(tmp, "k", "boot", "vmlinuz-*"))[0]
        shutil.copy(vm, kernel + ".tmp")
        os.rename(initrd + ".tmp", initrd)
        os.rename(kernel + ".tmp", kernel)
    return kernel, initrd


def dom0_with_xendev(xendev):
    """The dom0 kernel, and an initramfs that runs xendev from /etc/dom0.d."""
    if os.path.exists(os.path.join(DOM0, "vmlinuz")) and \
       os.path.exists(os.path.join(DOM0, "initrd.img")):
        kernel, base = os.path.join(DOM0, "vmlinuz"), os.path.join(DOM0, "initrd.img")
    else:
        kernel, base = base_dom0()
    initrd = os.path.join(WORK, "initrd.img")
    with tempfile.TemporaryDirectory(dir=WORK) as root:
        os.makedirs(os.path.join(root, "etc", "dom0.d"))
        os.makedirs(os.path.join(root, "usr", "bin"))
        shutil.copy(xendev, os.path.join(root, "usr", "bin", "xendev"))
        step = os.path.join(root, "etc", "dom0.d", "50-xendev")
        with open(step, "w") as f:
            f.write(STEP)
        os.chmod(step, 0o755)
        cpio_newc(root, initrd + ".ours", False)
    # The kernel unpacks concatenated archives in order (later files win); each
    # must start at a 4-byte boundary, zeros in between are skipped.
    with open(initrd, "wb") as out:
        for part in (base, initrd + ".ours"):
            out.write(b"\0" * (-out.tell() % 512))
            with open(part, "rb") as f:
                shutil.copyfileobj(f, out)
    os.unlink(initrd + ".ours")
    return kernel, initrd


def serial_to(m, who):
    """Route serial input to 'Xen' or 'DOM0' (Ctrl-A three times toggles)."""
    states = re.findall(r"\*\*\* Serial input to (Xen|DOM0)", m.out)
    if (states[-1] if states else "Xen") != who:
        start = len(m.out)
        m.send("\x01\x01\x01")
        m.expect(r"\*\*\* Serial input to %s" % who, 30, start)


def report(ok, name, why):
    print("PASS: xendev: %s" % name if ok else "FAIL: xendev: %s: %s" % (name, why))


def check_debug_key_g(m):
    """While xendev holds its grant mapped, 'g' lists it as pinned by d0."""
    pause = m.expect(r"xendev: paused with grant ref (\d+) of d0 mapped", 240)
    ref = int(pause.group(1))
    serial_to(m, "Xen")
    start = len(m.out)
    m.send("g")
    m.expect(r"gnttab_usage_print_all \] done", 30, start)
    dump = m.out[start:]
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
    xen, target = XEN, "ours"
    if len(argv) == 3 and argv[0] == "--xen":
        xen, target, argv = argv[1], "reference", argv[2:]
    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        print(__doc__.strip().splitlines()[-1])
        return 0 if argv[:1] in (["-h"], ["--help"]) else 2
    os.makedirs(WORK, exist_ok=True)
    os.makedirs(LOGS, exist_ok=True)
    kernel, initrd = dom0_with_xendev(argv[0])
    args = ["-machine", "pc", "-cpu", "max", "-smp", "2", "-m", "1G",
            "-kernel", xen, "-append",
            "console=com1 loglvl=all guest_loglvl=all dom0_mem=512M dom0_max_vcpus=1" +
            # Xen 4.17 as we are: grant tables v1 only.  (smap=0: under TCG its
            # dom0 otherwise dies writing its first bounce frame.)
            (" gnttab=max-ver:1 smap=0" if target == "reference" else ""),
            "-initrd", "%s console=hvc0,%s" % (kernel, initrd)]
    log = os.path.join(LOGS, target + ".log")
    seen = set()
    with Machine(args, log) as m:
        try:
            check_debug_key_g(m)
            m.expect(r"xendev: \d+ failure\(s\)", 120)
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
