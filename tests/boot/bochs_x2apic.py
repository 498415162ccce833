#!/usr/bin/env python3
"""The local APIC in x2APIC mode, which QEMU's TCG does not offer: boot
build/xen.iso (GRUB, multiboot2) under Bochs emulating a Haswell with x2APIC
and the TSC-deadline timer, 2 CPUs.  The hypervisor must choose x2APIC, read
its APIC ID through the MSR interface, start the second CPU with INIT-SIPI
through the x2APIC ICR, and run its timers (TSC deadline) far enough to report
both CPUs up.

Prints "PASS: boot/bochs-x2apic-smp2" or FAIL with the reason.  Log:
build/test-logs/boot/bochs-x2apic.log.  Bounded: Bochs is killed after 240 s.
"""
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, "..", ".."))
ISO = os.path.join(TOP, "build", "xen.iso")
LOG = os.path.join(TOP, "build", "test-logs", "boot", "bochs-x2apic.log")
NAME = "boot/bochs-x2apic-smp2"

BOCHSRC = """\
megs: 512
cpu: model=corei7_haswell_4770, count=2, ips=50000000
romimage: file=/usr/share/bochs/BIOS-bochs-latest
vgaromimage: file=/usr/share/vgabios/vgabios.bin
ata0-master: type=cdrom, path={iso}, status=inserted
boot: cdrom
com1: enabled=1, mode=file, dev={serial}
display_library: rfb, options="timeout=0"
log: {blog}
panic: action=fatal
clock: sync=none, time0=local
"""

WANT = [
    (r"Local APIC in x2APIC mode, timer: TSC deadline", "the hypervisor chose x2APIC"),
    (r"ACPI: MADT: 2 CPUs", "the MADT was read (our APIC ID through the x2APIC MSR)"),
    (r"Brought up 2 CPUs", "the second CPU started through the x2APIC ICR"),
]


def main():
    os.makedirs(os.path.dirname(LOG), exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        serial = os.path.join(tmp, "serial.txt")
        rc = os.path.join(tmp, "bochsrc")
        with open(rc, "w") as f:
            f.write(BOCHSRC.format(iso=ISO, serial=serial, blog=os.path.join(tmp, "bochs.log")))
        # Debian's Bochs is built with its debugger: it stops at the first
        # instruction and waits for "c" on stdin (kept open while it runs).
        p = subprocess.Popen(["bochs", "-q", "-f", rc], stdin=subprocess.PIPE,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
        p.stdin.write(b"c\n")
        p.stdin.flush()
        text = ""
        deadline = time.monotonic() + 240
        try:
            while time.monotonic() < deadline and p.poll() is None:
                time.sleep(2)
                if os.path.exists(serial):
                    with open(serial, errors="replace") as f:
                        text = f.read()
                if re.search(WANT[-1][0], text) or "Panic on CPU" in text:
                    time.sleep(1)
                    with open(serial, errors="replace") as f:
                        text = f.read()
                    break
        finally:
            p.kill()
            p.wait()
        with open(LOG, "w") as f:
            f.write(text)
    for rx, what in WANT:
        if not re.search(rx, text):
            print("FAIL: %s: %s: no /%s/ (log: %s)" % (NAME, what, rx, os.path.relpath(LOG, TOP)))
            return 1
    if "Panic on CPU" in text:
        print("FAIL: %s: the hypervisor panicked (log: %s)" % (NAME, os.path.relpath(LOG, TOP)))
        return 1
    print("PASS: %s" % NAME)
    return 0


if __name__ == "__main__":
    sys.exit(main())
