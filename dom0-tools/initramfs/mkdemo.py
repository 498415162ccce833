#!/usr/bin/env python3
"""mkdemo.py OUT: dom0's initramfs with a demo PV guest added, for `make run`.

OUT is written as build/dom0/initrd.img followed by a second (gzip'd cpio)
archive that holds:

    /etc/xen/demo.cfg                  the guest's xl config
    /var/lib/xen/images/demo/vmlinuz   Debian's linux-image-cloud-amd64 kernel
    /var/lib/xen/images/demo/initrd.gz a busybox initramfs with a shell on hvc0

so that `xl create -c /etc/xen/demo.cfg` in dom0 starts a domU and joins its
console.  The guest's kernel and initramfs are the ones tests/domu boots
(tests/domu/domu.py builds them under build/domu/).  Linux unpacks the
concatenated archives in order (Documentation/driver-api/early-userspace).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(TOP, "tests", "lib"))
sys.path.insert(0, os.path.join(TOP, "tests", "domu"))
import dom0  # noqa: E402
import domu  # noqa: E402

IMAGES = "/var/lib/xen/images/demo"

DEMO_CFG = """\
# A small PV guest for trying the toolstack in `make run`'s dom0:
#   xl create -c /etc/xen/demo.cfg      (Ctrl-] leaves its console)
#   xl list; xl console demo; xl shutdown demo; xl destroy demo
# Debian's cloud kernel and a busybox initramfs; no disk or network yet.
name = "demo"
kernel = "{images}/vmlinuz"
ramdisk = "{images}/initrd.gz"
extra = "console=hvc0"
memory = 128
vcpus = 1
on_poweroff = "destroy"
on_reboot = "restart"
on_crash = "destroy"
""".format(images=IMAGES)


def main():
    if len(sys.argv) != 2 or sys.argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 0 if len(sys.argv) == 2 else 2
    out = sys.argv[1]
    try:
        kernel = domu.cloud_kernel()
        initrd = domu.domu_initrd()
    except Exception as e:      # a download or a missing busybox: say which
        print("mkdemo: cannot build the demo guest: %s" % e, file=sys.stderr)
        return 1
    files = {"/etc/xen/demo.cfg": (0o644, DEMO_CFG)}
    for src, name in ((kernel, "vmlinuz"), (initrd, "initrd.gz")):
        with open(src, "rb") as f:
            files[IMAGES + "/" + name] = (0o644, f.read())
    tmp = out + ".tmp"
    dom0.initrd_with(files, tmp)
    os.replace(tmp, out)
    print("mkdemo: %s: dom0's initramfs with the demo guest (%d KiB)"
          % (os.path.relpath(out, TOP), os.path.getsize(out) // 1024))
    return 0


if __name__ == "__main__":
    sys.exit(main())
