#!/usr/bin/env python3
"""Boot tests of the bare hypervisor under QEMU, asserting on its serial log.

Each test boots xen/xen (multiboot1 through QEMU's -kernel, or multiboot2 through
the GRUB ISO) and checks what a user would look at: CPUs and memory found, every
CPU's timer ticking, the debug keys answering, and clear messages for bad input.
Prints one PASS:/FAIL: line per test.  Usage: boottest.py [test-name-substring...]
"""
import os
import re
import sys
import tempfile
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from qemu import Machine, Timeout  # noqa: E402

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
XEN = os.path.join(TOP, "xen", "xen")
ISO = os.path.join(TOP, "build", "xen.iso")
LOGS = os.path.join(TOP, "build", "test-logs", "boot")
CMDLINE = "console=com1 com1=115200,8n1 loglvl=all"


def boot(name, qemu_args, cmdline=CMDLINE, initrd=None):
    args = list(qemu_args) + ["-kernel", XEN, "-append", cmdline]
    if initrd:
        args += ["-initrd", initrd]
    return Machine(args, os.path.join(LOGS, name + ".log"))


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def mem_mib(m):
    return int(m.expect(r"Memory: (\d+) MiB RAM").group(1))


def timers_tick(m, ncpus):
    """Every CPU's timer interrupt count is positive and grows between two dumps."""
    def counts():
        start = len(m.out)
        m.send("r")
        m.expect(r"CPU\[%02d\].*timer interrupts=\d+" % (ncpus - 1), 30, start)
        found = re.findall(r"CPU\[(\d+)\] tick=\d+, timer interrupts=(\d+)", m.out[start:])
        return {int(c): int(n) for c, n in found}
    first = counts()
    time.sleep(1)       # pacing only: let the timers run before looking again
    second = counts()
    check(sorted(first) == list(range(ncpus)), "scheduler shows CPUs %s" % sorted(first))
    for cpu in range(ncpus):
        check(second.get(cpu, 0) > first[cpu],
              "CPU%d timer interrupts %d then %d" % (cpu, first[cpu], second.get(cpu, -1)))


def debug_keys(m):
    m.key("h", r"key 'q' \(ascii '71'\) => dump domain")
    m.key("q", r"Idle domain: \d+ vCPUs")
    m.key("m", r"Heap: \d+ pages free")
    m.key("a", r"Dumping timer queues")
    m.key("i", r"local timer interrupts")
    m.key("t", r"System time \d+\.\d+ s since boot")
    m.key("v", r"Command line: ")
    m.key("d", r"Xen call trace:")


def config_test(name, qemu, ncpus, mem_expect):
    def run():
        with boot(name, qemu) as m:
            m.expect(r"\*\*\* Serial input to Xen")
            check(re.search(r"Brought up %d CPUs" % ncpus, m.out), "Brought up %d CPUs" % ncpus)
            got = mem_mib(m)
            check(abs(got - mem_expect) <= 2, "found %d MiB, expected ~%d" % (got, mem_expect))
            timers_tick(m, ncpus)
            debug_keys(m)
            check("FATAL" not in m.out and "Panic" not in m.out, "no fatal errors")
    return name, run


TESTS = [
    config_test("smp1-128M-max", ["-machine", "pc", "-cpu", "max", "-smp", "1", "-m", "128M"], 1, 127),
    config_test("smp2-2G-svm", ["-machine", "pc", "-cpu", "qemu64,+svm,+npt", "-smp", "2", "-m", "2G"], 2, 2047),
    config_test("smp4-8G-max", ["-machine", "pc", "-cpu", "max", "-smp", "4", "-m", "8G"], 4, 8191),
    config_test("q35-smp2-1G", ["-machine", "q35", "-cpu", "max", "-smp", "2", "-m", "1G"], 2, 1023),
]


def test(fn):
    TESTS.append((fn.__name__.replace("_", "-"), fn))
    return fn


@test
def grub_multiboot2():
    if not os.path.exists(ISO):
        raise AssertionError("build/xen.iso missing (make iso)")
    m = Machine(["-machine", "pc", "-cpu", "max", "-smp", "2", "-m", "1G", "-cdrom", ISO,
                 "-boot", "d"], os.path.join(LOGS, "grub-multiboot2.log"))
    with m:
        m.expect(r"Bootloader: GRUB 2[^\n]*\(multiboot2\)", 120)
        m.expect(r"\*\*\* Serial input to Xen", 60)
        check(re.search(r"Brought up 2 CPUs", m.out), "2 CPUs")
        check(abs(mem_mib(m) - 1023) <= 2, "memory")
        timers_tick(m, 2)
        m.key("h", r"key 'r' \(ascii '72'\)")


@test
def conswitch_and_reboot():
    with boot("conswitch", ["-smp", "2", "-m", "256M"]) as m:
        m.expect(r"\*\*\* Serial input to Xen")
        m.key("\x01\x01\x01", r"\*\*\* Serial input to DOM0")
        m.key("\x01\x01\x01", r"\*\*\* Serial input to Xen")
        m.key("\x01h", r"'\?' pressed -> no such debug key|key 'h'")
        m.key("R", r"Rebooting")
        check(m.wait_exit(30) == 0, "QEMU exits on reset (-no-reboot)")


@test
def unknown_option_reported():
    with boot("unknown-option", ["-m", "256M"], CMDLINE + " frobnicate=7 no-such-flag") as m:
        m.expect(r"\*\*\* Serial input to Xen")
        check('parameter "frobnicate" unknown!' in m.out, "frobnicate reported")
        check('parameter "no-such-flag" unknown!' in m.out, "no-such-flag reported")


@test
def bad_option_values_reported():
    with boot("bad-values", ["-m", "256M"],
              CMDLINE + " maxcpus=lots sched=nosuch dom0_mem=plenty x2apic=maybe") as m:
        m.expect(r"\*\*\* Serial input to Xen")
        for opt, val in (("maxcpus", "lots"), ("dom0_mem", "plenty"), ("x2apic", "maybe")):
            check('parameter "%s" has invalid value "%s"' % (opt, val) in m.out, opt)
        check("Could not find scheduler: nosuch" in m.out, "unknown scheduler reported")


def module_file(content):
    f = tempfile.NamedTemporaryFile(delete=False, dir=os.path.join(TOP, "build"))
    f.write(content)
    f.close()
    return f.name


@test
def malformed_module_panics_clearly():
    path = module_file(b"this is not a kernel\n" * 200)
    try:
        with boot("malformed-module", ["-m", "256M"], initrd=path) as m:
            m.expect(r"Panic on CPU 0:")
            m.expect(r"Could not set up DOM0 guest OS: boot module 1 .* is neither an ELF image "
                     r"nor a Linux bzImage")
            m.expect(r"Reboot in five seconds")
            check(m.wait_exit(60) == 0, "machine resets after the panic")
    finally:
        os.unlink(path)


@test
def empty_module_noreboot_halts():
    path = module_file(b"")
    try:
        with boot("empty-module", ["-m", "256M"], CMDLINE + " noreboot", initrd=path) as m:
            m.expect(r"Boot module 1 .* is empty")
            m.expect(r"Manual reset required \('noreboot' specified\)")
    finally:
        os.unlink(path)


MINIKERNEL = os.path.join(TOP, "build", "minikernel", "minikernel")


@test
def absurd_dom0_mem_clamped():
    with boot("dom0-mem", ["-m", "256M"], CMDLINE + " dom0_mem=999T", initrd=MINIKERNEL) as m:
        m.expect(r"minikernel: running as dom0, start_info magic xen-3.0-x86_64")
        check(re.search(r"dom0_mem=999T asks for \d+ MiB but only \d+ MiB can be given: "
                        r"clamped", m.out), "clamp warning")
        check(re.search(r"Dom0 kernel: ELF64", m.out), "module recognised")
        m.expect(r"Hardware Dom0 halted: halting machine")
        check(m.wait_exit(60) == 0, "dom0 power-off powers the machine off")


@test
def dom0_without_xen_notes_refused():
    path = module_file(b"\x7fELF\x02\x01\x01" + b"\0" * 57 + b"\0" * 4096)
    try:
        with boot("dom0-no-notes", ["-m", "256M"], initrd=path) as m:
            m.expect(r"Could not set up DOM0 guest OS: ")
            m.expect(r"Panic on CPU 0:")
            check(m.wait_exit(60) == 0, "machine resets after the panic")
    finally:
        os.unlink(path)


def main():
    os.makedirs(LOGS, exist_ok=True)
    wanted = sys.argv[1:]
    failed = 0
    for name, fn in TESTS:
        if wanted and not any(w in name for w in wanted):
            continue
        try:
            fn()
            print("PASS: boot/%s" % name, flush=True)
        except (AssertionError, Timeout) as e:
            failed += 1
            print("FAIL: boot/%s: %s (log: build/test-logs/boot/%s.log)" % (name, e, name),
                  flush=True)
        except Exception:
            failed += 1
            print("FAIL: boot/%s: %s" % (name, traceback.format_exc().splitlines()[-1]), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
