#!/usr/bin/env python3
"""Dom0 drives the emulated machine's devices: interrupts through PIRQs.

Two boots of the hypervisor with Debian's kernel as dom0 (make dom0) on QEMU's
q35 machine, with an AHCI disk, a virtio-blk disk and a virtio-net NIC (user
networking with restrict=on: nothing leaves QEMU):

  msi   devices use MSI (AHCI) and MSI-X (virtio); the edge-triggered RTC and the
        negative cases of physdev_op run here; data is written to both disks,
        then dom0 reboots the whole machine;
  intx  dom0 boots with pci=nomsi, so the same devices interrupt through
        level-triggered IO-APIC lines; the data written before the reboot must
        read back.

Each check prints PASS:/FAIL:/SKIP: devices/<name>.  A check that needs an
earlier one (the second boot reads what the first wrote) fails with that reason.
With --xen PATH (Debian's Xen 4.17, for "make reference") the same checks run on
that hypervisor, except those of our debug keys; the expected answers are Xen's.
Usage: devtest.py [--pirqtest PATH] [--xen PATH] [check-name-substring...]
"""
import os
import re
import secrets
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "lib"))
from dom0 import Dom0, TOP, XEN  # noqa: E402
from qemu import Timeout  # noqa: E402

LOGDIR = "dom0-devices"
PIRQTEST = os.path.join(TOP, "build", "tests", "dom0-devices", "pirqtest")
HYPERVISOR = XEN        # --xen: another hypervisor (the reference)
REFERENCE = False

results = []        # (status, name, detail)
BOOT_TIMEOUT = 300  # bounds a hung boot; dom0 normally has its shell well before
FUZZ_CALLS = 3000   # random physdev_op calls after pirqtest's fixed checks


def report(status, name, detail=""):
    line = "%s: devices/%s" % (status, name)
    if detail:
        line += " (%s)" % detail if status == "SKIP" else ": %s" % detail
    print(line, flush=True)
    results.append((status, name, detail))


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def run_check(name, fn, *args):
    """Run one check; its exception becomes a FAIL line (with the boot's log)."""
    try:
        skip = fn(*args)
        if skip:
            report("SKIP", name, skip)
        else:
            report("PASS", name)
        return True
    except (AssertionError, Timeout) as e:
        report("FAIL", name, str(e))
    except Exception:
        report("FAIL", name, traceback.format_exc().splitlines()[-1])
    return False


# ------------------------------------------------------------------ helpers

def interrupts(m):
    """dom0's /proc/interrupts as {(type, name): count summed over vCPUs}."""
    out = m.must("cat /proc/interrupts")
    table = {}
    for line in out.splitlines():
        f = re.match(r"\s*(\d+):\s+([\d\s]+?)\s+(\S+)\s+(-\S+)\s+(.*\S)\s*$", line)
        if f:
            key = (f.group(4), f.group(5))
            table[key] = table.get(key, 0) + sum(int(c) for c in f.group(2).split())
    return table


def find_irqs(table, kind, name_re):
    """The (type, name) keys of the lines with type 'kind' whose name matches: at
    least one (a multi-queue device has a line per queue)."""
    keys = [k for k in table if k[0] == kind and re.search(name_re, k[1])]
    check(keys, "a '%s' line named /%s/ in /proc/interrupts (all: %s)"
          % (kind, name_re, sorted(table)))
    return keys


def find_irq(table, kind, name_re):
    keys = find_irqs(table, kind, name_re)
    check(len(keys) == 1, "one '%s' line named /%s/, found %s" % (kind, name_re, keys))
    return keys[0]


def rises(m, kind, name_re, action):
    """The interrupts of the matching lines grow while 'action' (a shell command) runs."""
    keys = find_irqs(interrupts(m), kind, name_re)
    before = sum(interrupts(m)[k] for k in keys)
    m.must(action, 180)
    after = sum(interrupts(m).get(k, 0) for k in keys)
    check(after > before, "%s %s: %d interrupts before '%s', %d after"
          % (kind, [k[1] for k in keys], before, action, after))
    return after - before


def virtio_of(m, driver):
    """The virtio device name (virtioN) a driver is bound to."""
    names = m.must("devtest.sh virtio %s" % driver).split()
    check(len(names) == 1, "one %s device, found %s" % (driver, names))
    return names[0]


def netdev_of(m, driver):
    """The interface a driver created."""
    names = m.must("devtest.sh netdev %s" % driver).split()
    check(len(names) == 1, "one %s interface, found %s" % (driver, names))
    return names[0]


def healthy(m):
    for bad in ("WARNING: CPU:", "BUG:", "Oops", "Kernel panic", "general protection fault",
                "xen map irq failed", "Failed to setup GSI", "Failed to obtain physical IRQ",
                "Failed to add - passthrough"):
        check(bad not in m.out, "the boot log has '%s'" % bad)
    for bad in ("FATAL", "Panic", "unexpected interrupt", "unhandled interrupt"):
        check(bad not in m.out, "the hypervisor logged '%s'" % bad)


def qemu_devices(disk_ahci, disk_vblk):
    return ["-drive", "file=%s,if=none,format=raw,id=ahci0" % disk_ahci,
            "-device", "ide-hd,drive=ahci0,bus=ide.0",
            "-drive", "file=%s,if=none,format=raw,id=vblk0" % disk_vblk,
            "-device", "virtio-blk-pci,drive=vblk0",
            "-netdev", "user,id=net0,restrict=on",
            "-device", "virtio-net-pci,netdev=net0"]


def boot(name, disks, smp, dom0_args="", files=None):
    # SMAP off on the reference: under TCG, Xen 4.17 faults on its own bounce
    # frames with it (ours turns it off by itself there).
    m = Dom0(name, smp=smp, mem="1G", dom0_mem="512M", machine="q35", logdir=LOGDIR,
             dom0_args=dom0_args, files=files, qemu_args=qemu_devices(*disks),
             xen=HYPERVISOR, cpu="max,-smap" if REFERENCE else "max")
    try:
        m.ready(timeout=BOOT_TIMEOUT)
    except BaseException:
        m.close()       # stops QEMU and writes the log
        raise
    return m


# ------------------------------------------------------------------ checks

def disks_seen(m):
    out = m.must("ls /sys/block")
    check("sda" in out.split() and "vda" in out.split(), "dom0 sees sda and vda: %s" % out.split())


def boot_clean(m):
    healthy(m)
    check(re.search(r"rtc_cmos \S+: registered as rtc0", m.out), "rtc_cmos registered")
    check(re.search(r"serio: i8042 KBD port", m.out), "i8042 found its keyboard port")
    check("i8042: probe of i8042 failed" not in m.out, "i8042 probed")
    # Linux's xen_mcelog asks HYPERVISOR_mca for the physical CPUs.
    check("xen_mcelog: /dev/mcelog registered by Xen" in m.out, "xen_mcelog set up")
    check(find_irq(interrupts(m), "-virq", r"^mce$"), "VIRQ_MCA bound")
    for bdf in ("00:1f.2", "00:02.0", "00:03.0"):
        check(re.search(r"PCI add device 0000:%s" % bdf, m.out),
              "the hypervisor recorded PCI device %s" % bdf)


def rtc_edge(m):
    """An RTC alarm: ISA IRQ 8, an edge-triggered GSI, reaches dom0."""
    key = find_irq(interrupts(m), "-ioapic-edge", r"^rtc0$")
    before = interrupts(m)[key]
    m.must("devtest.sh rtc-alarm 2")
    for _ in range(20):             # bounded: the alarm is 2 s away
        time.sleep(0.5)             # pacing only
        if interrupts(m)[key] > before:
            return None
    raise AssertionError("rtc0 interrupts stayed at %d after a 2 s alarm" % before)


def read_disk(dev):
    return "devtest.sh read %s" % dev


def msi_ahci(m):
    rises(m, "-msi", r"^ahci\[0000:00:1f\.2\]$", read_disk("sda"))


def msix_virtio_blk(m):
    rises(m, "-msi-x", r"^%s-req\.\d+$" % virtio_of(m, "virtio_blk"), read_disk("vda"))


def net_ping(m, kind, rx_fmt):
    """Ping QEMU's user-net gateway through a bridge in dom0 over the virtio NIC."""
    nic = netdev_of(m, "virtio_net")
    rx_re = rx_fmt % virtio_of(m, "virtio_net")
    # The link comes up (the script waits up to 10 s), then pings go out and come back.
    out = m.must("devtest.sh bridge %s" % nic, 60)
    check(out.strip() == "up", "%s link is up: %s" % (nic, out.strip()))
    rx = rises(m, kind, rx_re, "ping -c 3 -W 5 10.0.2.2")
    out = m.must("ping -c 2 -W 5 10.0.2.2")
    check(re.search(r" 0% packet loss", out), "no packet lost: %s" % out.strip()[-120:])
    return None if rx else "no receive interrupts"


def pirq_refusals(m):
    # The fixed numbers are QEMU's q35: COM1 on GSI 4, the PIT moved to GSI 2 by the
    # MADT, GSI 21 (slot 1's line, the VGA's, which has no INTx) unused, 24 pins.
    # No fuzz on the reference: Xen 4.17 records any device dom0 reports and then
    # dereferences NULL in PHYSDEVOP_prepare_msix for one without MSI-X.
    fuzz = 0 if REFERENCE else FUZZ_CALLS
    out = m.sh("/usr/libexec/pirqtest --uart-gsi 4 --pit-gsi 2 --free-gsi 21 --nr-gsis 24 "
               "--ioapic 0xfec00000 --fuzz %d" % fuzz, 300)[1]
    bad = [l for l in out.splitlines() if l.startswith("pirqtest:") and l.endswith("BAD")]
    check(re.search(r"^pirqtest: 0 bad$", out, re.M), "pirqtest: %s" % ("; ".join(bad) or out[-300:]))
    check(len([l for l in out.splitlines() if l.endswith(" ok")]) >= 30, "all pirqtest checks ran")
    if fuzz:
        check(re.search(r"^pirqtest: fuzz %d calls" % fuzz, out, re.M), "the fuzz ran to its end")


def xen_irq_dump(m):
    """Debug key 'i': the hypervisor's view of the same bindings."""
    if REFERENCE:
        return "the dump's format is ours"
    m.to_xen()
    start = len(m.out)
    m.send("i")
    m.expect(r"IO-APIC \d+ \(GSI base", 30, start)
    time.sleep(1)                   # pacing only: let the pin list finish printing
    dump = m.out[start:]
    m.to_dom0()
    check(re.search(r"IRQ +4 vec 0x\w+ GSI +edge +\d+ irqs hypervisor: com1", dump),
          "the console UART's line is the hypervisor's: %s" % dump[:400])
    check(re.search(r"IRQ +2 vec \S+ GSI .*hypervisor: PIT", dump), "the PIT's line is kept")
    check(re.search(r"IRQ +8 .*GSI +edge .*d0 pirq 8 port \d+", dump), "RTC (GSI 8) bound to dom0")
    check(re.search(r"IRQ +\d+ .*MSI +edge .*d0 pirq \d+ port \d+", dump), "an MSI bound to dom0")
    check(re.search(r"IRQ +\d+ .*MSIX +edge .*d0 pirq \d+ port \d+", dump), "MSI-X bound to dom0")


def write_disks(m, token):
    """An ext2 file system on vda with a file, a raw block on sda; then reboot."""
    m.must("devtest.sh write %s" % token, 180)
    m.send("reboot\n")
    m.expect(r"Hardware Dom0 shutdown: rebooting machine", 120)
    check(m.wait_exit(60) == 0, "the reboot resets the machine (QEMU -no-reboot exits)")


def disks_persist(m, token):
    out = m.must("devtest.sh show")
    check("vda: %s\n" % token in out, "vda's file after the reboot: %r, wrote %r" % (out, token))
    check("sda: sda-%s\n" % token in out, "sda's block after the reboot: %r" % out)


def intx_ahci(m):
    rises(m, "-ioapic-level", r"^ahci\[0000:00:1f\.2\]$", read_disk("sda"))


def intx_virtio_blk(m):
    rises(m, "-ioapic-level", r"^%s$" % virtio_of(m, "virtio_blk"), read_disk("vda"))


# ------------------------------------------------------------------ boots

def dom0_files():
    """What the tests add to dom0: pirqtest and devtest.sh (in the PATH)."""
    with open(PIRQTEST, "rb") as f:
        pirqtest = f.read()
    with open(os.path.join(HERE, "devtest.sh"), "rb") as f:
        script = f.read()
    return {"/usr/libexec/pirqtest": (0o755, pirqtest), "/usr/bin/devtest.sh": (0o755, script)}


def msi_boot(disks, token, wanted):
    files = dom0_files()
    checks = [("msi-boot-clean", boot_clean), ("disks-seen", disks_seen),
              ("gsi-edge-rtc", rtc_edge), ("msi-ahci", msi_ahci),
              ("msix-virtio-blk", msix_virtio_blk),
              ("msix-virtio-net-bridge-ping",
               lambda m: net_ping(m, "-msi-x", r"^%s-input\.\d+$")),
              ("pirq-refusals", pirq_refusals), ("xen-irq-dump", xen_irq_dump)]
    written = False
    try:
        m = boot("msi", disks, smp=2, files=files)
    except Exception as e:
        for name, _ in checks + [("disk-write-reboot", None)]:
            report("FAIL", name, "dom0 did not boot: %s (log: build/test-logs/%s/msi.log)"
                   % (e, LOGDIR))
        return False
    with m:
        for name, fn in checks:
            if selected(name, wanted):
                run_check(name, fn, m)
        written = run_check("disk-write-reboot", write_disks, m, token)
    return written


def intx_boot(disks, token, written, wanted):
    checks = [("intx-ahci", intx_ahci), ("intx-virtio-blk", intx_virtio_blk),
              ("intx-virtio-net-bridge-ping",
               lambda m: net_ping(m, "-ioapic-level", r"^%s$")),
              ("intx-boot-clean", lambda m: healthy(m))]
    try:
        m = boot("intx", disks, smp=1, dom0_args="pci=nomsi", files=dom0_files())
    except Exception as e:
        for name, _ in checks + [("disk-persist-after-reboot", None)]:
            report("FAIL", name, "dom0 did not boot: %s (log: build/test-logs/%s/intx.log)"
                   % (e, LOGDIR))
        return
    with m:
        if written:
            run_check("disk-persist-after-reboot", disks_persist, m, token)
        else:
            report("FAIL", "disk-persist-after-reboot", "nothing was written before the reboot")
        for name, fn in checks:
            if selected(name, wanted):
                run_check(name, fn, m)
        m.send("poweroff\n")
        m.wait_exit(180)


def selected(name, wanted):
    return not wanted or any(w in name for w in wanted)


def make_disk(path, mib):
    with open(path, "wb") as f:
        f.truncate(mib << 20)


def main():
    global PIRQTEST, HYPERVISOR, REFERENCE, LOGDIR
    args = sys.argv[1:]
    while args[:1] in (["--pirqtest"], ["--xen"]) and len(args) > 1:
        if args[0] == "--pirqtest":
            PIRQTEST = args[1]
        else:
            HYPERVISOR, REFERENCE, LOGDIR = args[1], True, "dom0-devices-ref"
        args = args[2:]
    logs = os.path.join(TOP, "build", "test-logs", LOGDIR)
    os.makedirs(logs, exist_ok=True)
    disks = (os.path.join(logs, "ahci.img"), os.path.join(logs, "vblk.img"))
    for d in disks:
        make_disk(d, 32)
    token = secrets.token_hex(8)
    try:
        written = msi_boot(disks, token, args)
        intx_boot(disks, token, written, args)
    finally:
        for d in disks:
            if os.path.exists(d):
                os.unlink(d)
    return 1 if any(s == "FAIL" for s, _, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
