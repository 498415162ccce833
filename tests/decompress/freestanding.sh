#!/usr/bin/env bash
# freestanding.sh "XEN_CFLAGS" SRC...: the decoders must build as hypervisor
# code with gcc and clang (no SSE, no libc), call nothing but the mem*/str*
# functions xen/string.h declares, and keep every stack frame small.
set -uo pipefail
flags=$1
shift
out=build/freestanding
mkdir -p "$out"

for cc in gcc clang; do
    if ! command -v $cc >/dev/null; then
        echo "SKIP: freestanding/$cc ($cc not installed)"
        continue
    fi
    ok=1
    rm -f "$out"/*.o "$out"/*.su
    for src in "$@"; do
        extra=
        [ $cc = gcc ] && extra=-fstack-usage
        # shellcheck disable=SC2086
        if ! (cd "$out" && $cc $flags $extra -c "$src" -o "$(basename "${src%.c}").o") 2>"$out/err"; then
            ok=0
            echo "    $cc: $src:"
            sed -e 's/^/    /' "$out/err" | head -n 20
        fi
    done
    [ $ok = 1 ] && echo "PASS: freestanding/$cc" || echo "FAIL: freestanding/$cc"

    if [ $cc = gcc ] && [ $ok = 1 ]; then
        # Undefined symbols: only what xen/string.h provides.
        ld -r -o "$out/all.o" "$out"/[!a]*.o "$out"/a[!l]*.o 2>/dev/null ||
            ld -r -o "$out/all.o" $(ls "$out"/*.o | grep -v '/all\.o$')
        bad=$(nm -u "$out/all.o" | awk 'NF == 2 { print $2 }' | sort -u |
              grep -v -x -E 'mem(cpy|move|set|cmp)|str(len|nlen|cmp|ncmp|chr|rchr|str)' || true)
        if [ -z "$bad" ]; then
            echo "PASS: freestanding/symbols"
        else
            echo "FAIL: freestanding/symbols (calls" $bad")"
        fi
        # Stack: hypervisor stacks are 8-16 KiB; no frame may take more than 512 bytes.
        max=$(cat "$out"/*.su | awk -F'\t' '{ if ($2 + 0 > m) { m = $2 + 0; f = $1 } } END { print m, f }')
        if [ "${max%% *}" -le 512 ]; then
            echo "PASS: freestanding/stack (largest frame ${max%% *} bytes)"
        else
            echo "FAIL: freestanding/stack (${max})"
        fi
    fi
done
