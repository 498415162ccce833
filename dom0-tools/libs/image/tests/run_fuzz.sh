#!/usr/bin/env bash
# run_fuzz.sh CLANG SECONDS OBJDIR: build the libFuzzer target, replay the
# kept crashers (fuzz/regressions), then fuzz for SECONDS from seeds that
# mkimage writes.  A new crash is a FAIL naming the input to keep.
set -u
clang=$1
secs=$2
o=$(realpath "$3")
cd "$(dirname "$0")/.."
lib_srcs=$(sed -n '/^LIB_SRCS :=/,/^$/p' Makefile | grep -o '[a-z_0-9]*\.c')
libs="-lz -lbz2 -llzma -llz4 -lzstd"
flags="-g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Iinclude -I."

if ! command -v "$clang" >/dev/null 2>&1; then
    echo "SKIP: image/fuzz (no $clang)"
    exit 0
fi
printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n);\nint LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n; }\n' >"$o/fuzz-probe.c"
if ! "$clang" -fsanitize=fuzzer -o "$o/fuzz-probe" "$o/fuzz-probe.c" 2>/dev/null; then
    echo "SKIP: image/fuzz ($clang cannot link libFuzzer: install libclang-rt-dev)"
    exit 0
fi
# shellcheck disable=SC2086
if ! "$clang" $flags -o "$o/fuzz-image" fuzz/fuzz_image.c $lib_srcs $libs 2>"$o/fuzz-build.log"; then
    echo "FAIL: image/fuzz/build: $(head -c 400 "$o/fuzz-build.log")"
    exit 1
fi

failed=0
regressions=$(find fuzz/regressions -type f ! -name README | sort)
if [ -n "$regressions" ]; then
    # shellcheck disable=SC2086
    if "$o/fuzz-image" -runs=1 $regressions >"$o/fuzz-regressions.log" 2>&1; then
        echo "PASS: image/fuzz/regressions ($(echo "$regressions" | wc -l) inputs)"
    else
        echo "FAIL: image/fuzz/regressions: see $o/fuzz-regressions.log"
        tail -n 20 "$o/fuzz-regressions.log" | sed -e 's/^/    /'
        failed=1
    fi
fi

if [ "$secs" -le 0 ]; then
    echo "SKIP: image/fuzz/loader (FUZZ_SECONDS=0)"
    exit $failed
fi
rm -rf "$o/fuzz-seeds" "$o/fuzz-artifacts"
mkdir -p "$o/fuzz-seeds" "$o/fuzz-corpus" "$o/fuzz-artifacts"
"$o/mkimage" seeds "$o/fuzz-seeds" || exit 1
if "$o/fuzz-image" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -dict=fuzz/image.dict -print_final_stats=1 \
       -artifact_prefix="$o/fuzz-artifacts/" \
       "$o/fuzz-corpus" "$o/fuzz-seeds" fuzz/regressions >"$o/fuzz.log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$o/fuzz.log")
    echo "PASS: image/fuzz/loader (${secs} s, ${runs:-?} inputs)"
else
    crash=$(ls "$o"/fuzz-artifacts/* 2>/dev/null | head -n 1)
    echo "FAIL: image/fuzz/loader: crash input $crash; keep it in fuzz/regressions/ with the fix"
    grep -m 5 -E 'ERROR|SUMMARY|runtime error' "$o/fuzz.log" | sed -e 's/^/    /'
    failed=1
fi
exit $failed
