#!/usr/bin/env bash
# Builds the libFuzzer harness (Fuzz/LessonFuzz) and runs it for a bounded time.
#
#   Fuzz/run.sh [MODE] [SECONDS] [extra libFuzzer flags…]
#
# MODE is pipeline (default: a lesson file through load → plan → execute →
# render, softmax blocks only), expression (expect lines / inline references)
# spec (a softmax block's YAML body) or url (a link destination, checked against
# the scheme allow-list in every attribute of the page); SECONDS defaults to 120.
# CONFIG=release fuzzes the optimized build (as shipped: -O, and whatever
# unsafe flags Package.swift gives a target in release); default debug.
# MAX_LEN (default 4096) bounds input size. Crashes, slow units and leaks are
# written to Fuzz/artifacts/MODE/; the growing corpus lives in Fuzz/corpus/MODE/
# (both ignored by git); Fuzz/seeds/MODE/ holds a few hand-made seeds.
# Reproduce one input with:
#   SWIFT_BACKTRACE=enable=no LESSON_FUZZ_MODE=MODE .build-fuzz/debug/LessonFuzz FILE
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-pipeline}
seconds=${2:-120}
shift $(( $# > 2 ? 2 : $# ))
case $mode in pipeline|expression|spec|url|markup|cache|names) ;; *) echo "unknown mode '$mode' (pipeline, expression, spec, url, markup, cache, names)" >&2; exit 64 ;; esac
config=${CONFIG:-debug}
case $config in debug|release) ;; *) echo "unknown CONFIG '$config' (debug, release)" >&2; exit 64 ;; esac

# The target exists only when LESSON_FUZZ=1; its own scratch folder keeps the
# sanitized objects away from the normal .build.
# A failed build must stop here: an older binary left in .build-fuzz would
# otherwise be fuzzed as if it were the current code.
status=0
# Package.swift gives our targets -sanitize=fuzzer,address when LESSON_FUZZ=1.
LESSON_FUZZ=1 swift build -c "$config" --scratch-path .build-fuzz --product LessonFuzz \
    > .build-fuzz.log 2>&1 || status=$?
grep -v "Cannot export local symbol" .build-fuzz.log || true
binary=.build-fuzz/$config/LessonFuzz
[ "$status" = 0 ] && [ -x "$binary" ] || { echo "build failed (status $status); see .build-fuzz.log" >&2; exit 1; }

corpus=Fuzz/corpus/$mode
seeds=Fuzz/corpus/seeds-$mode
artifacts=Fuzz/artifacts/$mode
mkdir -p "$corpus" "$seeds" "$artifacts"

# Seeds from the shipped lessons and the end-to-end fixtures.
lessons=(lessons/*.md Tests/EndToEndTests/Fixtures/*/*.md)
case $mode in
pipeline)
    cp "${lessons[@]}" "$seeds"/ ;;
spec)
    # Each experiment block body becomes one seed.
    awk -v dir="$seeds" '
        /^[ >]*(```|~~~)+ *experiment/ { inside = 1; n++; file = dir "/body-" FILENAME "-" n; gsub("/", "_", file); file = dir "/" substr(file, length(dir) + 2); next }
        inside && /^[ >]*(```|~~~)/ { inside = 0; close(file); next }
        inside { sub(/^> ?/, ""); print > file }
    ' "${lessons[@]}" ;;
expression)
    # expect: entries and `=…` inline references, one per seed.
    n=0
    { grep -ho '^ *- "[^"]*"' "${lessons[@]}" | sed 's/^ *- "//; s/"$//'
      grep -ho '`=[^`]*`' "${lessons[@]}" | sed 's/^`=//; s/`$//'; } |
    while IFS= read -r line; do n=$((n + 1)); printf '%s' "$line" > "$seeds/e$n"; done ;;
esac

# Hand-made seeds for what the lessons lack (aliases, odd nesting, paths).
cp Fuzz/seeds/"$mode"/* "$seeds"/ 2>/dev/null || true

export SWIFT_BACKTRACE=enable=no
export LESSON_FUZZ_MODE=$mode
export LSAN_OPTIONS=suppressions=Fuzz/lsan.supp:print_suppressions=0
exec "$binary" "$corpus" "$seeds" \
    -dict="Fuzz/$(case $mode in pipeline) echo lesson ;; names) echo url ;; *) echo "$mode" ;; esac).dict" \
    -max_total_time="$seconds" -max_len="${MAX_LEN:-4096}" \
    -rss_limit_mb=2048 -timeout=10 -report_slow_units=2 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 "$@"
