#!/usr/bin/env bash
# Prints the Debian packages (with versions) whose shared libraries the given
# binary links, as a Depends: value: dpkg-shlibdeps' own answer.
set -euo pipefail
binary=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/debian"
# dpkg-shlibdeps reads the source package's control file; a minimal one will do.
printf 'Source: lessonrunner\n\nPackage: lessonrunner\nArchitecture: any\n' > "$work/debian/control"
(cd "$work" && dpkg-shlibdeps -O "$binary" 2>/dev/null) | sed -n 's/^shlibs:Depends=//p'
