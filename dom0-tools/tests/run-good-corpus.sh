#!/usr/bin/env bash
# run-good-corpus.sh XL DOMCFG_TOOL DIR [--regen]
#
# For each DIR/NAME.cfg or NAME.xml (with optional NAME.args, one KEY=VALUE
# override per line):
#   good-cfg/NAME        "xl create -q -n" succeeds and prints exactly
#                        NAME.json (a generated uuid reads as <random-uuid>)
#   json-roundtrip/NAME  that JSON, parsed and printed again, is unchanged
#   xml-roundtrip/NAME   its libvirt XML, parsed and printed again, is
#                        unchanged, and so is the xl.cfg made from that XML
#   xml-semantic/NAME    (names in DIR/xml-exact.list) the domain read back
#                        from its libvirt XML has the same JSON as the config
# --regen rewrites the NAME.json files (review the diff before committing).
set -u
xl=$(realpath "$1")
tool=$(realpath "$2")
dir=$3
regen=${4:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nfail=0

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; shift; for l in "$@"; do echo "    $l"; done; nfail=$((nfail + 1)); }

for f in "$dir"/*.cfg "$dir"/*.xml; do
    [ -e "$f" ] || continue
    name=$(basename "${f%.*}")
    args=()
    [ -f "$dir/$name.args" ] && mapfile -t args < "$dir/$name.args"
    if ! "$xl" create -q -n "$f" "${args[@]}" > "$work/out.json" 2> "$work/err.txt"; then
        fail "good-cfg/$name" "xl failed: $(tail -n 1 "$work/err.txt")"
        continue
    fi
    sed -E 's/("uuid": )"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"/\1"<random-uuid>"/' \
        "$work/out.json" > "$work/norm.json"
    if ! grep -q '"uuid": "<random-uuid>"' "$work/norm.json"; then
        cp "$work/out.json" "$work/norm.json"
    fi
    if [ -n "$regen" ]; then
        cp "$work/norm.json" "$dir/$name.json"
    fi
    if cmp -s "$work/norm.json" "$dir/$name.json"; then
        pass "good-cfg/$name"
    else
        fail "good-cfg/$name" "$(diff -u "$dir/$name.json" "$work/norm.json" | head -n 20)"
    fi

    if "$tool" json < "$work/out.json" > "$work/rt.json" 2> "$work/err.txt" &&
       cmp -s "$work/out.json" "$work/rt.json"; then
        pass "json-roundtrip/$name"
    else
        fail "json-roundtrip/$name" "$(cat "$work/err.txt")" \
             "$(diff -u "$work/out.json" "$work/rt.json" | head -n 20)"
    fi

    if [ "${f##*.}" = xml ]; then
        cp "$f" "$work/x1.xml"
        "$tool" xml < "$f" > "$work/x1.xml" 2> "$work/err.txt"
    else
        "$xl" domxml-from-xl "$f" "${args[@]}" > "$work/x1.xml" 2> "$work/err.txt"
    fi
    if "$tool" xml < "$work/x1.xml" > "$work/x2.xml" 2>> "$work/err.txt" &&
       cmp -s "$work/x1.xml" "$work/x2.xml" &&
       "$tool" xml2cfg < "$work/x1.xml" > "$work/c1.cfg" 2>> "$work/err.txt" &&
       "$xl" domxml-from-xl "$work/c1.cfg" > "$work/x3.xml" 2>> "$work/err.txt" &&
       cmp -s "$work/x1.xml" "$work/x3.xml"; then
        pass "xml-roundtrip/$name"
    else
        fail "xml-roundtrip/$name" "$(cat "$work/err.txt")" \
             "$(diff -u "$work/x1.xml" "$work/x2.xml" | head -n 10)" \
             "$(diff -u "$work/x1.xml" "$work/x3.xml" 2>/dev/null | head -n 10)"
    fi

    if grep -qx "$name" "$dir/xml-exact.list" 2>/dev/null; then
        norm() { sed -E 's/("uuid": )"[0-9a-f-]{36}"/\1"<uuid>"/'; }
        if "$tool" xml2json < "$work/x1.xml" > "$work/x.json" 2> "$work/err.txt" &&
           cmp -s <(norm < "$work/out.json") <(norm < "$work/x.json"); then
            pass "xml-semantic/$name"
        else
            fail "xml-semantic/$name" "$(cat "$work/err.txt")" \
                 "$(diff -u "$work/out.json" "$work/x.json" | head -n 20)"
        fi
    fi
done
[ "$nfail" -eq 0 ]
