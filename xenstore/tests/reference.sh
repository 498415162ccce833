#!/usr/bin/env bash
# reference.sh: the same raw-protocol script (reference.script) against Xen
# 4.17's C xenstored (Debian's xen-utils-4.17, run through the benchmark's
# shim) and against ours; the transcripts must be identical.  This is how we
# know the core's tests encode Xen's behaviour and not our reading of it.
set -u
. "$(dirname "$0")/lib.sh"
S=xenstore/reference
top=$(cd "$(dirname "$0")/../.." && pwd)

deb=$("$top/tests/lib/fetch-deb.sh" xen-utils-4.17 2>/dev/null | tail -n 1)
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
    echo "SKIP: $S (cannot fetch xen-utils-4.17)"
    exit 0
fi
ref=$B/xen-ref
if [ ! -x "$ref/usr/lib/xen-4.17/bin/xenstored" ]; then
    rm -rf "$ref"
    dpkg-deb -x "$deb" "$ref" || { echo "FAIL: $S/extract"; exit 1; }
fi
mkdir -p "$T/xen"
XENSTORED_PATH=$T/xen/socket XENSTORED_RUNDIR=$T/xen \
    LD_PRELOAD=$B/xenstored-shim.so "$ref/usr/lib/xen-4.17/bin/xenstored" -N \
    2>"$T/xen/log" &
XPID=$!
for _ in $(seq 500); do [ -S "$T/xen/socket" ] && break; sleep 0.01; done
start_daemon || { result $S/start 1; exit 1; }

script=$(dirname "$0")/reference.script
"$B/xs_transcript" "$T/xen/socket" <"$script" >"$T/xen.out" 2>&1
"$B/xs_transcript" "$T/socket" <"$script" >"$T/ours.out" 2>&1
kill "$XPID" 2>/dev/null
wait "$XPID" 2>/dev/null
[ -n "${XS_SHOW:-}" ] && cp "$T/xen.out" "$T/ours.out" "$XS_SHOW"/
grep -q 'READ -> hello' "$T/xen.out"
result $S/xen-daemon-answers $? "$(head -5 "$T/xen.out")"
diff -u "$T/xen.out" "$T/ours.out" >"$T/diff"
result $S/same-transcript $? "$(head -60 "$T/diff")"
stop_daemon
exit $((failed > 0))
