"""Drive a QEMU machine over its serial console, for boot tests and benchmarks.

A Machine starts qemu-system-x86_64 with the serial port on stdio, collects
everything it prints, and lets a test wait for a pattern (bounded in time) and
type keys.  Nothing here asserts on wall time: timeouts only bound a test that
would otherwise hang.
"""
import os
import re
import select
import signal
import subprocess
import time

QEMU = os.environ.get("QEMU", "qemu-system-x86_64")


class Timeout(Exception):
    pass


class Machine:
    def __init__(self, args, log_path=None):
        self.args = [QEMU, "-display", "none", "-serial", "stdio", "-monitor", "none",
                     "-no-reboot", "-nic", "none"] + args
        self.out = ""
        self.log_path = log_path
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
            return self.proc.poll() is None
        self.out += data.decode("utf-8", "replace").replace("\r", "")
        return True

    def expect(self, pattern, timeout=60, start=0):
        """Wait until 'pattern' (a regex) appears after offset 'start'; return the match."""
        rx = re.compile(pattern, re.M)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.out, start)
            if m:
                return m
            if self.proc.poll() is not None:
                while self._read(0):
                    pass
                m = rx.search(self.out, start)
                if m:
                    return m
                raise Timeout("machine exited (status %s) before /%s/ appeared"
                              % (self.proc.returncode, pattern))
            left = deadline - time.monotonic()
            if left <= 0:
                raise Timeout("no /%s/ within %ss" % (pattern, timeout))
            self._read(min(left, 0.5))

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass

    def key(self, k, answer, timeout=30):
        """Type a debug key and wait for 'answer' in what follows."""
        start = len(self.out)
        self.send(k)
        return self.expect(answer, timeout, start)

    def wait_exit(self, timeout=60):
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(0.5)
        while self._read(0):
            pass
        if self.proc.poll() is None:
            raise Timeout("machine still running after %ss" % timeout)
        return self.proc.returncode

    def close(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        while self._read(0):
            pass
        if self.log_path:
            with open(self.log_path, "w") as f:
                f.write(" ".join(self.args) + "\n\n" + self.out)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
