#!/usr/bin/env bash
# test_cli.sh READNOTES MKIMAGE: the xen-readnotes command as a user runs it,
# on kernels built by mkimage and compressed by the real command-line tools
# with the flags Linux's build uses (scripts/Makefile.lib, xz_wrap.sh).
set -u
rn=$1
mk=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

pass() { echo "PASS: image/cli/$1"; }
fail() { echo "FAIL: image/cli/$1: $2"; failed=1; }

# run NAME WANT_STATUS WANT_STDERR ARGS...: status and stderr text must match.
run() {
    local name=$1 want=$2 text=$3 rc
    shift 3
    "$rn" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    if [ "$rc" -ne "$want" ]; then
        fail "$name" "exit status $rc, expected $want ($(head -c 300 "$tmp/err"))"
    elif [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/err"; then
        fail "$name" "stderr lacks '$text': $(head -c 300 "$tmp/err")"
    else
        pass "$name"
    fi
}

"$mk" elf linux64 "$tmp/linux64" || exit 1
"$mk" elf linux64-nodom0 "$tmp/nodom0" || exit 1
"$mk" elf linux32 "$tmp/linux32" || exit 1
"$mk" elf legacy32 "$tmp/legacy32" || exit 1

# --help and usage errors.
if "$rn" --help >"$tmp/out" && grep -q '^Usage: xen-readnotes' "$tmp/out" &&
   grep -q -- '--json' "$tmp/out" && grep -q -- '--check=KIND' "$tmp/out"; then
    pass help
else
    fail help "--help did not print the usage"
fi
# The man page documents every option --help lists.
man=$here/../../../../docs/man/xen-readnotes.1
missing=
for opt in $(grep -o -- '--[a-z]*' "$tmp/out" | sort -u); do
    grep -q -- "$(echo "$opt" | sed 's/-/\\\\-/g')" "$man" || missing="$missing $opt"
done
if [ -f "$man" ] && [ -z "$missing" ]; then
    pass man-page-options
else
    fail man-page-options "xen-readnotes.1 lacks:$missing"
fi
run usage-no-image 2 "expected exactly one IMAGE"
run usage-two-images 2 "expected exactly one IMAGE" "$tmp/linux64" "$tmp/linux64"
run usage-bad-option 2 "Usage: xen-readnotes" --bogus "$tmp/linux64"
run usage-bad-check 2 "bad --check \"hvm\"" --check=hvm "$tmp/linux64"
run usage-bad-limit 2 "bad --limit \"12\"" --limit 12 "$tmp/linux64"
run missing-file 1 "xen-readnotes: $tmp/nope: cannot open: No such file or directory" "$tmp/nope"
run directory 1 "not a regular file" "$tmp"

# The notes of the Linux preset, in file order, in readnotes' format.
cat >"$tmp/want-notes" <<'EOF'
GUEST_OS: linux
GUEST_VERSION: 2.6
XEN_VERSION: xen-3.0
VIRT_BASE: 0xffffffff80000000 (8 bytes)
INIT_P2M: 0x0000008000000000 (8 bytes)
ENTRY: 0xffffffff810011c0 (8 bytes)
FEATURES: !writable_page_tables|pae_pgdir_above_4gb
SUPPORTED_FEATURES: 0x00008801 (4 bytes)
PAE_MODE: yes
LOADER: generic
L1_MFN_VALID: mask=0x1 value=0x1
SUSPEND_CANCEL: 0x00000001 (4 bytes)
MOD_START_PFN: 0x00000001 (4 bytes)
HV_START_LOW: 0xffff800000000000 (8 bytes)
PADDR_OFFSET: 0x0000000000000000 (8 bytes)
PHYS32_ENTRY: 0x0000000001000850 (8 bytes)
EOF
if "$rn" "$tmp/linux64" >"$tmp/out" 2>"$tmp/err" &&
   sed -n '1,/^$/p' "$tmp/out" | sed '/^$/d' | diff -u "$tmp/want-notes" - >"$tmp/diff" &&
   grep -q '^  PV entry: *0xffffffff810011c0$' "$tmp/out" &&
   grep -q '^  PVH entry: *0x1000850$' "$tmp/out" &&
   grep -q '^  physical: *0x1000000-0x1015000 (86016 bytes to load)$' "$tmp/out" &&
   grep -q '^  as pv-dom0: *yes$' "$tmp/out"; then
    pass text-notes-linux64
else
    fail text-notes-linux64 "$(cat "$tmp/diff" "$tmp/err" 2>/dev/null | head -20)"
fi

if "$rn" "$tmp/linux32" >"$tmp/out" &&
   grep -q '^HYPERCALL_PAGE: 0xc0101000 (4 bytes)$' "$tmp/out" &&
   grep -q '^L1_MFN_VALID: mask=0x1 value=0x1$' "$tmp/out" &&
   grep -q '^  guest type: *xen-3.0-x86_32p$' "$tmp/out" &&
   grep -q '^  as pvh: *no: no PHYS32_ENTRY note' "$tmp/out"; then
    pass text-notes-linux32
else
    fail text-notes-linux32 "$(head -40 "$tmp/out")"
fi

if "$rn" "$tmp/legacy32" >"$tmp/out" &&
   grep -q '^  notes from: *__xen_guest section$' "$tmp/out" &&
   grep -q '^  hypercall page: *0xc0002000$' "$tmp/out"; then
    pass text-legacy-xen-guest
else
    fail text-legacy-xen-guest "$(head -40 "$tmp/out")"
fi

# --check's exit status follows Xen's verdict.
run check-pv-dom0-ok 0 "" --check=pv-dom0 "$tmp/linux64"
run check-pv-dom0-refused 1 "not accepted as pv-dom0: kernel does not support Dom0 operation" \
    --check pv-dom0 "$tmp/nodom0"
run check-pv-domu-ok 0 "" -c pv "$tmp/nodom0"
run check-pvh-refused 1 "not accepted as pvh: no PHYS32_ENTRY note" --check=pvh "$tmp/linux32"

# Compressed as Linux's build does, wrapped in a bzImage; and bare files.
"$rn" --json "$tmp/linux64" >"$tmp/ref.json" || fail json-reference "readnotes failed"
size=$(stat -c %s "$tmp/linux64")
compress() { # NAME: compress $tmp/linux64 to stdout
    case $1 in
    gzip) gzip -n -9 -c "$tmp/linux64" ;;
    bzip2) bzip2 -9 -c "$tmp/linux64" ;;
    lzma) lzma -9 -c "$tmp/linux64" ;;
    xz) xz --check=crc32 --x86 --lzma2=,dict=32MiB -c "$tmp/linux64" ;;
    lz4-legacy) lz4 -q -l -9 -c "$tmp/linux64" ;;
    lz4) lz4 -q -9 -c "$tmp/linux64" ;;
    zstd) zstd -q -22 --ultra -c "$tmp/linux64" ;;
    esac
}
for comp in gzip bzip2 lzma xz lz4-legacy lz4 zstd; do
    compress $comp >"$tmp/payload" 2>/dev/null || { fail "bzimage-$comp" "$comp failed"; continue; }
    if [ $comp = gzip ]; then
        "$mk" wrap-nosize "$tmp/payload" "$tmp/bz"
    else
        "$mk" wrap "$tmp/payload" "$size" "$tmp/bz"
    fi
    for kind in bzimage bare; do
        file=$tmp/bz
        [ $kind = bare ] && file=$tmp/payload
        if "$rn" --json "$file" >"$tmp/out.json" 2>"$tmp/err" &&
           python3 "$here/cli_json.py" "$tmp/ref.json" "$tmp/out.json" \
               "$comp" "$kind" "$size" >"$tmp/why" 2>&1; then
            pass "$kind-$comp"
        else
            fail "$kind-$comp" "$(cat "$tmp/err" "$tmp/why" | head -5)"
        fi
    done
done

# A bomb: 12 MiB of zeros behind an ELF header, in a few KiB of xz.
python3 -c 'import sys; sys.stdout.buffer.write(b"\x7fELF\x02\x01\x01" + bytes((12 << 20) - 7))' |
    xz --check=crc32 -c >"$tmp/bomb.xz"
"$mk" wrap "$tmp/bomb.xz" $((12 << 20)) "$tmp/bomb"
run bomb-above-limit 1 "xz payload advertises 12582912 bytes uncompressed, above the limit of 4194304 bytes" \
    --limit 4M "$tmp/bomb"
"$mk" wrap "$tmp/bomb.xz" $((1 << 20)) "$tmp/bomb-lies"
run bomb-lying-size 1 "xz payload decompresses to more than the 1048576 bytes it advertises" "$tmp/bomb-lies"
run bomb-bare-limit 1 "xz data decompresses to more than the limit of 4194304 bytes" --limit=4m "$tmp/bomb.xz"

# Damaged files name the file and the reason.
head -c $((0x52cc + 100)) "$tmp/bz" >"$tmp/cut"
run truncated-bzimage 1 "xen-readnotes: $tmp/cut: bzImage: payload at 0x52cc+" "$tmp/cut"
head -c 100 "$tmp/linux64" >"$tmp/cut"
run truncated-elf 1 "xen-readnotes: $tmp/cut: ELF: program headers at 0x40 extend past the end" "$tmp/cut"

# Output errors are reported, not lost.
if [ -w /dev/full ]; then
    "$rn" "$tmp/linux64" >/dev/full 2>"$tmp/err"
    if [ $? -eq 1 ] && grep -q "error writing output" "$tmp/err"; then
        pass write-error
    else
        fail write-error "$(cat "$tmp/err")"
    fi
fi

exit $failed
