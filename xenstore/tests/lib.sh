# lib.sh: helpers for the shell tests (sourced).  Each test prints one
# "PASS: name" or "FAIL: name" line; a private daemon runs in $T.
B=${B:-$(cd "$(dirname "$0")/.." && pwd)/build}
T=$(mktemp -d "${TMPDIR:-/tmp}/xs-sh-XXXXXX")
export XENSTORED_PATH=$T/socket
DPID=
failed=0

cleanup() {
    [ -n "$DPID" ] && kill -9 "$DPID" 2>/dev/null
    wait 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT

# start_daemon [extra args]: start our xenstored on $T (bounded wait).
start_daemon() {
    rm -f "$T/socket"
    mkdir -p "$T/rings"
    "$B/xenstored" -D -N -J "$T/journal" --test-ring-dir "$T/rings" "$@" \
        2>>"$T/daemon.log" &
    DPID=$!
    for _ in $(seq 500); do
        [ -S "$T/socket" ] && return 0
        kill -0 "$DPID" 2>/dev/null || return 1
        sleep 0.01
    done
    return 1
}

stop_daemon() {
    [ -n "$DPID" ] && kill "${1:--TERM}" "$DPID" 2>/dev/null
    wait "$DPID" 2>/dev/null
    DPID=
}

# result NAME STATUS [details...]
result() {
    local name=$1 st=$2
    shift 2
    if [ "$st" -eq 0 ]; then
        echo "PASS: $name"
    else
        echo "FAIL: $name"
        [ $# -gt 0 ] && printf '    %s\n' "$@" >&2
        failed=$((failed + 1))
    fi
}
