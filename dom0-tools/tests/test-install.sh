#!/usr/bin/env bash
# test-install.sh STAGE : "make install DESTDIR=STAGE" of dom0-tools puts
# xl, the libraries, headers, man pages and completion where they belong,
# and the installed xl runs.
set -u
stage=$(realpath -m "$1")
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$stage"
nfail=0
if make --no-print-directory -C "$here/.." install DESTDIR="$stage" > "$stage.log" 2>&1; then
    echo "PASS: install/make-install"
else
    echo "FAIL: install/make-install"; tail -n 20 "$stage.log"; nfail=1
fi
rm -f "$stage.log"
for f in usr/sbin/xl usr/share/man/man1/xl.1 usr/share/man/man5/xl.cfg.5 \
         usr/share/bash-completion/completions/xl \
         usr/lib/libxlcfg.so.1 usr/lib/libxlcfg.a usr/include/xlcfg.h \
         usr/lib/libdomcfg.so.1 usr/lib/libdomcfg.a usr/include/domcfg.h; do
    if [ -f "$stage/$f" ]; then
        echo "PASS: install/$f"
    else
        echo "FAIL: install/$f missing"; nfail=$((nfail + 1))
    fi
done
if "$stage/usr/sbin/xl" help 2>&1 | grep -q '^ create '; then
    echo "PASS: install/xl-runs"
else
    echo "FAIL: install/xl-runs"; nfail=$((nfail + 1))
fi
# The shared libraries resolve and export their API.
if nm -D "$stage/usr/lib/libdomcfg.so.1" | grep -q ' T domcfg_from_xlcfg$' &&
   nm -D "$stage/usr/lib/libxlcfg.so.1" | grep -q ' T xlcfg_parse$'; then
    echo "PASS: install/shared-libs-export-api"
else
    echo "FAIL: install/shared-libs-export-api"; nfail=$((nfail + 1))
fi
# Man pages are well-formed roff (groff warns about bad requests).
if command -v groff > /dev/null; then
    for m in man1/xl.1 man5/xl.cfg.5; do
        if out=$(groff -man -Tutf8 -ww -z "$stage/usr/share/man/$m" 2>&1) &&
           [ -z "$out" ]; then
            echo "PASS: install/man-$(basename $m)-renders"
        else
            echo "FAIL: install/man-$(basename $m)-renders"; echo "$out" | head -5
            nfail=$((nfail + 1))
        fi
    done
else
    echo "SKIP: install/man-renders (groff is not installed)"
fi
rm -rf "$stage"
[ "$nfail" -eq 0 ]
