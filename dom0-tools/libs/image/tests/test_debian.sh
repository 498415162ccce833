#!/usr/bin/env bash
# test_debian.sh READNOTES TEST_XENIMAGE: the loader on Debian's real kernels,
# linux-image-amd64 (xz) and linux-image-cloud-amd64 (lz4), fetched with
# tests/lib/fetch-deb.sh (set DEB_CACHE to reuse downloaded packages).
# Expected values come from the image itself, through independent tools
# (xz, lz4, readelf), so the test keeps passing as Debian updates the kernel.
set -u
rn=$(realpath "$1")
txi=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

for flavour in generic cloud; do
    pkg=linux-image-amd64
    [ $flavour = cloud ] && pkg=linux-image-cloud-amd64
    if ! deb=$("$top/tests/lib/fetch-deb.sh" $pkg 2>"$tmp/fetch.err"); then
        echo "SKIP: image/debian-$flavour ($pkg unavailable: $(tail -n 1 "$tmp/fetch.err"))"
        continue
    fi
    dir=$tmp/$flavour
    mkdir -p "$dir"
    if ! dpkg-deb --fsys-tarfile "$deb" |
         tar -x -C "$dir" --wildcards './boot/vmlinuz-*' 2>"$tmp/tar.err"; then
        echo "FAIL: image/debian-$flavour/extract: $(head -c 300 "$tmp/tar.err")"
        failed=1
        continue
    fi
    image=$(ls "$dir"/boot/vmlinuz-* | head -n 1)
    python3 "$here/debian_check.py" "$rn" "$txi" "$image" $flavour "$dir" ||
        failed=1
    rm -rf "$dir"
done

# Xen's own hypervisor, a gzip-compressed ELF32 with notes but none of Xen's:
# a real bare-gzip input, which no Xen would load as a guest.
if deb=$("$top/tests/lib/fetch-deb.sh" xen-hypervisor-4.17-amd64 2>"$tmp/fetch.err"); then
    dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" --wildcards './boot/xen-*.gz'
    xen=$(ls "$tmp"/boot/xen-*.gz | head -n 1)
    "$rn" --json "$xen" >"$tmp/xen.json" 2>"$tmp/xen.err"
    if python3 - "$tmp/xen.json" "$(zcat "$xen" | wc -c)" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
size = int(sys.argv[2])
assert (j["container"], j["compression"]) == ("compressed", "gzip"), j
assert j["advertised_size"] == size == j["elf"]["size"], (j["elf"], size)
assert (j["elf"]["class"], j["elf"]["machine"]) == (32, "i386"), j["elf"]
assert j["notes"] == [] and j["notes_from"] is None, j["notes"]
assert j["checks"]["pv"]["reason"].startswith("not a Xen kernel"), j["checks"]
PY
    then
        echo "PASS: image/debian-xen-hypervisor/bare-gzip-elf32"
    else
        echo "FAIL: image/debian-xen-hypervisor/bare-gzip-elf32: $(cat "$tmp/xen.err")"
        failed=1
    fi
else
    echo "SKIP: image/debian-xen-hypervisor (unavailable: $(tail -n 1 "$tmp/fetch.err"))"
fi
exit $failed
