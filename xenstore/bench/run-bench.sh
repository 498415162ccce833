#!/usr/bin/env bash
# run-bench.sh: our xenstored against Debian's Xen 4.17 C xenstored, same
# client, same machine, same run.  Each phase runs three times, alternating
# between the daemons, and the best figure of each counts (the machine is
# shared; the best run is the least disturbed).  Writes docs/bench/xenstore.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
B=$(cd "$here/../build" && pwd)
OUT=${BENCH_OUT:-$top/docs/bench/xenstore.md}
ROUNDS=${BENCH_ROUNDS:-3}

# Debian's xenstored (xen-utils-4.17) and the shim that lets it run here.
deb=$("$top/tests/lib/fetch-deb.sh" xen-utils-4.17 | tail -n 1)
ref=$B/xen-ref
if [ ! -x "$ref/usr/lib/xen-4.17/bin/xenstored" ]; then
    rm -rf "$ref"
    dpkg-deb -x "$deb" "$ref"
fi
XEN=$ref/usr/lib/xen-4.17/bin/xenstored
xenver=$(dpkg-deb -f "$deb" Version)

T=$(mktemp -d "${TMPDIR:-/tmp}/xs-bench-XXXXXX")
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$T"
}
trap cleanup EXIT

wait_sock() {
    for _ in $(seq 500); do [ -S "$1" ] && return 0; sleep 0.01; done
    echo "run-bench: no socket $1" >&2
    return 1
}

mkdir -p "$T/ours" "$T/xen"
XENSTORED_PATH=$T/ours/socket "$B/xenstored" -D -N -J "$T/ours/journal" \
    2>"$T/ours/log" &
pids+=($!)
XENSTORED_PATH=$T/xen/socket XENSTORED_RUNDIR=$T/xen \
    LD_PRELOAD=$B/xenstored-shim.so "$XEN" -N 2>"$T/xen/log" &
pids+=($!)
wait_sock "$T/ours/socket"
wait_sock "$T/xen/socket"

declare -A best unit
run() {   # run WHO PHASE [ARG]
    local who=$1 phase=$2 name val u
    while read -r name val u; do
        unit[$name]=$u
        local key="$who:$name" cur=${best["$who:$name"]:-}
        if [ "$u" = us ]; then   # latency: lower is better
            if [ -z "$cur" ] || awk "BEGIN{exit !($val < $cur)}"; then best[$key]=$val; fi
        else
            if [ -z "$cur" ] || awk "BEGIN{exit !($val > $cur)}"; then best[$key]=$val; fi
        fi
        order+=("$name")
    done < <("$B/xs_bench" "$T/$who/socket" "$phase" ${3:+"$3"})
}

order=()
for phase in write read directory transaction watch concurrent pipelined flat; do
    for _ in $(seq "$ROUNDS"); do
        run ours "$phase"
        run xen "$phase"
    done
done
for size in 1000 10000 100000; do
    "$B/xs_bench" "$T/ours/socket" fill "$size"
    "$B/xs_bench" "$T/xen/socket" fill "$size"
    for _ in $(seq "$ROUNDS"); do
        run ours grown "$size"
        run xen grown "$size"
    done
done

# Unique names, in order of first appearance.
names=()
declare -A seen
for n in "${order[@]}"; do
    [ -n "${seen[$n]:-}" ] && continue
    seen[$n]=1
    names+=("$n")
done

cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
load=$(cut -d' ' -f1-3 /proc/loadavg)
{
    echo "# xenstore benchmark"
    echo
    echo "Our xenstored against Debian's Xen 4.17 C xenstored ($xenver, run on this"
    echo "host through bench/xenstored-shim.c), same client (bench/xs_bench.c, a raw"
    echo "protocol client over the Unix socket), same machine, same run.  Each phase"
    echo "ran $ROUNDS times, alternating between the daemons; the best figure of each"
    echo "is shown.  Ours runs as installed: journal on (every commit written to the"
    echo "journal before its reply; no fsync)."
    echo
    echo "Machine: $(nproc) CPUs, $cpu; $(date -u +%Y-%m-%d); load average"
    echo "when the run ended: $load (the machine is shared with other work)."
    echo "Regenerate with \`make -C xenstore bench\`."
    echo
    echo "| figure | ours | Xen 4.17 | ours / Xen |"
    echo "| --- | ---: | ---: | ---: |"
    for n in "${names[@]}"; do
        o=${best["ours:$n"]}
        x=${best["xen:$n"]}
        if [ "${unit[$n]}" = us ]; then
            r=$(awk "BEGIN{printf \"%.2f (lower is better: Xen/ours %.2f)\", $o/$x, $x/$o}")
        else
            r=$(awk "BEGIN{printf \"%.2f\", $o/$x}")
        fi
        printf '| %s (%s) | %s | %s | %s |\n' "$n" "${unit[$n]}" "$o" "$x" "$r"
    done
    echo
    echo "Phases: write and read of 10 000 nodes in directories of 100; listing a"
    echo "100-entry directory; transactions of 5 writes; a write whose watch event"
    echo "the watcher receives before the next write (the latency is write to"
    echo "event); 32 clients, each writing and reading; 20 000 writes then reads"
    echo "sent 64 at a time before reading their replies (the daemon's own cost,"
    echo "without a round trip per request); 3 000 children added to"
    echo "one directory; write and read throughput as the store grows to 1 000,"
    echo "10 000 and 100 000 nodes."
    echo
    echo "Reading the figures: in the round-trip phases one client waits for"
    echo "each reply, so the client's own system calls and the kernel's wake-ups,"
    echo "the same for both daemons, are a large part of every request; our"
    echo "daemon spends one epoll_wait, one read and one write per request there"
    echo "(plus one journal write per turn that changed something).  Those"
    echo "figures also move most with the machine's load.  The pipelined phases"
    echo "remove the round trip and show each daemon's own cost per request."
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
