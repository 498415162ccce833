"""Boot the hypervisor with dom0 (make dom0) under QEMU and drive dom0's shell.

    with Dom0("smp2", smp=2, files={"/etc/dom0.d/50-mine": (0o755, "#!/bin/sh\n...")}) as m:
        m.ready()
        rc, out = m.sh("cat /proc/xen/capabilities")

A test adds its own files to dom0 by appending a gzip'd cpio archive to
build/dom0/initrd.img (Linux unpacks concatenated archives in order, later files
replacing earlier ones); executables in /etc/dom0.d/ run before the shell starts.
The Machine's timeouts only bound a test that would otherwise hang; nothing here
asserts on wall time.
"""
import gzip
import os
import re
import time

from qemu import Machine

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
XEN = os.path.join(TOP, "xen", "xen")
DOM0_DIR = os.path.join(TOP, "build", "dom0")
VMLINUZ = os.path.join(DOM0_DIR, "vmlinuz")
INITRD = os.path.join(DOM0_DIR, "initrd.img")


def newc(files):
    """A cpio archive ("newc" format) of {path: (mode, bytes-or-str)}; parent
    directories are added as needed."""
    entries, dirs = [], set()
    for path in sorted(files):
        parts = path.strip("/").split("/")
        for i in range(1, len(parts)):
            d = "/".join(parts[:i])
            if d not in dirs:
                dirs.add(d)
                entries.append((d, 0o040755, b""))
        mode, data = files[path]
        if isinstance(data, str):
            data = data.encode()
        entries.append(("/".join(parts), 0o100000 | mode, data))
    entries.append(("TRAILER!!!", 0, b""))

    out = bytearray()
    for ino, (name, mode, data) in enumerate(entries, 1):
        nameb = name.encode() + b"\0"
        hdr = "070701" + "".join("%08X" % v for v in (
            ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(nameb), 0))
        out += hdr.encode() + nameb
        out += b"\0" * (-len(out) % 4)
        out += data
        out += b"\0" * (-len(out) % 4)
    return bytes(out)


def initrd_with(files, path):
    """Write dom0's initramfs followed by an archive of 'files' to 'path'."""
    with open(INITRD, "rb") as f:
        base = f.read()
    with open(path, "wb") as f:
        f.write(base)
        f.write(b"\0" * (-len(base) % 4))
        f.write(gzip.compress(newc(files), 6))
    return path


class Dom0(Machine):
    """The hypervisor and dom0 under QEMU; its log goes to build/test-logs/<logdir>/<name>.log."""

    def __init__(self, name, smp=2, mem="2G", dom0_mem="512M", xen_args="", dom0_args="",
                 files=None, qemu_args=(), machine="pc", cpu="max", logdir="dom0", xen=XEN,
                 kernel=VMLINUZ):
        logs = os.path.join(TOP, "build", "test-logs", logdir)
        os.makedirs(logs, exist_ok=True)
        initrd = INITRD
        self.tmp_initrd = None
        if files:
            self.tmp_initrd = initrd = initrd_with(files, os.path.join(logs, name + ".initrd"))
        xen_cmdline = "console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all"
        if dom0_mem:
            xen_cmdline += " dom0_mem=" + dom0_mem
        if xen_args:
            xen_cmdline += " " + xen_args
        dom0_cmdline = ("console=hvc0 " + dom0_args).strip()
        args = ["-machine", machine, "-cpu", cpu, "-smp", str(smp), "-m", mem,
                "-kernel", xen, "-append", xen_cmdline,
                "-initrd", "%s %s,%s" % (kernel, dom0_cmdline.replace(",", ",,"), initrd)]
        self.started = time.monotonic()
        super().__init__(args + list(qemu_args), os.path.join(logs, name + ".log"))
        self.n = 0

    def ready(self, timeout=600):
        """Wait for dom0's shell, then make it quiet and non-echoing for sh()."""
        self.expect(r"^dom0 ready: ", timeout)
        self.expect(r"built-in shell \(ash\)", 60)
        self.sh("stty -echo; dmesg -n 1")

    def sh(self, cmd, timeout=120):
        """Run 'cmd' in dom0's shell; return (exit status, output)."""
        self.n += 1
        tag = "T%d" % self.n
        start = len(self.out)
        self.send("echo @@B%s; %s; echo @@E%s=$?\n" % (tag, cmd, tag))
        m = self.expect(r"@@E%s=(\d+)$" % tag, timeout, start)
        # The prompt precedes the begin marker on its line (input is not echoed).
        b = re.compile(r"@@B%s\n" % tag).search(self.out, start)
        body = self.out[b.end() if b else start:m.start()]
        return int(m.group(1)), body

    def must(self, cmd, timeout=120):
        """Run 'cmd'; its output, or AssertionError if it exits non-zero."""
        rc, out = self.sh(cmd, timeout)
        if rc != 0:
            raise AssertionError("dom0: '%s' exited %d: %s" % (cmd, rc, out.strip()[-300:]))
        return out

    def to_xen(self):
        """Switch the serial input to the hypervisor (Ctrl-A three times)."""
        start = len(self.out)
        self.send(b"\x01\x01\x01")
        self.expect(r"\*\*\* Serial input to Xen", 30, start)

    def to_dom0(self):
        start = len(self.out)
        self.send(b"\x01\x01\x01")
        self.expect(r"\*\*\* Serial input to DOM0", 30, start)

    def close(self):
        super().close()
        if self.tmp_initrd and os.path.exists(self.tmp_initrd):
            os.unlink(self.tmp_initrd)
