#!/usr/bin/env bash
# fetch-deb.sh PACKAGE... : download the current version of each Debian package into
# build/debs/ (once; later calls reuse it) and print the path of each .deb.
#
# Used for the dom0 kernel and for reference material such as Xen 4.17's hypervisor.
# No version is hard-coded: apt resolves the candidate version, so virtual/metapackages
# such as linux-image-amd64 are resolved to the real image package first.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
dir="${DEB_CACHE:-$top/build/debs}"
mkdir -p "$dir"
for pkg in "$@"; do
    real=$pkg
    # A metapackage (linux-image-amd64) depends on the real one: follow one level.
    case "$pkg" in
    linux-image-amd64|linux-image-cloud-amd64)
        real=$(apt-cache depends "$pkg" 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }')
        [ -n "$real" ] || { echo "fetch-deb: cannot resolve $pkg (apt-get update?)" >&2; exit 1; }
        ;;
    esac
    ver=$(apt-cache policy "$real" | awk '/Candidate:/ { print $2 }')
    [ -n "$ver" ] && [ "$ver" != "(none)" ] || { echo "fetch-deb: no candidate for $real" >&2; exit 1; }
    file=$(ls "$dir/${real}_${ver/:/%3a}_"*.deb 2>/dev/null | head -n 1 || true)
    if [ -z "$file" ]; then
        (cd "$dir" && apt-get download -q "$real=$ver" >/dev/null 2>&1) ||
            { (apt-get update -q >/dev/null 2>&1 || true); (cd "$dir" && apt-get download -q "$real=$ver" >/dev/null); }
        file=$(ls "$dir/${real}_${ver/:/%3a}_"*.deb | head -n 1)
    fi
    echo "$file"
done
