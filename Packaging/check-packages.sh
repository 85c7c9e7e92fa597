#!/usr/bin/env bash
# Proves the packages `make deb` and `make dist` built work without the Swift
# toolchain: `make check-packages`. Each is unpacked into a scratch folder
# and renders and checks a course `lesson init` made, with data: digits in a
# chapter folder (the built-in data set) and a formula (KaTeX).
#
# As root the toolchain's folder (/opt/swift, or $SWIFT_DIR) is hidden for
# the run by mounting an empty folder over it in a private mount namespace,
# and for the archive Debian's KaTeX too, so only the archive's own copy can
# serve. Otherwise the run only clears LD_LIBRARY_PATH (and says so).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build/dist}
swift_dir=${SWIFT_DIR:-/opt/swift}
deb=$(find "$out" -maxdepth 1 -name 'lessonrunner_*.deb' | sort -V | tail -n 1)
archive=$(find "$out" -maxdepth 1 -name 'lessonrunner-*-linux-*.tar.gz' | sort -V | tail -n 1)
if [ -z "$deb" ] || [ -z "$archive" ]; then echo "error: no package in $out; run make deb first" >&2; exit 1; fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/deb" "$scratch/archive" "$scratch/empty"
dpkg-deb -x "$deb" "$scratch/deb"
tar -C "$scratch/archive" -xzf "$archive"

echo "== ldd $deb: usr/bin/lesson"
ldd "$scratch/deb/usr/bin/lesson"
if ldd "$scratch/deb/usr/bin/lesson" | grep -q "swift\|libFoundation\|libdispatch\|not found"; then
    echo "error: the packaged binary needs a Swift library or a missing one" >&2
    exit 1
fi

# The course: the first lesson, digits in a chapter folder, a formula.
course() {
    local lesson=$1 dir=$2
    "$lesson" init "$dir" >/dev/null
    mkdir -p "$dir/lessons/chapter"
    cat > "$dir/lessons/chapter/digits.md" <<'TEXT'
# Digits, built in

Euler's identity, $e^{i\pi} + 1 = 0$, typeset by KaTeX.

```experiment signal
data: digits
depth: 2
width: 8
expect:
  - "rows == 901"
```
TEXT
}

run() {
    local name=$1 lesson=$2 hide=$3
    local dir="$scratch/course-$name"
    course "$lesson" "$dir"
    cat > "$scratch/run-$name.sh" <<TEXT
set -e
cd '$dir'
'$lesson' --version
'$lesson' check
'$lesson' render
grep -q 'class="katex' site/digits.html
test -f site/assets/katex/katex.min.css
echo "pages: \$(ls site | tr '\n' ' ')"
TEXT
    if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
        echo "== $name, with $hide hidden"
        local mounts=""
        for folder in $hide; do mounts="$mounts mount --bind '$scratch/empty' '$folder' &&"; done
        unshare --mount sh -c "$mounts env -i PATH=/usr/bin:/bin HOME='$scratch' sh '$scratch/run-$name.sh'"
    else
        echo "== $name (not root: only LD_LIBRARY_PATH cleared, $swift_dir still present)"
        env -i PATH=/usr/bin:/bin HOME="$scratch" sh "$scratch/run-$name.sh"
    fi
}

run deb "$scratch/deb/usr/bin/lesson" "$swift_dir"
run archive "$(echo "$scratch"/archive/*/bin/lesson)" "$swift_dir /usr/share/javascript/katex"
echo "both packages render and check a course without the Swift toolchain"
