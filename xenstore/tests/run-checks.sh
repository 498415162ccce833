#!/usr/bin/env bash
# run-checks.sh: run every xenstore test program and shell test, each bounded
# in time; a program that dies without a FAIL line is reported as a failure.
# Usage: run-checks.sh BUILD_DIR FUZZ_SECONDS
set -u
B=$(cd "$1" && pwd)
FUZZ_SECONDS=${2:-45}
cd "$(dirname "$0")/.."
export XENSTORED_BINARY=$B/xenstored
status=0

run() {   # run NAME TIMEOUT COMMAND...
    local name=$1 limit=$2 out rc
    shift 2
    out=$(timeout "$limit" "$@" 2>"$B/$name.stderr")
    rc=$?
    printf '%s\n' "$out"
    if [ $rc -ne 0 ]; then
        status=1
        if ! grep -q '^FAIL: ' <<<"$out"; then
            echo "FAIL: xenstore/$name (exit status $rc)"
        fi
        sed -e 's/^/    /' "$B/$name.stderr" | tail -n 20 >&2
    fi
}

run core 60 "$B/test_core"
run wire 10 "$B/test_wire"
run lib 60 "$B/test_lib"
run lib-debian-headers 60 "$B/test_lib_debian" xenstore/lib-debian-headers
run ring 120 "$B/test_ring"
run durability 120 "$B/test_durability"
run hostile 240 "$B/test_hostile"
run interop 120 env B="$B" bash tests/interop.sh
run reference 180 env B="$B" bash tests/reference.sh
run fuzz-regressions 60 "$B/fuzz_replay" fuzz/regressions fuzz/corpus
if [ -x "$B/fuzz_protocol" ]; then
    run fuzz $((FUZZ_SECONDS + 30)) bash fuzz/run-fuzzer.sh "$B" "$FUZZ_SECONDS"
else
    echo "SKIP: xenstore/fuzz (clang's libFuzzer is not available)"
fi
exit $status
