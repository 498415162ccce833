#!/bin/sh
# test-options.sh XENCONSOLED: xenconsoled's command line, on a host without
# Xen: --help and --version answer, every bad value is refused with a message
# that names the option and what it expects (exit 2), and with good options but
# no hypervisor it says why it cannot start (exit 1) instead of daemonising.
# One PASS:/FAIL: line per case.
bin=${1:?usage: test-options.sh XENCONSOLED}
out=$(mktemp)
trap 'rm -f "$out"' EXIT

# case NAME WANT-STATUS PATTERN ARGS...: run, check the status and that the
# output (stdout and stderr) matches PATTERN (grep -E).
case_() {
    name=$1 want=$2 pat=$3
    shift 3
    timeout 10 "$bin" "$@" >"$out" 2>&1
    rc=$?
    if [ "$rc" -eq "$want" ] && grep -Eq -- "$pat" "$out"; then
        echo "PASS: console/options-$name"
    else
        echo "FAIL: console/options-$name: exit $rc (want $want): $(head -c 300 "$out")"
    fi
}

case_ help 0 '^Usage: .*--log=none\|guest\|hv\|all' --help
case_ help-short 0 '^Usage: ' -h
case_ version 0 'Xen Console Daemon' -V
case_ bad-log 2 -- '--log=everything: expected none, guest, hv or all' --log=everything
case_ bad-timestamp 2 -- '--timestamp=sometimes: expected none, guest, hv or all' --timestamp=sometimes
case_ bad-overflow 2 -- '--overflow-data=lose: expected discard or keep' --overflow-data=lose
case_ unknown-option 2 '^Usage: ' --no-such-option
case_ extra-argument 2 "unexpected argument 'stray'" -i stray
if [ -e /dev/xen/privcmd ] || [ -e /proc/xen/privcmd ]; then
    echo "SKIP: console/options-no-hypervisor (this host has Xen's devices)"
else
    case_ no-hypervisor 1 '^xenconsoled: .*(privcmd|Xen|xen)' -i --log=all --log-dir=/nonexistent
fi
