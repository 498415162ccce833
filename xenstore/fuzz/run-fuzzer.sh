#!/usr/bin/env bash
# run-fuzzer.sh BUILD_DIR SECONDS: fuzz the core for a bounded time.  The
# corpus grows in a scratch copy; any crashing input is kept in
# fuzz/regressions/ (commit it: fuzz_replay runs it in every "make check").
set -u
B=$1
SECS=${2:-45}
cd "$(dirname "$0")"
work=$(mktemp -d "${TMPDIR:-/tmp}/xs-fuzz-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp corpus/* "$work/" 2>/dev/null
before=$(ls regressions | wc -l)
nice "$B/fuzz_protocol" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 \
    -max_len=4096 -print_final_stats=1 -artifact_prefix=regressions/ \
    "$work" >"$work/log" 2>&1
rc=$?
after=$(ls regressions | wc -l)
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/log" | grep -o '[0-9]*$')
if [ $rc -eq 0 ] && [ "$after" -eq "$before" ]; then
    echo "PASS: xenstore/fuzz/protocol (${runs:-?} inputs in ${SECS} s)"
    exit 0
fi
echo "FAIL: xenstore/fuzz/protocol (new input(s) in fuzz/regressions)"
tail -n 30 "$work/log" >&2
exit 1
