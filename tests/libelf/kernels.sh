#!/usr/bin/env bash
# kernels.sh: load Debian's generic and cloud vmlinux with libelf and check
# every value against oracle.py's independent reading of the same file; then
# flip bits in their headers and notes.  The vmlinux comes out of the
# bzImage through the userspace xz/lz4, so this suite does not depend on the
# hypervisor's decompressors.
set -uo pipefail
top=$(cd ../.. && pwd)
B=build/kernels
mkdir -p "$B"

le() { od -An -t u"$3" -j "$2" -N "$3" --endian=little "$1" | tr -d ' '; }

for flavour in generic:linux-image-amd64 cloud:linux-image-cloud-amd64; do
    name=${flavour%%:*}
    pkg=${flavour#*:}
    vm=$B/$name.vmlinux
    if [ ! -s "$vm" ]; then
        deb=$("$top/tests/lib/fetch-deb.sh" "$pkg" 2>"$B/fetch.err" | tail -n 1)
        if [ -z "$deb" ] || [ ! -f "$deb" ]; then
            echo "SKIP: libelf/$name ($pkg not available: $(head -c 200 "$B/fetch.err"))"
            continue
        fi
        img=$B/$name.bzImage
        # The kernel comes first in the package: stop reading there.
        { dpkg-deb --fsys-tarfile "$deb" 2>/dev/null || true; } |
            tar -xO --occurrence=1 --wildcards './boot/vmlinuz-*' >"$img"
        sects=$(le "$img" $((0x1f1)) 1)
        start=$(( (sects + 1) * 512 + $(le "$img" $((0x248)) 4) ))
        plen=$(le "$img" $((0x24c)) 4)
        case $(od -An -t x1 -j "$start" -N 4 "$img" | tr -d ' ') in
        fd377a58) tool="xz -dc" ;;
        02214c18) tool="lz4 -dc" ;;
        *) tool="zstd -dc" ;;
        esac
        tail -c +$((start + 1)) "$img" | head -c $((plen - 4)) | nice $tool >"$vm.tmp" 2>/dev/null
        mv "$vm.tmp" "$vm"
        rm -f "$img"
    fi
    build/tlibelf image "$vm" "$B/$name.loaded" >"$B/$name.out"
    python3 oracle.py "$vm" "$B/$name.out" "$B/$name.loaded" "$name"
    # Both Debian kernels advertise XENFEAT_dom0 (the cloud one too: its
    # lack of CONFIG_XEN_DOM0 only shows at run time).
    if grep -qx 'dom0=ok' "$B/$name.out"; then
        echo "PASS: libelf/$name/dom0-accepted"
    else
        echo "FAIL: libelf/$name/dom0-accepted ($(grep '^dom0=' "$B/$name.out"))"
    fi
    build/tlibelf fuzz "$vm" 300 | sed -e "s|libelf/fuzz/vmlinux|libelf/$name/fuzz|; s|libelf/fuzz/crafted|libelf/$name/fuzz-crafted|"
    rm -f "$B/$name.loaded"
done
