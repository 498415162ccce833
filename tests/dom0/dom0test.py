#!/usr/bin/env python3
"""Dom0 integration tests: Debian's stock kernel as PV dom0 on our hypervisor.

Each test boots the hypervisor with build/dom0/{vmlinuz,initrd.img} under QEMU
and checks, from dom0's shell and the hypervisor's console, what a user would:
dom0 is privileged (control_d), sees the hypervisor's version, has the vCPUs and
memory it was given, runs its start-up hooks and xenstored, and powers the machine
off or reboots it.  Prints one PASS:/FAIL: line per test.
Usage: dom0test.py [test-name-substring...]
"""
import os
import re
import sys
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from dom0 import Dom0  # noqa: E402
from qemu import Timeout  # noqa: E402

TESTS = []


def test(fn):
    TESTS.append((fn.__name__.replace("_", "-"), fn))
    return fn


def check(cond, what):
    if not cond:
        raise AssertionError(what)


# A start-up hook, added to the initramfs the way any test adds its own.
HOOK = {"/etc/dom0.d/50-test-hook": (0o755, "#!/bin/sh\necho \"hook ran as $(id -u)\" > /run/hook\n")}


def healthy_linux(m):
    """No kernel warning, oops or BUG on dom0's console."""
    for bad in ("WARNING: CPU:", "BUG:", "Oops", "Kernel panic", "general protection fault"):
        check(bad not in m.out, "dom0's kernel logged '%s'" % bad)


def common_checks(m, ncpus, mem_mib):
    check(m.must("cat /proc/xen/capabilities").strip() == "control_d",
          "/proc/xen/capabilities says control_d")
    ver = m.must("cat /sys/hypervisor/type /sys/hypervisor/version/major "
                 "/sys/hypervisor/version/minor").split()
    check(ver == ["xen", "4", "17"], "/sys/hypervisor reports xen 4.17, not %s" % ver)
    check(int(m.must("grep -c ^processor /proc/cpuinfo")) == ncpus, "%d vCPUs online" % ncpus)
    total = int(m.must("awk '/^MemTotal/ { print int($2 / 1024) }' /proc/meminfo"))
    # MemTotal excludes the kernel image, its page array (memmap, also for the
    # memory dom0 may balloon up to), other boot reservations and the 64 MiB
    # swiotlb (contiguous DMA memory from XENMEM_exchange).  On Xen 4.17 the same
    # dom0 with dom0_mem=512M shows 359 MiB.
    check(mem_mib * 0.75 - 80 <= total <= mem_mib, "MemTotal %d MiB for dom0_mem=%dM" % (total, mem_mib))
    check(m.must("cat /run/hook").strip() == "hook ran as 0", "/etc/dom0.d hook ran")
    check(m.must("xenstore-read /local/domain/0/name").strip() == "Domain-0",
          "xenstored answers with dom0's name")
    # Through dom0's kernel (its xenbus ring, served by our xenstored), both ways.
    m.must("XENSTORED_PATH=/dev/xen/xenbus xenstore-write /local/domain/0/test-ring ok")
    check(m.must("xenstore-read /local/domain/0/test-ring").strip() == "ok",
          "a write through the kernel's xenbus ring reaches xenstored")
    check(m.must("XENSTORED_PATH=/dev/xen/xenbus xenstore-read /local/domain/0/name").strip()
          == "Domain-0", "a read through the kernel's xenbus ring")
    # Every vCPU takes its own timer VIRQ ("timerN", counted in column N).
    lines = m.must("grep -E ' timer[0-9]+$' /proc/interrupts").splitlines()
    for cpu in range(ncpus):
        line = [l for l in lines if l.split()[-1] == "timer%d" % cpu]
        check(line and int(line[0].split()[1 + cpu]) > 0,
              "vCPU%d receives its timer events: %s" % (cpu, line))


def xen_sees_dom0(m, ncpus):
    """Ctrl-A x3, debug key q: dom0 is there with its vCPUs; then back to dom0."""
    m.to_xen()
    start = len(m.out)
    m.send("q")
    m.expect(r"Idle domain: \d+ vCPUs", 30, start)
    dump = re.sub(r"\(XEN\) \[ *[\d.]+\] ", "", m.out[start:])
    check(re.search(r"General information for domain 0:\n    refcnt=\d+ dying=0 "
                    r"pause_count=0 privileged=1", dump), "dom0 alive and privileged in 'q'")
    dom0 = dump[dump.index("VCPU information for domain 0:"):dump.index("Idle domain:")]
    vcpus = re.findall(r"VCPU(\d+): CPU\d+ \[has=.\] pause_count=0 pause_flags=\d+ (\w+)", dom0)
    check(len(vcpus) == ncpus and all(st in ("running", "runnable", "blocked") for _, st in vcpus),
          "dom0's %d vCPUs are up in 'q': %s" % (ncpus, vcpus))
    m.to_dom0()
    check(m.must("echo back").strip() == "back", "input returns to dom0")


@test
def smp1_256M_poweroff():
    with Dom0("smp1-256M-poweroff", smp=1, mem="1G", dom0_mem="256M", files=HOOK) as m:
        m.ready()
        common_checks(m, 1, 256)
        xen_sees_dom0(m, 1)
        healthy_linux(m)
        m.send("poweroff\n")
        # Linux turns the machine off through ACPI S5 (XENPF_enter_acpi_sleep).
        m.expect(r"Powering off", 120)
        check(m.wait_exit(60) == 0, "dom0's poweroff turns the machine off")
        check("dom0: stopped" in m.out, "dom0's shutdown scripts ran")


@test
def smp2_1G_reboot():
    # An e1000 NIC on QEMU's user network, restricted: traffic stays inside QEMU.
    with Dom0("smp2-1G-reboot", smp=2, mem="2G", dom0_mem="1G", files=HOOK,
              qemu_args=["-netdev", "user,id=n0,restrict=on", "-device", "e1000,netdev=n0"]) as m:
        m.ready()
        common_checks(m, 2, 1024)
        # e1000 needs DMA-able memory (the swiotlb, from XENMEM_exchange) and its
        # IO-APIC line as a PIRQ.
        out = m.must("ip addr add 10.0.2.15/24 dev eth0 && ip link set eth0 up && "
                     "ping -c 2 -W 5 10.0.2.2 && grep eth0 /proc/interrupts")
        check("2 packets received" in out, "ping over e1000 to QEMU's gateway: %s" % out[-200:])
        # Work on both vCPUs at once, then both come back.
        # In a subshell: the interactive shell's job messages would interleave later.
        out = m.must("(for c in 0 1; do taskset -c $c sh -c 'i=0; while [ $i -lt 20000 ]; do "
                     "i=$((i+1)); done; echo done$0' $c & done; wait)")
        check("done0" in out and "done1" in out, "work pinned to each vCPU completes")
        xen_sees_dom0(m, 2)
        healthy_linux(m)
        m.send("reboot\n")
        m.expect(r"Hardware Dom0 shutdown: rebooting machine", 120)
        check(m.wait_exit(60) == 0, "dom0's reboot resets the machine (QEMU -no-reboot exits)")


def main():
    wanted = sys.argv[1:]
    failed = 0
    for name, fn in TESTS:
        if wanted and not any(w in name for w in wanted):
            continue
        try:
            fn()
            print("PASS: dom0/%s" % name, flush=True)
        except (AssertionError, Timeout) as e:
            failed += 1
            print("FAIL: dom0/%s: %s (log: build/test-logs/dom0/%s.log)" % (name, e, name),
                  flush=True)
        except Exception:
            failed += 1
            print("FAIL: dom0/%s: %s" % (name, traceback.format_exc().splitlines()[-1]),
                  flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
