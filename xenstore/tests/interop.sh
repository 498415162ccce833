#!/usr/bin/env bash
# interop.sh: Debian's xenstore-utils (Xen 4.17's commands and libxenstore)
# against our daemon, ours against each other, and Debian's commands running
# on our libxenstore: the same script must give the same output every way.
set -u
. "$(dirname "$0")/lib.sh"
S=tests/interop

if ! command -v /usr/bin/xenstore-read >/dev/null; then
    echo "SKIP: $S (xenstore-utils is not installed)"
    exit 0
fi

# session DIR: one fixed scenario with the commands found in DIR (prefix).
session() {
    local p=$1
    "${p}xenstore-write" /i/a hello /i/b "tab\there" /i/c/d deep 2>&1
    "${p}xenstore-read" /i/a /i/b 2>&1
    "${p}xenstore-read" -p /i/c/d 2>&1
    "${p}xenstore-read" -R /i/b 2>&1; echo
    "${p}xenstore-exists" /i/a; echo "exists=$?"
    "${p}xenstore-exists" /i/nope; echo "exists=$?"
    "${p}xenstore-read" /i/nope 2>&1 | sed 's/^[^:]*: //'; echo "read=${PIPESTATUS[0]}"
    "${p}xenstore-list" /i 2>&1
    "${p}xenstore-list" -p /i 2>&1
    "${p}xenstore-chmod" /i/a r1 b2 2>&1
    "${p}xenstore-chmod" -r /i/c n3 2>&1
    "${p}xenstore-ls" /i 2>&1
    "${p}xenstore-ls" -p /i 2>&1
    "${p}xenstore-ls" -f /i 2>&1
    "${p}xenstore-write" /i/x/y/z 1 2>&1
    "${p}xenstore-rm" -t /i/x/y/z 2>&1
    "${p}xenstore-list" /i 2>&1
    "${p}xenstore-rm" /i 2>&1
    "${p}xenstore-ls" / 2>&1
}

start_daemon || { result $S/start 1 "daemon did not start"; exit 1; }
session /usr/bin/ >"$T/debian.out"
session "$B/" >"$T/ours.out"
LD_LIBRARY_PATH=$B session /usr/bin/ >"$T/debian-on-our-lib.out"
[ -n "${XS_SHOW:-}" ] && cat "$T/debian.out"
diff -u "$T/debian.out" "$T/ours.out" >"$T/d1" 2>&1
result $S/debian-vs-our-commands $? "$(head -30 "$T/d1")"
diff -u "$T/debian.out" "$T/debian-on-our-lib.out" >"$T/d2" 2>&1
result $S/debian-commands-on-our-libxenstore $? "$(head -30 "$T/d2")"
grep -q 'hello' "$T/debian.out" && grep -q 'tab\\there' "$T/debian.out"
result $S/debian-commands-see-values $? "$(cat "$T/debian.out")"

# Which library did they use?  Debian's binary must resolve ours here.
LD_LIBRARY_PATH=$B ldd /usr/bin/xenstore-read | grep -q "$B/libxenstore.so.4"
result $S/debian-binary-loads-our-library $?

# xenstore-watch: Debian's waits for two events (the initial one and a write).
( timeout 10 /usr/bin/xenstore-watch -n 2 /i/w >"$T/watch.out" 2>&1 ) &
wpid=$!
for _ in $(seq 100); do
    [ -s "$T/watch.out" ] && break
    sleep 0.05
done
"$B/xenstore-write" /i/w/e 1
wait $wpid
printf '/i/w\n/i/w/e\n' | diff -u - "$T/watch.out" >"$T/d3" 2>&1
result $S/debian-xenstore-watch $? "$(cat "$T/d3")"

# Our xenstore-control against our daemon.
"$B/xenstore-control" quota | grep -q '^transaction-nodes:     1024 '
result $S/xenstore-control-quota $?
"$B/xenstore-control" quota set nodes 2000 >/dev/null &&
    "$B/xenstore-control" quota | grep -q '^nodes            :     2000 '
result $S/xenstore-control-set-quota $?
"$B/xenstore-read" --help | grep -q 'Usage: .*xenstore-read'
result $S/help $?

stop_daemon
exit $((failed > 0))
