#!/usr/bin/env bash
# kernels.sh: Debian's real kernels.  The generic image (xz with the x86 BCJ
# filter) and the cloud image (lz4 legacy frame) are parsed and decompressed
# by the hypervisor code and compared with what xz/lz4 make of the same
# payload; the generic vmlinux is then recompressed with gzip and zstd into
# rebuilt bzImages so that every format is tried on a real 60+ MiB kernel.
# Expected values come from the images themselves (header fields read with
# od, payload magic), never from a kernel version.
set -uo pipefail
top=$(cd ../.. && pwd)
B=build/kernels
T=build/tbzimage
mkdir -p "$B"

# Read a little-endian unsigned field: le FILE OFFSET SIZE
le() { od -An -t u"$3" -j "$2" -N "$3" --endian=little "$1" | tr -d ' '; }

fetch() {
    local pkg=$1 deb
    deb=$("$top/tests/lib/fetch-deb.sh" "$pkg" 2>"$B/fetch.err" | tail -n 1) || return 1
    [ -f "$deb" ] || return 1
    # The kernel comes first in the package: stop reading there (dpkg-deb
    # then dies of SIGPIPE, which is expected, instead of inflating modules).
    { dpkg-deb --fsys-tarfile "$deb" 2>/dev/null || true; } |
        tar -xO --occurrence=1 --wildcards './boot/vmlinuz-*' >"$B/$2.bzImage.tmp" &&
        [ -s "$B/$2.bzImage.tmp" ] && mv "$B/$2.bzImage.tmp" "$B/$2.bzImage"
}

for flavour in generic:linux-image-amd64 cloud:linux-image-cloud-amd64; do
    name=${flavour%%:*}
    pkg=${flavour#*:}
    img=$B/$name.bzImage
    if [ ! -s "$img" ] && ! fetch "$pkg" "$name"; then
        echo "SKIP: kernel/$name ($pkg not available: $(head -c 200 "$B/fetch.err"))"
        continue
    fi

    # What the header says, read independently of our parser.
    sects=$(le "$img" $((0x1f1)) 1)
    [ "$sects" = 0 ] && sects=4
    start=$(( (sects + 1) * 512 + $(le "$img" $((0x248)) 4) ))
    plen=$(le "$img" $((0x24c)) 4)
    size=$(le "$img" $((start + plen - 4)) 4)
    magic=$(od -An -t x1 -j "$start" -N 4 "$img" | tr -d ' ')
    case $magic in
    fd377a58) fmt=xz; tool="xz -dc" ;;
    02214c18) fmt=lz4-legacy; tool="lz4 -dc" ;;
    1f8b*) fmt=gzip; tool="gzip -dc" ;;
    28b52ffd) fmt=zstd; tool="zstd -dc" ;;
    *) fmt=unknown; tool=false ;;
    esac
    want=generic; [ "$fmt" = lz4-legacy ] && want=cloud
    info=$($T info "$img" 2>&1)
    if [ "$info" = "format=$fmt version=$(printf '%#x' "$(le "$img" $((0x206)) 2)") setup_sects=$sects payload_offset=$start payload_len=$((plen - 4)) decompressed_size=$size" ] &&
       [ "$want" = "$name" ]; then
        echo "PASS: kernel/$name/parse ($fmt, $size bytes)"
    else
        echo "FAIL: kernel/$name/parse (got '$info'; header says $fmt at $start, $plen bytes, size $size)"
        continue
    fi

    # The userspace tool's output is the reference.
    tail -c +$((start + 1)) "$img" | head -c $((plen - 4)) | nice $tool >"$B/$name.ref" 2>"$B/$name.err"
    if ! $T extract "$img" "$B/$name.vmlinux" 2>"$B/$name.err"; then
        echo "FAIL: kernel/$name/decompress ($(cat "$B/$name.err"))"
        continue
    fi
    if cmp -s "$B/$name.vmlinux" "$B/$name.ref" && [ "$(stat -c %s "$B/$name.vmlinux")" = "$size" ]; then
        echo "PASS: kernel/$name/decompress"
    else
        echo "FAIL: kernel/$name/decompress (differs from $tool or from the size word $size)"
    fi
    if readelf -h "$B/$name.vmlinux" 2>/dev/null | grep -q 'Machine: *Advanced Micro Devices X86-64'; then
        echo "PASS: kernel/$name/is-elf64"
    else
        echo "FAIL: kernel/$name/is-elf64"
    fi
    strict=; [ "$fmt" = xz ] && strict=strict
    $T corrupt "$img" "kernel/$name" $strict
    rm -f "$B/$name.ref"

    if [ "$name" = generic ]; then
        # The same kernel in the two formats Debian does not ship.
        for z in "gzip:gzip -1 -n" "zstd:zstd -q -3"; do
            zn=${z%%:*}
            nice ${z#*:} <"$B/$name.vmlinux" >"$B/$name.$zn"
            $T rebuild "$img" "$B/$name.$zn" "$B/$name-$zn.bzImage"
            got=$($T info "$B/$name-$zn.bzImage" | sed -e 's/ .*//')
            if [ "$got" = "format=$zn" ] && $T extract "$B/$name-$zn.bzImage" "$B/$name.$zn.out" 2>"$B/err" &&
               cmp -s "$B/$name.$zn.out" "$B/$name.vmlinux"; then
                echo "PASS: kernel/$name-$zn/decompress"
            else
                echo "FAIL: kernel/$name-$zn/decompress ($got $(cat "$B/err"))"
            fi
            # The header checks are format-independent (done above).
            $T corrupt "$B/$name-$zn.bzImage" "kernel/$name-$zn" strict,fliponly
            rm -f "$B/$name.$zn" "$B/$name.$zn.out" "$B/$name-$zn.bzImage"
        done
    fi
    rm -f "$B/$name.vmlinux"
done
