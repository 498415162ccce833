#!/usr/bin/env bash
# Install the Debian packages the build and the tests need, if any are missing.
#
# The package lists are every deps.txt in the tree (one package per line, '#' starts
# a comment), so each component declares its own dependencies beside its code.  When everything is installed this costs one dpkg-query.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)

# ensure-deps.sh FILE... installs the packages of the given lists only (for
# optional targets such as make kernel, whose list is not called deps.txt).
if [ $# -gt 0 ]; then
    lists=$(for f in "$@"; do realpath "$f"; done)
    cd "$top"
else
    cd "$top"
    lists=$(find . -name deps.txt -not -path './build/*' -not -path './.git/*')
fi
want=$(echo "$lists" | tr '\n' '\0' | xargs -0 cat |
       sed -e 's/#.*//' | tr -s ' \t' '\n\n' | sed -e '/^$/d' | sort -u)
[ -n "$want" ] || exit 0

# dpkg-query prints "<pkg> <status>" for every package it knows about, and exits
# non-zero when one was never installed: that is the case to handle, not an error.
installed=$( (dpkg-query -W -f='${binary:Package} ${db:Status-Status}\n' $want 2>/dev/null || true) |
            awk '$2 == "installed" { sub(/:.*/, "", $1); print $1 }' | sort -u)
missing=$(comm -23 <(echo "$want") <(echo "$installed"))
[ -n "$missing" ] || exit 0

echo "ensure-deps: installing:" $missing
sudo=
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "ensure-deps: need root (or sudo) to install:" $missing >&2; exit 1; }
    sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing >/dev/null
echo "ensure-deps: done"
