#!/usr/bin/env bash
# test_install.sh MAKE OBJDIR: "make install DESTDIR=..." stages the command,
# the man page, the header and both libraries, which export only the API and
# link and run from the staged tree.
set -u
make=$1
o=$(realpath "$2")
cd "$(dirname "$0")/.."
d=$o/destdir
rm -rf "$d"
failed=0
pass() { echo "PASS: image/install/$1"; }
fail() { echo "FAIL: image/install/$1: $2"; failed=1; }

if $make --no-print-directory install DESTDIR="$d" >"$o/install.log" 2>&1; then
    pass make-install
else
    fail make-install "$(tail -n 5 "$o/install.log")"
    exit 1
fi

missing=
for f in usr/bin/xen-readnotes usr/share/man/man1/xen-readnotes.1 \
         usr/include/xenimage.h usr/lib/libxenimage.a usr/lib/libxenimage.so.1 \
         usr/lib/libxenimage.so; do
    [ -e "$d/$f" ] || missing="$missing $f"
done
if [ -z "$missing" ] && "$d/usr/bin/xen-readnotes" --help >/dev/null; then
    pass staged-files
else
    fail staged-files "missing:$missing"
fi

leaks=$( { nm -g --defined-only "$d/usr/lib/libxenimage.a";
           nm -D --defined-only "$d/usr/lib/libxenimage.so.1"; } |
         awk 'NF == 3 && $3 !~ /^xenimage_/ && $3 != "XENIMAGE_1" { print $3 }' |
         sort -u | tr '\n' ' ')
if [ -z "$leaks" ]; then
    pass exports-only-api
else
    fail exports-only-api "$leaks"
fi

# A program built against the staged header and each library.
cat >"$o/use.c" <<'C'
#include <stdio.h>
#include <xenimage.h>
int main(int argc, char **argv)
{
    struct xenimage *img = xenimage_create();
    int rc = xenimage_open_file(img, argc > 1 ? argv[1] : "/nonexistent");
    printf("%d %s\n", rc, xenimage_error(img));
    xenimage_destroy(img);
    return 0;
}
C
libs="-lz -lbz2 -llzma -llz4 -lzstd"
# shellcheck disable=SC2086
if cc -std=c99 -Wall -Werror -I"$d/usr/include" -o "$o/use-static" "$o/use.c" \
       "$d/usr/lib/libxenimage.a" $libs &&
   "$o/use-static" | grep -q "cannot open: No such file"; then
    pass link-static
else
    fail link-static "could not build or run against libxenimage.a"
fi
if cc -std=c99 -Wall -Werror -I"$d/usr/include" -o "$o/use-shared" "$o/use.c" \
       -L"$d/usr/lib" -lxenimage &&
   LD_LIBRARY_PATH="$d/usr/lib" "$o/use-shared" | grep -q "cannot open: No such file"; then
    pass link-shared
else
    fail link-shared "could not build or run against libxenimage.so"
fi
rm -rf "$d"
exit $failed
