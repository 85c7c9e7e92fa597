#!/usr/bin/env bash
# Builds the Debian package from the release archive's folder (archive.sh)
# of the version BINARY reports:
# `make deb`. Installed with `sudo apt install ./lessonrunner_VERSION_ARCH.deb`,
# which brings the libraries it links and KaTeX from Debian.
#
#   /usr/bin/lesson                      the static-Swift binary, stripped
#   /usr/share/doc/lessonrunner/         copyright (MIT, and the digits' CC BY 4.0), changelog
#   /usr/share/man/man1/lesson.1.gz
#
# KaTeX is not shipped: the package depends on libjs-katex and fonts-katex,
# which lesson finds at /usr/share/javascript/katex.
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/release/lesson}
out=${2:-.build/dist}
version=$("$binary" --version | sed -n '1s/^lesson (LessonRunner) \([^,]*\),.*/\1/p')
# The folder archive.sh staged for this version.
stage="$out/lessonrunner-$version-linux-$(uname -m)"
[ -x "$stage/bin/lesson" ] || { echo "error: no $stage/bin/lesson; run make dist first" >&2; exit 1; }
arch=$(dpkg --print-architecture)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"
install -d -m 755 "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/doc/lessonrunner" "$root/usr/share/man/man1"
# The binary comes stripped from archive.sh (symbols and the .comment section).
install -m 755 "$stage/bin/lesson" "$root/usr/bin/lesson"
install -m 644 Packaging/copyright "$root/usr/share/doc/lessonrunner/copyright"
install -d -m 755 "$root/usr/share/lintian/overrides"
install -m 644 Packaging/lintian-overrides "$root/usr/share/lintian/overrides/lessonrunner"
gzip -9n < Packaging/changelog > "$root/usr/share/doc/lessonrunner/changelog.gz"
chmod 644 "$root/usr/share/doc/lessonrunner/changelog.gz"
sed "s/@VERSION@/$version/" Packaging/lesson.1 | gzip -9n > "$root/usr/share/man/man1/lesson.1.gz"
chmod 644 "$root/usr/share/man/man1/lesson.1.gz"
depends="$(Packaging/depends.sh "$root/usr/bin/lesson"), libjs-katex, fonts-katex"
size=$(du -k -s "$root/usr" | cut -f1)
# No Homepage field: the README names no public address of the project, and
# a made-up one would send users nowhere. Add it here once there is one.
cat > "$root/DEBIAN/control" <<TEXT
Package: lessonrunner
Version: $version
Architecture: $arch
Maintainer: LessonRunner maintainers <maintainers@users.noreply.b-seed-0b2f1499.example>
Installed-Size: $size
Depends: $depends
Section: education
Priority: optional
Description: deep-learning lessons in Markdown whose experiments actually run
 LessonRunner reads lessons written as Markdown files with fenced experiment
 blocks, runs every block on a small built-in neural-network engine (OpenBLAS
 underneath) and writes standalone, offline HTML pages with tables, SVG
 charts, typeset math and the numbers of that run. The same command checks
 lessons in CI. "lesson init" starts a course with its settings, a first
 lesson and CI workflows. The UCI hand-written digits data set is built in.
TEXT
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
deb="$out/lessonrunner_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
echo "$deb"
