#!/usr/bin/env python3
"""Boot each PV test guest as domain 0 under QEMU and report its result.

Every guest in build/guests (an <name>.elf with its <name>.run settings) is
booted on the given hypervisor: the hypervisor is QEMU's -kernel, the guest
the first module (-initrd).  The guest prints through console_io and ends
with "Test result: SUCCESS|FAILURE|SKIP|ERROR"; this prints one line per
guest:

    PASS: guests/<name>
    FAIL: guests/<name>: <reason>
    SKIP: guests/<name> (<reason>)

and keeps each serial log under build/test-logs/guests/<target>/.

A guest that wants console input prints "pvguest: input request: <text>"
and the runner types <text> and Enter.  Every boot is bounded in time; no
assertion is made on how long anything takes.

Usage: run.py --xen PATH --target NAME [--guests-dir DIR] [name ...]
"""
import argparse
import os
import re
import select
import signal
import subprocess
import sys
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
QEMU = os.environ.get("QEMU", "qemu-system-x86_64")

# The machine every guest boots on (the run file adds vCPUs and options).
QEMU_ARGS = ["-machine", "pc", "-cpu", "max", "-m", "512M", "-display", "none",
             "-serial", "stdio", "-monitor", "none", "-no-reboot", "-nic", "none"]
XEN_CMDLINE = ("console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all "
               "dom0_mem=64M,max:64M")

RESULT_RE = re.compile(r"^Test result: (SUCCESS|FAILURE|SKIP|ERROR)\s*$", re.M)
INPUT_RE = re.compile(r"^pvguest: input request: (\S+)[ \t]*\n", re.M)
# The hypervisor has handed its serial console to dom0 (boot finished).
BOOTED_RE = re.compile(r"\*\*\* Serial input to", re.M)
# The library's banner: the guest runs.
STARTED_RE = re.compile(r"^--- pvguest: ", re.M)
# Lines after which the machine is known to be stopping, or stuck for good.
HALT_RE = re.compile(r"Hardware Dom0 halted|Hardware Dom0 shutdown|"
                     r"Hardware Dom0 crashed|Panic on CPU|"
                     r"Manual reset required|Reboot in five seconds", re.M)
# The guest is gone without a result line: no point waiting for one.
CRASH_RE = re.compile(r"Hardware Dom0 crashed|Domain 0 crashed|Panic on CPU|"
                      r"domain_crash", re.M)
# What explains a failure: the guest's first complaint, then how it ended.
GUEST_REASON_RE = re.compile(r"^(?:Failure|Error): .*$|^Unhandled exception .*$", re.M)
END_REASON_RE = re.compile(r"^.*(?:Panic on CPU|Could not set up DOM0|"
                           r"Hardware Dom0 crashed|Domain 0 crashed|domain_crash|"
                           r"d0v\d+ .*crash).*$", re.M)
DOM0_REASON_RE = re.compile(r"^.*(?:[Dd]om(?:ain )?0).*(?:not |fail|error|cannot|"
                            r"refus|unsupported).*$", re.M)


def read_run_file(path):
    cfg = {"vcpus": "2", "timeout": "60", "xen_args": ""}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                cfg[k.strip()] = v.strip()
    return cfg


class Boot:
    """One QEMU run: collects the serial output, answers input requests."""

    def __init__(self, xen, elf, cfg, log_path):
        vcpus = cfg["vcpus"]
        cmdline = "%s dom0_max_vcpus=%s %s" % (XEN_CMDLINE, vcpus, cfg["xen_args"])
        self.args = [QEMU] + QEMU_ARGS + ["-smp", vcpus, "-kernel", xen,
                                          "-append", cmdline.strip(), "-initrd", elf]
        self.log_path = log_path
        self.out = ""
        self.answered = 0
        self.proc = subprocess.Popen(self.args, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        os.set_blocking(self.proc.stdout.fileno(), False)

    def _read(self, wait):
        r, _, _ = select.select([self.proc.stdout], [], [], wait)
        if not r:
            return False
        data = self.proc.stdout.read()
        if not data:
            return False
        self.out += data.decode("utf-8", "replace").replace("\r", "")
        return True

    def _answer_input(self):
        reqs = INPUT_RE.findall(self.out)
        while self.answered < len(reqs):
            text = reqs[self.answered]
            self.answered += 1
            time.sleep(0.2)  # pacing only: let the guest block first
            try:
                self.proc.stdin.write(text.encode() + b"\r")
                self.proc.stdin.flush()
            except BrokenPipeError:
                pass

    def run(self, timeout, start_grace=15, exit_grace=10, quiet_limit=20):
        """Run until the result line and the machine stopping, or a limit.

        Returns why the run was cut short ("" when it was not): the whole
        run is bounded by timeout; the time from the hypervisor handing its
        console to dom0 to the guest's banner by start_grace; a started
        guest that prints nothing for quiet_limit seconds, or whose domain
        crashed, is given up on; the time from the result line to the
        machine stopping is bounded by exit_grace.
        """
        start = last_output = time.monotonic()
        booted_at = result_at = crash_at = None
        result_pos = 0
        why = ""
        while self.proc.poll() is None:
            now = time.monotonic()
            if now - start >= timeout:
                why = "no result within %ss" % timeout
                break
            if self._read(0.2):
                last_output = time.monotonic()
            self._answer_input()
            if booted_at is None and BOOTED_RE.search(self.out):
                booted_at = now
            started = STARTED_RE.search(self.out)
            if booted_at is not None and not started and now - booted_at >= start_grace:
                why = "the guest never started"
                break
            if result_at is None:
                m = RESULT_RE.search(self.out)
                if m:
                    result_at, result_pos = now, m.end()
                    continue
                if crash_at is None and CRASH_RE.search(self.out):
                    crash_at = now
                if crash_at is not None and now - crash_at >= 1:
                    why = "the domain crashed"
                    break
                if started and now - last_output >= quiet_limit:
                    why = "no output for %ss" % quiet_limit
                    break
                continue
            if HALT_RE.search(self.out, result_pos):
                # The hypervisor's last words, then stop the machine.
                end = time.monotonic() + 0.5
                while time.monotonic() < end and self._read(0.1):
                    pass
                break
            if now - result_at >= exit_grace:
                break
        self.close()
        return why

    def close(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        while self._read(0):
            pass
        os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        with open(self.log_path, "w") as f:
            f.write(" ".join(self.args) + "\n\n" + self.out)


def failure_reason(out):
    found = [m.group(0).strip() for m in (GUEST_REASON_RE.search(out),
                                          END_REASON_RE.search(out)) if m]
    if not found:
        m = DOM0_REASON_RE.search(out)
        if m:
            found.append(m.group(0).strip())
    if found:
        return "; ".join(found)
    lines = [l for l in out.splitlines() if l.strip()]
    return "last output: " + (lines[-1].strip() if lines else "(nothing)")


def run_guest(xen, guests_dir, name, target, logdir):
    elf = os.path.join(guests_dir, name + ".elf")
    run_file = os.path.join(guests_dir, name + ".run")
    for f in (elf, run_file):
        if not os.path.exists(f):
            return "FAIL", "%s missing (make all first)" % os.path.relpath(f, TOP)
    cfg = read_run_file(run_file)
    log = os.path.join(logdir, name + ".log")
    rel_log = os.path.relpath(log, TOP)
    boot = Boot(xen, elf, cfg, log)
    why = boot.run(int(cfg["timeout"]))
    out = boot.out
    results = RESULT_RE.findall(out)
    if not results:
        return "FAIL", "%s; %s (log: %s)" % (why or "no result line",
                                             failure_reason(out), rel_log)
    res = results[-1]
    if res == "SUCCESS":
        return "PASS", ""
    if res == "SKIP":
        m = re.findall(r"^Skip: (.*)$", out, re.M)
        return "SKIP", (m[-1] if m else "skipped")
    return "FAIL", "%s: %s (log: %s)" % (res, failure_reason(out), rel_log)


def list_guests(guests_dir):
    if not os.path.isdir(guests_dir):
        return []
    return sorted(f[:-4] for f in os.listdir(guests_dir)
                  if f.endswith(".run") and os.path.exists(
                      os.path.join(guests_dir, f[:-4] + ".elf")))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--xen", required=True, help="hypervisor image for -kernel")
    ap.add_argument("--target", required=True,
                    help="label for the logs, e.g. ours or xen-4.17")
    ap.add_argument("--guests-dir", default=os.path.join(TOP, "build", "guests"))
    ap.add_argument("--prefix", default="guests/", help="prefix of each test name")
    ap.add_argument("names", nargs="*", help="guests to run (default: all)")
    args = ap.parse_args()

    logdir = os.path.join(TOP, "build", "test-logs", "guests", args.target)
    names = args.names or list_guests(args.guests_dir)
    if not names:
        print("FAIL: %snone: no guests in %s (make all first)" % (args.prefix, args.guests_dir))
        return 1
    if not os.path.exists(args.xen):
        for n in names:
            print("FAIL: %s%s: hypervisor %s missing" % (args.prefix, n, args.xen), flush=True)
        return 1
    failed = 0
    for name in names:
        status, why = run_guest(args.xen, args.guests_dir, name, args.target, logdir)
        if status == "PASS":
            print("PASS: %s%s" % (args.prefix, name), flush=True)
        elif status == "SKIP":
            print("SKIP: %s%s (%s)" % (args.prefix, name, why), flush=True)
        else:
            failed += 1
            print("FAIL: %s%s: %s" % (args.prefix, name, why), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
