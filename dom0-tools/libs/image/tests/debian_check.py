#!/usr/bin/env python3
"""debian_check.py READNOTES TEST_XENIMAGE IMAGE FLAVOUR TMPDIR

Check xen-readnotes and the loader on one of Debian's kernels (FLAVOUR is
"generic", xz-compressed, or "cloud", lz4) against facts taken from the
image by other means: this script's own reading of the bzImage header, the
xz and lz4 tools for the payload, readelf for the ELF.  Then damage copies
of the image and expect each to be refused with its reason.  Prints one
PASS/FAIL line per case; exits 1 if any failed.
"""
import json
import os
import re
import struct
import subprocess
import sys

RN, TXI, IMAGE, FLAVOUR, TMP = sys.argv[1:6]
UNAME = os.path.basename(IMAGE)[len("vmlinuz-"):]
PREFIX = f"image/debian-{FLAVOUR}"
failed = False

STRING_NOTES = {0, 5, 6, 7, 8, 9, 10, 11}
NUMBER_NOTES = {1, 2, 3, 4, 12, 14, 15, 16, 18}
NOTE_NAMES = {0: "INFO", 1: "ENTRY", 2: "HYPERCALL_PAGE", 3: "VIRT_BASE",
              4: "PADDR_OFFSET", 5: "XEN_VERSION", 6: "GUEST_OS",
              7: "GUEST_VERSION", 8: "LOADER", 9: "PAE_MODE", 10: "FEATURES",
              11: "BSD_SYMTAB", 12: "HV_START_LOW", 13: "L1_MFN_VALID",
              14: "SUSPEND_CANCEL", 15: "INIT_P2M", 16: "MOD_START_PFN",
              17: "SUPPORTED_FEATURES", 18: "PHYS32_ENTRY"}


def report(name, errors):
    global failed
    if errors:
        failed = True
        print(f"FAIL: {PREFIX}/{name}: " + "; ".join(errors)[:600])
    else:
        print(f"PASS: {PREFIX}/{name}")
    sys.stdout.flush()


def u16(b, o):
    return struct.unpack_from("<H", b, o)[0]


def u32(b, o):
    return struct.unpack_from("<I", b, o)[0]


# ---- the reference, by other means ------------------------------------

DATA = open(IMAGE, "rb").read()
SETUP = ((DATA[0x1f1] or 4) + 1) * 512
OFF = SETUP + u32(DATA, 0x248)
PLEN = u32(DATA, 0x24c)
PAYLOAD = DATA[OFF:OFF + PLEN]
if PAYLOAD.startswith(b"\xfd7zXZ\x00"):
    COMP, TOOL = "xz", ["xz", "-dc"]
elif PAYLOAD.startswith(b"\x02\x21\x4c\x18"):
    COMP, TOOL = "lz4-legacy", ["lz4", "-dc"]
else:
    COMP, TOOL = "unknown", ["false"]
ADVERTISED = u32(PAYLOAD, len(PAYLOAD) - 4)
# The tools get the stream without Linux's trailing size word.
VMLINUX = subprocess.run(TOOL, input=PAYLOAD[:-4], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout
REF = os.path.join(TMP, "vmlinux")
with open(REF, "wb") as f:
    f.write(VMLINUX)

READELF = subprocess.run(["readelf", "-W", "-h", "-l", REF],
                         stdout=subprocess.PIPE, text=True).stdout
ENTRY = int(re.search(r"Entry point address:\s+(0x[0-9a-f]+)", READELF)[1], 16)
PHDRS = re.findall(r"^\s+(LOAD|NOTE)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+"
                   r"(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+"
                   r"([RWE ]+?)\s+(0x[0-9a-f]+)$", READELF, re.M)
LOADS = [dict(offset=int(p[1], 16), vaddr=int(p[2], 16), paddr=int(p[3], 16),
              filesz=int(p[4], 16), memsz=int(p[5], 16),
              flags=("R" if "R" in p[6] else "-") +
                    ("W" if "W" in p[6] else "-") +
                    ("X" if "E" in p[6] else "-"))
         for p in PHDRS if p[0] == "LOAD"]
PSTART = min(s["paddr"] for s in LOADS)
PEND = max(s["paddr"] + s["memsz"] for s in LOADS)


def xen_notes(elf, phdrs):
    """The Xen notes of every PT_NOTE segment, as (type, size, value)."""
    notes = []
    for p in phdrs:
        if p[0] != "NOTE" or int(p[1], 16) == 0:
            continue
        pos, end = int(p[1], 16), int(p[1], 16) + int(p[4], 16)
        while pos + 12 <= end:
            namesz, descsz, typ = struct.unpack_from("<III", elf, pos)
            name = elf[pos + 12:pos + 12 + namesz]
            desc_at = pos + 12 + (namesz + 3) // 4 * 4
            desc = elf[desc_at:desc_at + descsz]
            if name == b"Xen\x00":
                notes.append((pos, typ, desc))
            pos = desc_at + (descsz + 3) // 4 * 4
    return notes


def note_value(typ, desc):
    if typ in STRING_NOTES:
        return desc.split(b"\0")[0].decode("latin-1")
    if typ in NUMBER_NOTES:
        return "0x%x" % int.from_bytes(desc, "little")
    if typ == 17:
        return "0x%x" % u32(desc, 0)
    if typ == 13:
        unit = 4 if len(desc) == 8 else 8
        return {"mask": "0x%x" % int.from_bytes(desc[:unit], "little"),
                "value": "0x%x" % int.from_bytes(desc[unit:2 * unit],
                                                 "little")}
    return desc.hex()


NOTES = xen_notes(VMLINUX, PHDRS)
NOTE = {typ: note_value(typ, desc) for _, typ, desc in NOTES}


def readnotes(*args):
    return subprocess.run([RN, *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True)


# ---- what xen-readnotes says -------------------------------------------

run = readnotes("--json", IMAGE)
try:
    OUT = json.loads(run.stdout)
except ValueError:
    report("json", [f"exit {run.returncode}: {run.stderr.strip()}"])
    sys.exit(1)


def check_container():
    e = []
    want = {"generic": "xz", "cloud": "lz4-legacy"}[FLAVOUR]
    for what, got, exp in [
            ("tool-detected compression", COMP, want),
            ("compression", OUT["compression"], want),
            ("container", OUT["container"], "bzImage"),
            ("payload offset", OUT["payload_offset"], OFF),
            ("payload size", OUT["payload_size"], PLEN),
            ("advertised size", OUT["advertised_size"], ADVERTISED),
            ("decompressed size", OUT["elf"]["size"], len(VMLINUX)),
            ("file size", OUT["file_size"], len(DATA))]:
        if got != exp:
            e.append(f"{what} {got!r}, expected {exp!r}")
    major, minor = map(int, OUT["boot_protocol"].split("."))
    if (major, minor) < (2, 8) or u16(DATA, 0x206) != (major << 8) | minor:
        e.append(f"boot protocol {OUT['boot_protocol']}")
    if not (OUT["kernel_version"] or "").startswith(UNAME + " "):
        e.append(f"kernel version {OUT['kernel_version']!r} does not start "
                 f"with {UNAME!r}")
    return e


def check_elf():
    e = []
    elf = OUT["elf"]
    if (elf["class"], elf["machine"]) != (64, "x86-64"):
        e.append(f"class {elf['class']} machine {elf['machine']}")
    if int(elf["entry"], 16) != ENTRY:
        e.append(f"entry {elf['entry']} != readelf's {ENTRY:#x}")
    segs = [dict(offset=s["offset"], vaddr=int(s["vaddr"], 16),
                 paddr=int(s["paddr"], 16), filesz=s["filesz"],
                 memsz=s["memsz"], flags=s["flags"])
            for s in elf["segments"]]
    if segs != LOADS:
        e.append(f"segments {segs} != readelf's {LOADS}")
    if (int(OUT["pstart"], 16), int(OUT["pend"], 16)) != (PSTART, PEND):
        e.append(f"extent {OUT['pstart']}-{OUT['pend']}")
    if any(s["vaddr"] == 0 for s in LOADS[:1]):
        e.append("first segment at vaddr 0")
    return e


def check_notes():
    e = []
    got = [(n["type"], n["size"], n["value"]) for n in OUT["notes"]]
    want = [(t, len(d), note_value(t, d)) for _, t, d in NOTES]
    if got != want:
        e.append(f"notes {got} != {want}")
    for n in OUT["notes"]:
        if n["name"] != NOTE_NAMES.get(n["type"]):
            e.append(f"note {n['type']} named {n['name']}")
    if len(NOTES) < 15:
        e.append(f"only {len(NOTES)} Xen notes")
    return e


def check_xen_facts():
    """The facts Debian's x86-64 kernels have had since Linux 2.6."""
    e = []
    facts = [("XEN_VERSION", NOTE.get(5), "xen-3.0"),
             ("LOADER", NOTE.get(8), "generic"),
             ("GUEST_OS", NOTE.get(6), "linux"),
             ("VIRT_BASE", NOTE.get(3), "0xffffffff80000000"),
             ("PAE_MODE", NOTE.get(9), "yes"),
             ("xen_version", OUT["xen_version"], "xen-3.0"),
             ("loader", OUT["loader"], "generic"),
             ("virt_base", OUT["virt_base"], "0xffffffff80000000"),
             ("pae", OUT["pae"], "extended-cr3"),
             ("guest_type", OUT["guest_type"], "xen-3.0-x86_64"),
             ("pv entry", OUT["pv"]["entry"], NOTE.get(1)),
             ("phys32_entry", OUT["phys32_entry"], NOTE.get(18)),
             ("init_p2m", OUT["init_p2m"], NOTE.get(15)),
             ("hypercall_page", OUT["hypercall_page"], NOTE.get(2)),
             ("virt_kstart", int(OUT["pv"]["virt_kstart"], 16),
              0xffffffff80000000 + PSTART),
             ("virt_kend", int(OUT["pv"]["virt_kend"], 16),
              0xffffffff80000000 + PEND)]
    for what, got, want in facts:
        if got != want:
            e.append(f"{what} {got!r}, expected {want!r}")
    kstart = int(OUT["pv"]["virt_kstart"], 16)
    kend = int(OUT["pv"]["virt_kend"], 16)
    if not kstart <= int(NOTE.get(1, "0"), 16) <= kend:
        e.append("ENTRY outside the kernel")
    if not PSTART <= int(NOTE.get(18, "0"), 16) < PEND:
        e.append("PHYS32_ENTRY outside the kernel")
    if "dom0" not in OUT["supported_features"]:
        e.append("XENFEAT_dom0 not supported")
    if "writable_page_tables" not in OUT["required_features"]:
        e.append("writable_page_tables not required")
    for name, check in OUT["checks"].items():
        if not check["ok"]:
            e.append(f"refused as {name}: {check.get('reason')}")
    return e


def check_text():
    run_text = readnotes(IMAGE)
    e = [] if run_text.returncode == 0 else [run_text.stderr.strip()]
    want = ["XEN_VERSION: xen-3.0", "LOADER: generic", "GUEST_OS: linux",
            "VIRT_BASE: 0xffffffff80000000 (8 bytes)",
            "ENTRY: 0x%016x (8 bytes)" % int(NOTE.get(1, "0"), 16),
            f"  kernel version:     {OUT['kernel_version']}",
            "  as pv-dom0:         yes"]
    lines = run_text.stdout.splitlines()
    e += [f"no line {w!r}" for w in want if w not in lines]
    return e


def check_load():
    dump = os.path.join(TMP, "load.bin")
    run_load = subprocess.run([TXI, "--dump-load", IMAGE, dump],
                              stderr=subprocess.PIPE, text=True)
    if run_load.returncode:
        return [run_load.stderr.strip()]
    mem = open(dump, "rb").read()
    os.unlink(dump)
    e = []
    if len(mem) != PEND - PSTART:
        e.append(f"loaded {len(mem)} bytes, expected {PEND - PSTART}")
    covered = bytearray(len(mem))
    for s in LOADS:
        at = s["paddr"] - PSTART
        if mem[at:at + s["filesz"]] != \
                VMLINUX[s["offset"]:s["offset"] + s["filesz"]]:
            e.append(f"segment at paddr {s['paddr']:#x} differs")
        if any(mem[at + s["filesz"]:at + s["memsz"]]):
            e.append(f"bss of segment at paddr {s['paddr']:#x} not zero")
        covered[at:at + s["memsz"]] = b"\1" * s["memsz"]
    holes = [i for i in range(0, len(mem), 4096)
             if not covered[i] and mem[i:i + 4096].strip(b"\0")]
    if holes:
        e.append(f"{len(holes)} holes not zeroed")
    return e


report("container", check_container())
report("elf", check_elf())
report("notes", check_notes())
report("xen-facts", check_xen_facts())
report("text-output", check_text())
report("load-by-paddr", check_load())


# ---- damaged copies ----------------------------------------------------

def rejected(name, data, pattern, *args, status=1):
    path = os.path.join(TMP, "damaged")
    with open(path, "wb") as f:
        f.write(data)
    r = readnotes(*args, path)
    os.unlink(path)
    e = []
    if r.returncode != status:
        e.append(f"exit status {r.returncode}, expected {status}")
    if pattern and not re.search(pattern, r.stderr):
        e.append(f"stderr {r.stderr.strip()!r} lacks /{pattern}/")
    report("damaged/" + name, e)


def patched(offset, raw, data=DATA):
    b = bytearray(data)
    b[offset:offset + len(raw)] = raw
    return bytes(b)


def with_payload(payload, data=DATA):
    b = bytearray(data[:OFF] + payload + data[OFF + PLEN:])
    struct.pack_into("<I", b, 0x24c, len(payload))
    return bytes(b)


def relz4(elf):
    """A payload as Linux builds it: lz4 -l, then the size word."""
    z = subprocess.run(["lz4", "-l", "-1", "-c"], input=elf,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout
    return z + struct.pack("<I", len(elf))


N = ADVERTISED
rejected("truncated-256-bytes", DATA[:256], "not a kernel image")
rejected("truncated-setup-header", DATA[:0x240],
         r"bzImage: truncated setup header \(576 bytes, need 592\)")
rejected("truncated-payload", DATA[:OFF + PLEN // 2],
         r"bzImage: payload at 0x[0-9a-f]+\+0x[0-9a-f]+ extends past the end "
         r"of the file \(0x[0-9a-f]+ bytes\): truncated")
rejected("magic-HdrX", patched(0x202, b"HdrX"), "not a kernel image")
rejected("boot-protocol-2.07", patched(0x206, b"\x07\x02"),
         r"boot protocol 2\.07 is too old")
rejected("payload-magic", patched(OFF, bytes([PAYLOAD[0] ^ 0xff])),
         "bzImage payload is neither ELF nor in a known compression format")
rejected("stream-cut-in-half",
         with_payload(PAYLOAD[:PLEN // 2] + PAYLOAD[-4:]),
         f"{COMP} payload is truncated")
rejected("size-word-plus-1", patched(OFF + PLEN - 4, struct.pack("<I", N + 1)),
         f"{COMP} payload decompressed to {N} bytes but advertises {N + 1}")
rejected("size-word-minus-4096",
         patched(OFF + PLEN - 4, struct.pack("<I", N - 4096)),
         f"{COMP} payload decompresses to more than the {N - 4096} bytes it "
         "advertises")
rejected("limit-below-size", DATA,
         f"{COMP} payload advertises {N} bytes uncompressed, above the limit "
         "of 33554432 bytes", "--limit", "32M")
rejected("limit-below-file", DATA,
         r"file of \d+ bytes is above the limit of 4194304 bytes",
         "--limit", "4M")

if FLAVOUR == "generic":
    rejected("bit-flip", patched(OFF + PLEN // 2,
                                 bytes([PAYLOAD[PLEN // 2] ^ 0x10])),
             "xz payload is corrupt")
else:
    # lz4's legacy format has no checksum: damage a block length instead.
    rejected("block-length", patched(OFF + 4, struct.pack("<I", 0x7fffffff)),
             "lz4-legacy payload is corrupt: block length out of range")
    # Damage inside the ELF, recompressed and rewrapped as Linux would.
    elf = bytearray(VMLINUX)
    struct.pack_into("<H", elf, 18, 183)
    rejected("elf-wrong-architecture", with_payload(relz4(bytes(elf))),
             r"ELF: wrong architecture: ELF64 for AArch64 \(e_machine 183\)")
    rejected("elf-truncated", with_payload(relz4(VMLINUX[:len(VMLINUX) // 2])),
             r"ELF: segment \d+ \(0x[0-9a-f]+ bytes at file offset "
             r"0x[0-9a-f]+\) extends past the end of the image")
    entry_at = [pos for pos, t, _ in NOTES if t == 1][0]
    elf = bytearray(VMLINUX)
    struct.pack_into("<I", elf, entry_at + 4, 3)
    rejected("elf-note-entry-3-bytes", with_payload(relz4(bytes(elf))),
             "ELF: note ENTRY has a 3-byte value; expected 1, 2, 4 or 8")
    feat_at = [pos for pos, t, _ in NOTES if t == 17][0]
    elf = bytearray(VMLINUX)
    desc = feat_at + 12 + 4
    struct.pack_into("<I", elf, desc, u32(elf, desc) & ~(1 << 11))
    nodom0 = with_payload(relz4(bytes(elf)))
    rejected("elf-without-xenfeat-dom0",
             nodom0, "not accepted as pv-dom0: kernel does not support Dom0 "
             "operation", "--check", "pv-dom0")
    rejected("elf-without-xenfeat-dom0-as-domu", nodom0, None,
             "--check", "pv", status=0)

os.unlink(REF)
sys.exit(1 if failed else 0)
