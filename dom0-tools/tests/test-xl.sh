#!/usr/bin/env bash
# test-xl.sh XL : the xl command as a user meets it on a host without a
# hypervisor: help, option errors, commands that need the hypervisor,
# create's dry run and overrides, the converters, and bash completion.
set -u
xl=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nfail=0

# t NAME EXPECTED_RC GREP_PATTERN CMD... : run CMD, check its exit status and
# that its combined output matches the extended regular expression.
t() {
    local name=$1 want=$2 pat=$3 rc
    shift 3
    (cd "$work" && timeout 10 "$@") > "$work/out" 2>&1
    rc=$?
    if [ "$rc" -eq "$want" ] && grep -Eq -- "$pat" "$work/out"; then
        echo "PASS: xl/$name"
    else
        echo "FAIL: xl/$name (exit $rc, wanted $want and /$pat/)"
        sed -e 's/^/    /' "$work/out" | head -n 8
        nfail=$((nfail + 1))
    fi
}

cat > "$work/g.cfg" <<'CFG'
name = "g"
kernel = "/boot/vmlinuz"
memory = 256
vif = [ 'bridge=xenbr0' ]
CFG

t help 0 '^xl full list of subcommands:' "$xl" help
t help-lists-every-command 0 'network-detach' "$xl" help
t no-args-is-usage 2 '^Usage xl \[-vfN\]' "$xl"
t help-cmd-create 0 '^Usage: xl \[-vfN\] create <ConfigFile> \[options\] \[vars\]' "$xl" help create
t help-cmd-options 0 '^-n, --dryrun' "$xl" help create
t help-cmd-list 0 '^-l, --long' "$xl" help list
t dash-h 0 '^Usage: xl \[-vf\] destroy' "$xl" destroy -h
t help-unknown 2 "unknown command 'frob'" "$xl" help frob
t unknown-command 2 "unknown command 'lsit'" "$xl" lsit
t unknown-option 2 "option .z' not supported" "$xl" list -z
t missing-arg 2 "'xl destroy' requires at least 1 argument" "$xl" destroy
t missing-args-2 2 "'xl mem-set' requires at least 2 arguments" "$xl" mem-set g
t shutdown-needs-domain-or-a 2 "'xl shutdown' requires at least 1 argument" "$xl" shutdown
t bad-mem-size 1 'invalid memory size: 12q' "$xl" mem-set g 12q
t bad-vcpu-count 1 'expected a number of vCPUs' "$xl" vcpu-set g x
t global-dryrun-refused 1 'does not implement -N' "$xl" -N list

# Without a hypervisor every such command says so, and prints no results.
if [ -e /dev/xen/privcmd ] || [ -e /proc/xen/privcmd ]; then
    echo "SKIP: xl/needs-hypervisor-* (this host has a hypervisor)"
else
    for c in "list" "list -l" "list --json" "destroy g" "shutdown -a" \
             "reboot g" "pause g" "unpause g" "console g" "mem-set g 256m" \
             "mem-max g 1g" "vcpu-set g 2" "vcpu-list" "vcpu-list --json" \
             "vcpu-pin g 0 all" "sched-credit" "sched-credit -d g -w 512" \
             "info" "info --json" "dmesg" "uptime" "save g /tmp/g.save" \
             "restore /tmp/g.save" "migrate g host2" \
             "block-attach g /a,raw,xvdb" "block-detach g 51728" \
             "block-list g" "block-list --json g" \
             "network-attach g bridge=xenbr0" "network-detach g 0" \
             "network-list g" "network-list --json g"; do
        # shellcheck disable=SC2086
        t "needs-hypervisor-${c// /_}" 1 \
          "no Xen hypervisor here: neither /dev/xen/privcmd nor /proc/xen/privcmd" \
          "$xl" $c
    done
    t create-needs-hypervisor 1 'no Xen hypervisor here' "$xl" create g.cfg
fi

t create-dryrun 0 '"bridge": "xenbr0"' "$xl" create -n g.cfg
t create-global-dryrun 0 '"target_memkb": 262144' "$xl" -N create g.cfg
t create-parsing-line 0 '^Parsing config from g.cfg' "$xl" create -n g.cfg
t create-quiet 0 '^\{' "$xl" create -q -n g.cfg
t create-override 0 '"target_memkb": 1048576' "$xl" create -q -n g.cfg memory=1024
t create-override-append 0 '"bridge": "xenbr1"' "$xl" create -qn g.cfg 'vif += [ "bridge=xenbr1" ]'
t create-defconfig 0 '"name": "g"' "$xl" create -qn -f g.cfg
t create-bad-override 1 "^xl: <command line>:1:10: syntax error: unexpected end of file" "$xl" create -qn g.cfg 'memory=[1'
t create-missing-file 1 '^xl: nope.cfg: cannot open: No such file or directory' "$xl" create -qn nope.cfg
t create-no-file 2 'no config file given' "$xl" create -n
t create-warning 0 'warning: builder is deprecated' "$xl" create -qn g.cfg 'builder="generic"'
t create-warning-wrong-type 0 '^<command line>:1:6: warning: boot is only used by HVM guests; ignored for this pv guest$' \
  "$xl" create -qn g.cfg 'boot="c"'

(cd "$work" && "$xl" create -qn g.cfg > a.json 2>/dev/null)
if jq -e '.c_info.name == "g" and .b_info.max_memkb == 262144 and
          (.c_info.uuid | test("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"))' \
       "$work/a.json" > /dev/null; then
    echo "PASS: xl/create-json-valid-with-random-uuid"
else
    echo "FAIL: xl/create-json-valid-with-random-uuid"; nfail=$((nfail + 1))
fi
(cd "$work" && "$xl" create -qn g.cfg > b.json 2>/dev/null)
if ! cmp -s "$work/a.json" "$work/b.json"; then
    echo "PASS: xl/create-uuid-differs-per-run"
else
    echo "FAIL: xl/create-uuid-differs-per-run"; nfail=$((nfail + 1))
fi

t domxml-from-xl 0 '<domain type="xen">' "$xl" domxml-from-xl g.cfg
(cd "$work" && "$xl" domxml-from-xl g.cfg > g.xml 2>/dev/null)
if xmllint --noout "$work/g.xml" 2>/dev/null; then
    echo "PASS: xl/domxml-from-xl-well-formed"
else
    echo "FAIL: xl/domxml-from-xl-well-formed"; nfail=$((nfail + 1))
fi
t domxml-to-xl 0 '^memory = 256$' "$xl" domxml-to-xl g.xml
t domxml-to-xl-json 0 '"c_info": \{' "$xl" domxml-to-xl --json g.xml
t create-from-xml 0 '"bridge": "xenbr0"' "$xl" create -qn g.xml
printf '<domain type="kvm"><name>k</name></domain>\n' > "$work/kvm.xml"
t domxml-to-xl-kvm 1 "only type='xen' domains" "$xl" domxml-to-xl kvm.xml
printf '<domain><name>k</name>\n' > "$work/broken.xml"
t domxml-to-xl-malformed 1 '^xl: broken.xml:[0-9]+: malformed XML' "$xl" domxml-to-xl broken.xml
t xml-no-overrides 1 'overrides apply to xl config files' "$xl" create -qn g.xml memory=5

# Bash completion, driven as bash does it.
comp() {
    bash -c '
        PATH=$(dirname "$1"):$PATH
        source "$2"
        shift 2
        COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
        _xl
        printf "%s\n" "${COMPREPLY[@]}"' _ "$xl" "$here/../xl/bash-completion" "$@"
}
if comp xl cr | grep -qx create && comp xl domxml- | grep -qx domxml-to-xl &&
   comp xl create --dr | grep -qx -- --dryrun &&
   (cd "$work" && comp xl create g. | grep -qx g.cfg); then
    echo "PASS: xl/bash-completion"
else
    echo "FAIL: xl/bash-completion"; nfail=$((nfail + 1))
fi

[ "$nfail" -eq 0 ]
