#!/usr/bin/env python3
"""Build a small dom0 initramfs: busybox, an /init script, and kernel modules.

usage: mkinitrd.py --modroot DIR --busybox FILE --init FILE --out FILE.gz
                   [--file SRC:DEST ...] MODULE...

MODROOT is an extracted linux-image package (it holds lib/modules/<version>/).
Each MODULE (a name such as virtio_net) is copied with everything it depends on,
read from the "depends=" field of each module's .modinfo section, and listed in
/etc/modules.order in an order where every module follows its dependencies, so
/init can insmod them one by one.  The archive is a gzip'd cpio "newc" archive
written here directly: no root, no device nodes, deterministic contents.
"""
import argparse
import gzip
import os
import re
import stat
import sys


def find_modules(modroot):
    """Map module name -> path of its .ko under lib/modules/<version>/."""
    base = os.path.join(modroot, "lib", "modules")
    versions = sorted(os.listdir(base)) if os.path.isdir(base) else []
    if len(versions) != 1:
        sys.exit("mkinitrd: expected one kernel version under %s, found %s" % (base, versions))
    found = {}
    for dirpath, _, files in os.walk(os.path.join(base, versions[0])):
        for f in files:
            if f.endswith(".ko"):
                found[f[:-3].replace("-", "_")] = os.path.join(dirpath, f)
    return found


def module_depends(path):
    with open(path, "rb") as f:
        data = f.read()
    m = re.search(rb"(?:^|\0)depends=([^\0]*)\0", data)
    if not m or not m.group(1):
        return []
    return [d.decode().replace("-", "_") for d in m.group(1).split(b",") if d]


def load_order(wanted, available):
    """Modules in wanted plus their dependencies, dependencies first."""
    order, state = [], {}

    def visit(name, chain):
        if state.get(name) == "done":
            return
        if name in chain:
            sys.exit("mkinitrd: dependency loop: %s" % " -> ".join(chain + [name]))
        if name not in available:
            sys.exit("mkinitrd: module %s (needed by %s) not found" %
                     (name, chain[-1] if chain else "command line"))
        for dep in module_depends(available[name]):
            visit(dep, chain + [name])
        state[name] = "done"
        order.append(name)

    for w in wanted:
        visit(w.replace("-", "_"), [])
    return order


class Cpio:
    """Writer for the "newc" cpio format that the Linux kernel unpacks."""

    def __init__(self):
        self.parts = []
        self.ino = 1
        self.dirs = set()

    def _entry(self, name, mode, data=b""):
        hdr = "070701" + "".join("%08x" % v for v in (
            self.ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name) + 1, 0))
        self.ino += 1
        blob = hdr.encode() + name.encode() + b"\0"
        blob += b"\0" * (-len(blob) % 4) + data
        blob += b"\0" * (-len(blob) % 4)
        self.parts.append(blob)

    def mkdir(self, name):
        if not name:
            return
        parent = os.path.dirname(name)
        if parent and parent not in self.dirs:
            self.mkdir(parent)
        if name not in self.dirs:
            self.dirs.add(name)
            self._entry(name, stat.S_IFDIR | 0o755)

    def add(self, name, data, mode=0o644):
        self.mkdir(os.path.dirname(name))
        self._entry(name, stat.S_IFREG | mode, data)

    def symlink(self, name, target):
        self.mkdir(os.path.dirname(name))
        self._entry(name, stat.S_IFLNK | 0o777, target.encode())

    def finish(self):
        self._entry("TRAILER!!!", 0)
        return b"".join(self.parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--modroot", required=True)
    ap.add_argument("--busybox", required=True)
    ap.add_argument("--init", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--file", action="append", default=[], metavar="SRC:DEST")
    ap.add_argument("modules", nargs="*")
    args = ap.parse_args()

    order = load_order(args.modules, find_modules(args.modroot)) if args.modules else []
    available = find_modules(args.modroot) if order else {}
    c = Cpio()
    for d in ("dev", "proc", "sys", "tmp", "mnt", "etc", "lib/modules"):
        c.mkdir(d)
    with open(args.busybox, "rb") as f:
        c.add("bin/busybox", f.read(), 0o755)
    c.symlink("bin/sh", "busybox")
    with open(args.init, "rb") as f:
        c.add("init", f.read(), 0o755)
    for name in order:
        with open(available[name], "rb") as f:
            c.add("lib/modules/%s.ko" % name, f.read())
    c.add("etc/modules.order", "".join(n + "\n" for n in order).encode())
    for spec in args.file:
        src, dest = spec.split(":", 1)
        with open(src, "rb") as f:
            c.add(dest.lstrip("/"), f.read(), 0o755 if os.access(src, os.X_OK) else 0o644)
    tmp = args.out + ".tmp"
    with open(tmp, "wb") as f:
        f.write(gzip.compress(c.finish(), 6, mtime=0))
    os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
