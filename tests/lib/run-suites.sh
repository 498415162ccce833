#!/usr/bin/env bash
# Run every test suite of the tree and end with the line "N passed, N failed".
#
# A suite is a directory with a Makefile whose "check" target prints one line per
# test case: "PASS: <name>", "FAIL: <name>" or "SKIP: <name>" (skips are shown, not
# counted).  The suites are the components (dom0-tools, xenstore, backends, frontends)
# and every tests/<dir>/.  A suite whose make fails without reporting a FAIL line
# counts as one failure, so a broken build can never look green.
#
# Usage: run-suites.sh [suite-dir ...]     (default: all of them)
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"

logdir=build/test-logs
mkdir -p "$logdir"

if [ $# -gt 0 ]; then
    suites=("$@")
else
    suites=()
    for d in dom0-tools xenstore backends frontends tests/*/; do
        d=${d%/}
        [ "$d" = tests/lib ] && continue
        [ -f "$d/Makefile" ] && suites+=("$d")
    done
fi

passed=0
failed=0
for s in "${suites[@]}"; do
    log="$logdir/$(echo "$s" | tr / -).log"
    echo "=== $s"
    make --no-print-directory -C "$s" check 2>&1 | tee "$log" | grep -E '^(PASS|FAIL|SKIP): '
    rc=${PIPESTATUS[0]}
    p=$(grep -c '^PASS: ' "$log")
    f=$(grep -c '^FAIL: ' "$log")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL: $s: 'make check' exited with status $rc (see $log)"
        tail -n 20 "$log" | sed -e 's/^/    /'
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
