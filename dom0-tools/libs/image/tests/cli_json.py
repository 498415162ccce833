#!/usr/bin/env python3
"""cli_json.py REF OUT COMP KIND SIZE: xen-readnotes --json of a compressed
kernel (KIND bzimage or bare) must describe the same ELF as REF, the JSON of
the uncompressed file, with the container facts that COMP and SIZE imply."""
import json
import sys

ref_path, out_path, comp, kind, size = sys.argv[1:6]
size = int(size)
ref = json.load(open(ref_path))
out = json.load(open(out_path))
errors = []


def expect(what, got, want):
    if got != want:
        errors.append(f"{what}: {got!r}, expected {want!r}")


expect("compression", out["compression"], comp)
expect("container", out["container"],
       "bzImage" if kind == "bzimage" else "compressed")
expect("elf size", out["elf"]["size"], size)
if kind == "bzimage" or comp == "gzip":
    expect("advertised size", out["advertised_size"], size)
else:
    expect("advertised size", out["advertised_size"], None)
if kind == "bzimage":
    expect("boot protocol", out["boot_protocol"], "2.15")
    expect("payload offset", out["payload_offset"], 40 * 512 + 0x2cc)
for key in ("notes", "pv", "pstart", "pend", "load_size", "guest_type",
            "supported_features", "required_features", "checks"):
    expect(key, out[key], ref[key])
expect("segments", out["elf"]["segments"], ref["elf"]["segments"])
for name, check in out["checks"].items():
    expect(f"check {name}", check["ok"], True)

if errors:
    print("\n".join(errors))
    sys.exit(1)
