#!/usr/bin/env bash
# run-bad-corpus.sh XL CASES [--regen]
#
# Each case of CASES (see corpus/bad.txt for the format) is written to
# case.cfg in a scratch directory and given to "XL create -q -n case.cfg
# [ARGS]".  It passes when xl exits 1, prints nothing on stdout, and its last
# line on stderr is exactly "xl: " followed by the expected message.
# --regen prints the file again with the messages xl gives now (for review
# when a message is deliberately changed).
set -u
xl=$(realpath "$1")
cases=$2
regen=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

prefix=${PREFIX:-bad-cfg}
name= section= expected= npass=0 nfail=0
args=()
: > "$work/case.cfg"

run_case() {
    local out err rc last
    (cd "$work" && timeout 10 "$xl" create -q -n case.cfg "${args[@]}" \
        > out.txt 2> err.txt)
    rc=$?
    out=$(cat "$work/out.txt")
    last=$(tail -n 1 "$work/err.txt")
    if [ -n "$regen" ]; then
        echo "=== $name"
        cat "$work/case.cfg"
        if [ ${#args[@]} -gt 0 ]; then
            echo "--- args"; printf '%s\n' "${args[@]}"
        fi
        echo "--- error"
        echo "${last#xl: }"
        return
    fi
    if [ "$rc" -eq 1 ] && [ -z "$out" ] && [ "$last" = "xl: $expected" ]; then
        echo "PASS: $prefix/$name"
        npass=$((npass + 1))
    else
        echo "FAIL: $prefix/$name (exit $rc)"
        echo "    expected: xl: $expected"
        echo "    got:      $last"
        nfail=$((nfail + 1))
    fi
}

while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in
    '=== '*)
        name=${line#=== }
        section=cfg
        args=()
        : > "$work/case.cfg"
        continue
        ;;
    '--- args') section=args; continue ;;
    '--- error') section=error; continue ;;
    esac
    case "$section" in
    cfg) [ -n "$name" ] && printf '%s\n' "$line" >> "$work/case.cfg" ;;
    args) args+=("$line") ;;
    error)
        expected=$line
        section=
        run_case
        ;;
    esac
done < <(grep -av '^#' "$cases")

[ -n "$regen" ] || [ "$nfail" -eq 0 ]
