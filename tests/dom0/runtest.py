#!/usr/bin/env python3
"""`make run` as a user meets it: on a terminal (a pty), the dom0 shell comes up
with the demo guest's banner, `xl create -c /etc/xen/demo.cfg` reaches the
guest's console, Ctrl-] (twice: QEMU's escape is Ctrl-] too) returns to dom0,
the guest shuts down, Ctrl-A three times reaches the hypervisor's debug keys,
and Ctrl-] x quits QEMU and make.

Prints one PASS:/FAIL: line per step (run/<step>); the steps depend on each
other, so the first failure fails the rest.  Log: build/test-logs/dom0/make-run.log.
Every wait is bounded; nothing asserts on wall time.
"""
import os
import pty
import re
import select
import signal
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, "..", ".."))
LOG = os.path.join(TOP, "build", "test-logs", "dom0", "make-run.log")
PROMPT = r"dom0:[^\n]*# "


class Failed(Exception):
    pass


class Terminal:
    """`make run` on a pseudo-terminal: what it prints, and keys to type."""

    def __init__(self, argv):
        self.out = ""
        self.n = 0
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(TOP)
            os.execvp(argv[0], argv)

    def _read(self, wait):
        r, _, _ = select.select([self.fd], [], [], wait)
        if not r:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:         # the other side closed: make has exited
            return False
        if not data:
            return False
        self.out += data.decode("utf-8", "replace").replace("\r", "")
        return True

    def expect(self, pattern, timeout, start):
        rx = re.compile(pattern, re.M)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.out, start)
            if m:
                return m
            left = deadline - time.monotonic()
            if left <= 0:
                raise Failed("no /%s/ within %d s" % (pattern, timeout))
            if not self._read(min(left, 1.0)):
                m = rx.search(self.out, start)
                if m:
                    return m
                raise Failed("make run ended before /%s/" % pattern)

    def send(self, keys):
        for ch in keys:             # one at a time: the UART has no FIFO to spare
            os.write(self.fd, ch.encode() if isinstance(ch, str) else bytes([ch]))
            time.sleep(0.02)

    def command(self, line, timeout=120):
        """Run a command in dom0's shell; return what it printed (between markers,
        whether or not the terminal echoes)."""
        self.n += 1
        start = len(self.out)
        self.send("echo @@B%d; %s; echo @@E%d=$?\r" % (self.n, line, self.n))
        m = self.expect(r"^@@E%d=(\d+)$" % self.n, timeout, start)
        b = re.compile(r"^@@B%d\n" % self.n, re.M).search(self.out, start)
        return self.out[b.end() if b else start:m.start()]

    def wait_exit(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.pid = None
                return os.waitstatus_to_exitcode(status)
            self._read(0.5)
        return None

    def close(self):
        if self.pid:
            try:
                os.killpg(os.getpgid(self.pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
        os.close(self.fd)
        os.makedirs(os.path.dirname(LOG), exist_ok=True)
        with open(LOG, "w") as f:
            f.write(self.out)


def steps(t):
    """(name, function) in order; each raises Failed with the reason."""

    def banner():
        m = t.expect(r"^dom0 ready: ", 900, 0)
        t.expect(r"xl create -c /etc/xen/demo\.cfg", 30, m.start())
        t.expect(PROMPT, 60, m.start())
        if t.command("echo ok-$((1 + 1))").strip() != "ok-2":
            raise Failed("dom0's shell does not answer")

    def demo_create_console():
        start = len(t.out)
        t.send("xl create -c /etc/xen/demo.cfg\r")
        t.expect(r"DOMU-MARKER: up ", 300, start)
        time.sleep(1)
        t.send("\r")
        t.send("echo GUEST-$((6 * 7))-$(uname -r)\r")
        t.expect(r"GUEST-42-\S*cloud", 60, start)

    def demo_console_escape():
        t.send(b"\x1d\x1d")
        time.sleep(1)
        out = t.command("xl list")
        if not re.search(r"^demo\s+[1-9]\d*\s+1[23]\d\s+1\s", out, re.M):
            raise Failed("xl list does not show the demo guest: %r" % out)

    def demo_shutdown():
        t.command("xl shutdown -w demo", 240)
        out = t.command("xl list")
        if re.search(r"^demo\s", out, re.M) or "Domain-0" not in out:
            raise Failed("after xl shutdown -w: %r" % out)

    def debug_keys():
        start = len(t.out)
        t.send(b"\x01\x01\x01")
        t.expect(r"\*\*\* Serial input to Xen", 30, start)
        t.send("h")
        t.expect(r"'q' pressed|show this message", 30, start)
        t.send(b"\x01\x01\x01")
        t.expect(r"\*\*\* Serial input to DOM0", 30, start)
        if t.command("echo back-in-dom0").strip() != "back-in-dom0":
            raise Failed("input did not come back to dom0")

    def quit_qemu():
        t.send(b"\x1d")
        t.send("x")
        rc = t.wait_exit(60)
        if rc is None:
            raise Failed("Ctrl-] x did not end make run")

    return [("banner", banner), ("demo-create-console", demo_create_console),
            ("demo-console-escape", demo_console_escape), ("demo-shutdown", demo_shutdown),
            ("debug-keys", debug_keys), ("quit", quit_qemu)]


def main():
    t = Terminal(["make", "-s", "run", "RUN_DEMO=1"])
    failed = 0
    broken = None
    try:
        for name, fn in steps(t):
            if broken:
                print("FAIL: run/%s: not reached (%s failed)" % (name, broken), flush=True)
                failed += 1
                continue
            try:
                fn()
                print("PASS: run/%s" % name, flush=True)
            except Failed as e:
                print("FAIL: run/%s: %s (log: %s)" % (name, e, os.path.relpath(LOG, TOP)),
                      flush=True)
                failed += 1
                broken = name
    finally:
        t.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
