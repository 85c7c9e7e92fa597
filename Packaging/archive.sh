#!/usr/bin/env bash
# Packs the release archive: `make dist` runs this after building
# .build/release/lesson with the Swift runtime linked statically.
#
#   lessonrunner-VERSION-linux-ARCH/
#     bin/lesson                          no Swift library needed (ldd lists none)
#     share/lessonrunner/katex/           KaTeX's script, stylesheet and woff2 fonts
#     share/doc/lessonrunner/             LICENSE, README.md, KaTeX's copyright
#
# `lesson` finds share/lessonrunner beside its own bin/ folder, so the archive
# works unpacked anywhere. It still links Debian's cmark-gfm, OpenBLAS, Duktape
# and zlib (README-INSTALL in the archive names the packages).
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-.build/release/lesson}
out=${2:-.build/dist}
katex=/usr/share/javascript/katex

if ldd "$binary" | grep -q 'libswift\|libFoundation\|/opt/swift'; then
    echo "error: $binary links the Swift runtime dynamically; build it with --static-swift-stdlib" >&2
    exit 1
fi
version=$("$binary" --version | sed -n '1s/^lesson (LessonRunner) \([^,]*\),.*/\1/p')
[ -n "$version" ] || { echo "error: cannot read the version from '$binary --version'" >&2; exit 1; }
name="lessonrunner-$version-linux-$(uname -m)"
stage="$out/$name"
rm -rf "$stage" "$out/$name.tar.gz"
mkdir -p "$stage/bin" "$stage/share/lessonrunner/katex/fonts" "$stage/share/doc/lessonrunner"
install -m 755 "$binary" "$stage/bin/lesson"
strip --strip-unneeded --remove-section=.comment "$stage/bin/lesson"
# Math is typeset with KaTeX's script; pages load its stylesheet and fonts.
install -m 644 "$katex/katex.min.js" "$katex/katex.min.css" "$stage/share/lessonrunner/katex/"
install -m 644 "$katex"/fonts/*.woff2 "$stage/share/lessonrunner/katex/fonts/"
install -m 644 /usr/share/doc/libjs-katex/copyright "$stage/share/doc/lessonrunner/copyright.katex"
install -m 644 LICENSE README.md "$stage/share/doc/lessonrunner/"
install -m 644 Sources/NeuralEngine/Resources/README.md "$stage/share/doc/lessonrunner/digits-data.md"
libraries=$(Packaging/depends.sh "$stage/bin/lesson" | tr ',' '\n' | sed 's/ *(.*//; s/^ *//' | grep -v '^libc6$\|^libgcc-s1$\|^libstdc++6$' | tr '\n' ' ')
cat > "$stage/README-INSTALL" <<TEXT
LessonRunner $version for Linux ($(uname -m)). License: MIT (share/doc/lessonrunner/LICENSE).

bin/lesson needs no Swift toolchain. It uses these Debian/Ubuntu libraries:

    sudo apt-get install $libraries

Then run it from here, or put it on your PATH with its share folder beside it:

    sudo cp -r bin share /usr/local/      # or: ln -s "\$PWD/bin/lesson" ~/.local/bin/lesson
    lesson --version
    lesson init my-course

On Debian 12 or Ubuntu the .deb package installs all of this with one command.
TEXT
tar -C "$out" --owner=0 --group=0 --numeric-owner -czf "$out/$name.tar.gz" "$name"
echo "$out/$name.tar.gz"
