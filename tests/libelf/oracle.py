#!/usr/bin/env python3
"""oracle.py VMLINUX TLIBELF-OUTPUT LOADED-IMAGE

An independent reading of a real kernel (struct unpacking of the ELF file,
written separately from the C code) to check what tlibelf printed and loaded:
program-header extents, every Xen note, the computed layout, the loaded bytes
of each segment and its zeroed bss.  Prints one PASS/FAIL line per check.
"""
import struct
import sys

FEATURES = {"writable_page_tables": 0, "writable_descriptor_tables": 1,
            "auto_translated_physmap": 2, "supervisor_mode_kernel": 3,
            "pae_pgdir_above_4gb": 4, "hvm_callback_vector": 8, "dom0": 11}


def main():
    path, outp, imgp = sys.argv[1:4]
    name = sys.argv[4] if len(sys.argv) > 4 else "vmlinux"
    data = open(path, "rb").read()
    got = dict(l.split("=", 1) for l in open(outp).read().splitlines() if "=" in l)
    failed = 0

    def check(what, ok, detail=""):
        nonlocal failed
        print("%s: libelf/%s/%s%s" % ("PASS" if ok else "FAIL", name, what,
                                      "" if ok else " (" + detail + ")"))
        failed += not ok

    assert data[:4] == b"\x7fELF" and data[4] == 2, "oracle handles ELF64 only"
    entry, phoff = struct.unpack_from("<QQ", data, 24)
    phentsize, phnum = struct.unpack_from("<HH", data, 54)
    phdrs = [struct.unpack_from("<IIQQQQQQ", data, phoff + i * phentsize)
             for i in range(phnum)]
    loads = [p for p in phdrs if p[0] == 1 and p[1] & 7]
    pstart = min(p[4] for p in loads)
    pend = max(p[4] + p[6] for p in loads)

    notes = {}
    for p in phdrs:
        if p[0] != 4 or p[2] == 0:
            continue
        off, end = p[2], p[2] + p[5]
        while end - off >= 12:
            nsz, dsz, typ = struct.unpack_from("<III", data, off)
            nm = data[off + 12:off + 12 + nsz]
            d = off + 12 + (nsz + 3) // 4 * 4
            if nm == b"Xen\0":
                notes[typ] = data[d:d + dsz]
            off = d + (dsz + 3) // 4 * 4

    def num(t):
        b = notes.get(t)
        return None if b is None else int.from_bytes(b, "little")

    def string(t):
        b = notes.get(t)
        return None if b is None else b.split(b"\0")[0][:15].decode()

    def hexv(v):
        return "unset" if v is None else "%#x" % v

    vbase = num(3) or 0
    poff = num(4) or 0
    vstart, vend = pstart + vbase - poff, pend + vbase - poff
    sup, req = 0, 0
    for f in notes.get(10, b"").split(b"\0")[0].decode().split("|"):
        bit = FEATURES.get(f.lstrip("!"))
        if bit is not None:
            sup |= 1 << bit
            if f.startswith("!"):
                req |= 1 << bit
    if 17 in notes:
        sup |= num(17) & 0xffffffff

    want = {
        "pstart": hexv(pstart), "pend": hexv(pend), "e_entry": hexv(entry),
        "phnum": str(phnum), "virt_base": hexv(num(3)),
        "virt_entry": hexv(num(1) if 1 in notes else entry),
        "virt_hypercall": hexv(num(2)), "p2m_base": hexv(num(15)),
        "virt_hv_start_low": hexv(num(12)),
        "phys_entry": hexv(num(18)), "elf_paddr_offset": hexv(poff),
        "virt_kstart": hexv(vstart), "virt_kend": hexv(vend),
        "f_supported": hexv(sup), "f_required": hexv(req),
        "guest_os": string(6) or "", "guest_ver": string(7) or "",
        "xen_ver": string(5) or "", "loader": string(8) or "",
        "unmapped_initrd": str(int(bool(num(16)))),
        "suspend_cancel": str(int(bool(num(14)))),
        "notes_seen": hexv(sum(1 << t for t in notes if 0 < t <= 18)),
    }
    if 13 in notes:
        m, v = struct.unpack("<QQ", notes[13])
        want["l1_mfn_valid"] = "%#x/%#x" % (m, v)
    for k, v in sorted(want.items()):
        check("note/" + k, got.get(k) == v, "got %r, want %r" % (got.get(k), v))
    # Xen's dom0 rules: x86-64 ELF64, XENFEAT_dom0 offered, and
    # supervisor_mode_kernel (bit 3) not required.
    machine = struct.unpack_from("<H", data, 18)[0]
    dom0_ok = machine == 62 and sup & (1 << 11) and not req & (1 << 3)
    check("dom0-check", (got.get("dom0") == "ok") == bool(dom0_ok),
          got.get("dom0", ""))
    check("load-result", got.get("load") == "ok", got.get("load", ""))

    img = open(imgp, "rb").read()
    ok, detail = len(img) == vend - vstart, "image size %d" % len(img)
    for p in loads:
        at = p[4] - pstart
        body = img[at:at + p[5]]
        bss = img[at + p[5]:at + p[6]]
        if body != data[p[2]:p[2] + p[5]]:
            ok, detail = False, "segment at paddr %#x differs" % p[4]
        elif bss.count(0) != len(bss):
            ok, detail = False, "bss of segment at paddr %#x not zero" % p[4]
    check("loaded-bytes", ok, detail)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
