"""What the domU integration tests boot: Debian's cloud kernel and a tiny
busybox initramfs, added to dom0 with the guest configs.

    kernel = cloud_kernel()           # build/domu/vmlinuz (fetched .deb)
    initrd = domu_initrd()            # build/domu/initrd.gz
    files = dom0_files(kernel, initrd, {"stay.cfg": "..."})

The guest's init (busybox) prints "DOMU-MARKER: up <kernel release>" on its
console (hvc0); with "domu.poweroff" on its command line it then powers the
guest off, otherwise it gives a shell on hvc0 (for xl console) and powers
off cleanly when xenbus asks (xl shutdown).
"""
import glob
import gzip
import os
import shutil
import subprocess

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(TOP, "build", "domu")

INITTAB = """\
::sysinit:/etc/rcS
hvc0::respawn:-/bin/sh
::shutdown:/bin/echo DOMU-SHUTDOWN: $(uname -r)
"""

RCS = """\
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
echo "DOMU-MARKER: up $(uname -r) $(grep -c ^processor /proc/cpuinfo) cpu(s) $(awk '/MemTotal/ {print $2}' /proc/meminfo) kB"
if grep -q domu.poweroff /proc/cmdline; then
    echo "DOMU-MARKER: powering off"
    poweroff -f
fi
"""


def newc(entries):
    """A cpio "newc" archive of (name, mode, data-or-target, rdev) tuples;
    mode carries the file type (0o100000 file, 0o040000 dir, 0o120000
    symlink, 0o020000 char device)."""
    out = bytearray()
    for ino, (name, mode, data, rdev) in enumerate(entries + [("TRAILER!!!", 0, b"", (0, 0))], 1):
        if isinstance(data, str):
            data = data.encode()
        nameb = name.encode() + b"\0"
        hdr = "070701" + "".join("%08X" % v for v in (
            ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(nameb), 0))
        out += hdr.encode() + nameb
        out += b"\0" * (-len(out) % 4)
        out += data
        out += b"\0" * (-len(out) % 4)
    return bytes(out)


def busybox():
    """The host's static busybox (busybox-static), as dom0 uses."""
    path = "/bin/busybox"
    if not os.path.exists(path):
        raise RuntimeError("busybox-static is not installed")
    return path


def domu_initrd():
    """build/domu/initrd.gz: busybox, its applets, /etc/inittab and rcS."""
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "initrd.gz")
    bb = busybox()
    if os.path.exists(path) and os.path.getmtime(path) >= max(
            os.path.getmtime(__file__), os.path.getmtime(bb)):
        return path
    with open(bb, "rb") as f:
        bbdata = f.read()
    # Each applet where busybox says it lives (the kernel runs /sbin/poweroff
    # when xenbus asks the guest to power off).
    applets = subprocess.run([bb, "--list-full"], capture_output=True,
                             text=True, check=True).stdout.split()
    dirs = ["bin", "sbin", "usr", "usr/bin", "usr/sbin", "etc", "proc", "sys",
            "dev", "tmp", "root"]
    e = [(d, 0o040755, b"", (0, 0)) for d in dirs]
    e.append(("dev/console", 0o020600, b"", (5, 1)))
    e.append(("bin/busybox", 0o100755, bbdata, (0, 0)))
    for a in applets:
        if a in ("bin/busybox", "linuxrc"):
            continue
        up = "../" * a.count("/")
        e.append((a, 0o120777, up + "bin/busybox", (0, 0)))
    e.append(("init", 0o120777, "bin/busybox", (0, 0)))
    e.append(("etc/inittab", 0o100644, INITTAB, (0, 0)))
    e.append(("etc/rcS", 0o100755, RCS, (0, 0)))
    with open(path + ".tmp", "wb") as f:
        f.write(gzip.compress(newc(e), 6))
    os.replace(path + ".tmp", path)
    return path


def cloud_kernel():
    """build/domu/vmlinuz: the kernel of Debian's linux-image-cloud-amd64,
    fetched with tests/lib/fetch-deb.sh (DEB_CACHE reuses a cache)."""
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, "vmlinuz")
    deb = subprocess.run([os.path.join(TOP, "tests", "lib", "fetch-deb.sh"),
                          "linux-image-cloud-amd64"], capture_output=True,
                         text=True, check=True).stdout.strip()
    stamp = os.path.join(OUT, "vmlinuz.deb")
    if os.path.exists(path) and os.path.exists(stamp) and \
            open(stamp).read() == os.path.basename(deb):
        return path
    tmp = os.path.join(OUT, "pkg")
    shutil.rmtree(tmp, ignore_errors=True)
    subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
    found = glob.glob(os.path.join(tmp, "boot", "vmlinuz-*"))
    if not found:
        raise RuntimeError("%s holds no kernel" % deb)
    shutil.copy(found[0], path)
    shutil.rmtree(tmp)
    with open(stamp, "w") as f:
        f.write(os.path.basename(deb))
    return path


def dom0_files(kernel, initrd, configs, extra=None):
    """Files for Dom0(files=...): the guest's kernel and initrd under
    /root/domu/, each config as /root/domu/NAME, and extra files."""
    files = {}
    with open(kernel, "rb") as f:
        files["/root/domu/vmlinuz"] = (0o644, f.read())
    with open(initrd, "rb") as f:
        files["/root/domu/initrd.gz"] = (0o644, f.read())
    for name, text in configs.items():
        files["/root/domu/" + name] = (0o644, text)
    files.update(extra or {})
    return files
