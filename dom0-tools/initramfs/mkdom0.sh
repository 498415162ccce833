#!/usr/bin/env bash
# mkdom0.sh OUTDIR: build dom0's kernel and initramfs.
#
#   OUTDIR/vmlinuz      Debian's generic kernel (linux-image-amd64, resolved by apt)
#   OUTDIR/System.map   its symbols, for reading oopses and guest RIPs
#   OUTDIR/initrd.img   busybox, the kernel modules of modules.txt with their
#                       dependencies, the project's dom0 binaries (xenstore,
#                       dom0-tools and backends, as make install installs them)
#                       and the shared libraries they need, and the init
#                       scripts of rootfs/
#
# The kernel package is downloaded once (tests/lib/fetch-deb.sh; DEB_CACHE overrides
# the cache) and unpacked under OUTDIR/kernel/.  The tools are installed from the
# tree (make install DESTDIR=...), so build them first: the top-level `make dom0`
# does.  KERNEL_DEB=path uses a given linux-image .deb instead of the current one.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=${1:?usage: mkdom0.sh OUTDIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)

say() { echo "mkdom0: $*"; }
die() { echo "mkdom0: error: $*" >&2; exit 1; }

# ---------------------------------------------------------------- the kernel
deb=${KERNEL_DEB:-$("$top/tests/lib/fetch-deb.sh" linux-image-amd64)}
[ -f "$deb" ] || die "kernel package $deb not found"
kroot=$out/kernel
if [ "$(cat "$kroot/.deb" 2>/dev/null)" != "$(basename "$deb")" ]; then
    say "unpacking $(basename "$deb")"
    rm -rf "$kroot"
    mkdir -p "$kroot"
    dpkg-deb -x "$deb" "$kroot"
    basename "$deb" > "$kroot/.deb"
fi
kver=$(ls "$kroot/lib/modules" | head -n 1)
[ -n "$kver" ] && [ -f "$kroot/boot/vmlinuz-$kver" ] || die "$deb holds no kernel image"
grep -q '^CONFIG_XEN_DOM0=y' "$kroot/boot/config-$kver" ||
    die "$(basename "$deb"): kernel $kver is built without CONFIG_XEN_DOM0 (a cloud kernel?)"
[ -f "$kroot/lib/modules/$kver/modules.dep" ] || depmod -b "$kroot" "$kver"
cp "$kroot/boot/vmlinuz-$kver" "$out/vmlinuz"
cp "$kroot/boot/config-$kver" "$out/config"
# Debian's package holds a placeholder System.map; the real one comes with the
# -dbg package (large), fetched only by `make dom0-symbols`.
[ "$(stat -c %s "$kroot/boot/System.map-$kver")" -gt 4096 ] &&
    cp "$kroot/boot/System.map-$kver" "$out/System.map"

# ---------------------------------------------------------------- the root filesystem
root=$out/rootfs
rm -rf "$root"
mkdir -p "$root"
cd "$root"
mkdir -p bin sbin usr/bin usr/sbin usr/lib lib/x86_64-linux-gnu lib64 etc/dom0.d \
         dev proc sys run tmp var/lib/xen var/log/xen/console root mnt
chmod 1777 tmp

# busybox and its applets, as relative links.
busybox=/bin/busybox
[ -x "$busybox" ] && ! readelf -l "$busybox" | grep -q INTERP ||
    die "$busybox is missing or not static: install busybox-static"
cp "$busybox" bin/busybox
for app in $("$busybox" --list-full); do
    [ -e "$app" ] || [ -L "$app" ] && continue
    dir=$(dirname "$app")
    mkdir -p "$dir"
    up=$(echo "$dir" | sed -e 's|[^/][^/]*|..|g')
    ln -s "$up/bin/busybox" "$app"
done
ln -sf bin/busybox init

# Kernel modules with their dependencies, then a modules.dep of only those.
mods=lib/modules/$kver
mkdir -p "$mods"
cp "$kroot/$mods"/modules.builtin* "$kroot/$mods/modules.order" "$mods/"
: > etc/dom0-modules
while read -r name when; do
    case "$name" in ''|'#'*) continue ;; esac
    deps=$(modprobe -d "$kroot" -S "$kver" --show-depends "$name" 2>/dev/null) ||
        die "module $name (modules.txt) is not in kernel $kver"
    echo "$deps" | awk '$1 == "insmod" { print $2 }' | while read -r ko; do
        rel=${ko#"$kroot"/}
        mkdir -p "$(dirname "$rel")"
        cp "$ko" "$rel"
    done
    [ "$when" = load ] && echo "$name" >> etc/dom0-modules
done < "$here/modules.txt"
depmod -b "$root" "$kver"

# The project's binaries.
stage=$out/stage
rm -rf "$stage"
for c in xenstore dom0-tools backends; do
    [ -f "$top/$c/Makefile" ] || continue
    make -s -C "$top/$c" install DESTDIR="$stage" >/dev/null
done
cp -a "$stage/usr/bin/." usr/bin/
cp -a "$stage/usr/sbin/." usr/sbin/
[ -d "$stage/usr/lib/xen" ] && mkdir -p usr/lib && cp -a "$stage/usr/lib/xen" usr/lib/
find "$stage/usr/lib" -maxdepth 1 -name '*.so*' -exec cp -a {} usr/lib/ \;

# The shared libraries every binary needs, from this (Debian 12) host.
libs=$(find usr lib -type f -perm -u+x -o -type f -name '*.so*' | while read -r f; do
    [ "$(head -c 4 "$f")" = $'\x7fELF' ] || continue
    readelf -l "$f" 2>/dev/null | grep -q INTERP || readelf -d "$f" 2>/dev/null | grep -q NEEDED || continue
    LD_LIBRARY_PATH=$root/usr/lib ldd "$f" 2>/dev/null | awk '/=> \// { print $3 } /^\t\/lib64\// { print $1 }'
done | sort -u)

# ICU (libxml2's converter for exotic encodings) is 33 MiB with libstdc++: in a
# RAM-backed dom0 it gives way to icu-shim.c, which reports those encodings as
# unsupported.
icu=$(echo "$libs" | grep -o 'libicuuc\.so\.[0-9]*' | head -n 1 || true)
if [ -n "$icu" ]; then
    libs=$(echo "$libs" | grep -v -e '/libicuuc\.so\.' -e '/libicudata\.so\.')
    ${CC:-gcc} -shared -fPIC -O2 -Wall -Wextra -Werror -DICU_SUFFIX=_${icu##*.so.} \
        -Wl,-soname,"$icu" -o "lib/x86_64-linux-gnu/$icu" "$here/icu-shim.c"
fi

for lib in $libs; do
    case "$lib" in "$root"/*) continue ;; esac
    case "$lib" in
    /lib64/*) dest=lib64/$(basename "$lib") ;;
    *) dest=lib/x86_64-linux-gnu/$(basename "$lib") ;;
    esac
    [ -e "$dest" ] || cp -L "$lib" "$dest"
done

# libstdc++ came only for ICU: drop it unless something else needs it.
if [ -n "$icu" ] && [ -e lib/x86_64-linux-gnu/libstdc++.so.6 ] &&
   ! find usr lib -type f \( -perm -u+x -o -name '*.so*' \) ! -name 'libstdc++*' -exec \
       sh -c 'readelf -d "$1" 2>/dev/null | grep -q "NEEDED.*libstdc++"' _ {} \; -print | grep -q .; then
    rm lib/x86_64-linux-gnu/libstdc++.so.6
fi

# Init scripts and configuration.
cp -a "$here/rootfs/." .
echo "$kver" > etc/dom0-kernel

# ---------------------------------------------------------------- the archive
say "packing $(du -sh . | cut -f1) into initrd.img"
find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet | gzip -6 > "$out/initrd.img.tmp"
mv "$out/initrd.img.tmp" "$out/initrd.img"
say "$out/vmlinuz (Linux $kver), $out/initrd.img ($(du -h "$out/initrd.img" | cut -f1))"
