#!/usr/bin/env bash
# streams.sh: compress deterministic data of several shapes and sizes with
# the real tools (gzip, xz, lz4, zstd) in the configurations that matter
# (the kernel build's own among them) and run tdecomp's battery on each.
set -uo pipefail
B=build
D=$B/data
mkdir -p "$D"
T=$B/tdecomp

for t in gzip xz lz4 zstd; do
    command -v $t >/dev/null || { echo "FAIL: streams ($t not installed)"; exit 1; }
done

# name shape size
inputs="empty:zeros:0 byte:random:1 small:text:1000 text:text:300000
random:random:200000 zeros:zeros:2000000 x86:x86:1500000"
for spec in $inputs mixed:mixed:9000000; do
    IFS=: read -r name shape size <<<"$spec"
    [ -f "$D/$name" ] || $B/mkdata "$shape" "$size" >"$D/$name"
done

# fmt tag flags compressor-command (input on stdin, stream on stdout)
configs=(
    "gzip  gz9     -       gzip -9 -n"
    "gzip  gz1name -       gzip -1 -N"
    "xz    kernel  -       xz --check=crc32 --x86 --lzma2=dict=32MiB"
    "xz    xz0c64  -       xz -0 --check=crc64"
    "xz    xz6none nocheck xz -6e --check=none"
    "lz4   legacy9 legacy  lz4 -l -9"
    "lz4   legacy1 legacy  lz4 -l -1"
    "lz4   frame   -       lz4 -q"
    "lz4   linked  -       lz4 -q -BD -B4 -BX --content-size"
    "lz4   nocrc   nocheck lz4 -q -B7 --no-frame-crc"
    "zstd  zst19   -       zstd -q -19"
    "zstd  zst1    -       zstd -q -1"
    "zstd  zst3nc  nocheck zstd -q -3 --no-check"
)

# Compress every input with one configuration, then check them all in one
# tdecomp run.
run_config() {
    local names=$1 fmt=$2 tag=$3 flags=$4 name z args=()
    shift 4
    for name in $names; do
        z="$D/$name.$tag"
        # gzip -N stores the name of a file and zstd the content size, so
        # feed them files; the others read stdin.
        if [ "$tag" = gz1name ] || [ "$fmt" = zstd ]; then
            nice "$@" -c "$D/$name" >"$z"
        else
            nice "$@" <"$D/$name" >"$z"
        fi || { echo "FAIL: $fmt/$tag/$name (compressor failed)"; continue; }
        args+=("$fmt/$tag/$name" "$z" "$D/$name")
    done
    [ ${#args[@]} -gt 0 ] && $T check "$fmt" "$flags" "${args[@]}"
}

names=$(for spec in $inputs; do echo "${spec%%:*}"; done)
for c in "${configs[@]}"; do
    # shellcheck disable=SC2086
    run_config "$names" $c
done
# The 9 MB input: more than one lz4 legacy block (8 MiB each), many zstd
# blocks and LZMA2 chunks; only the fast settings, to keep the suite quick.
for c in "gzip gz1 - gzip -1 -n" "xz xz1 - xz --x86 --lzma2=preset=1 --check=crc32" \
         "lz4 legacy1 legacy lz4 -l -1" "lz4 frame - lz4 -q" "zstd zst1 - zstd -q -1"; do
    # shellcheck disable=SC2086
    run_config mixed $c
done

# Valid streams we deliberately do not decode, and streams of other formats.
nice xz --check=sha256 <"$D/small" >"$D/small.sha256.xz"
$T expect xz xz/sha256-check "$D/small.sha256.xz" EOPNOTSUPP
nice xz --delta=dist=4 --lzma2 <"$D/small" >"$D/small.delta.xz"
$T expect xz xz/delta-filter "$D/small.delta.xz" EOPNOTSUPP
nice xz --format=lzma <"$D/small" >"$D/small.lzma"
$T expect xz xz/lzma-alone "$D/small.lzma" ENOEXEC
$T expect auto auto/lzma-alone "$D/small.lzma" ENOEXEC
$T expect zstd zstd/gzip-input "$D/text.gz9" ENOEXEC
$T expect gzip gzip/zstd-input "$D/text.zst19" ENOEXEC
$T args
