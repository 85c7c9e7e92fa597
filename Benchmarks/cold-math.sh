#!/usr/bin/env bash
# Cold math: one lesson of N distinct formulas (default 2,000), no cache, so
# every formula is typeset by KaTeX in Duktape; rendered with --jobs 1 and
# --jobs 2 alternately (1 2 1 2 …, so both meet the same machine load), and
# the medians printed with their ratio.
#   Benchmarks/cold-math.sh [RUNS] [N] [BINARY]
# With no BINARY, the release build of this checkout (built first). The
# lesson has no experiment blocks: the time is loading, typesetting and
# writing the page. Wall time shows the gain of the second engine; user + sys
# CPU time shows its cost (each engine loads KaTeX, 0.2 s). The load average
# is printed: on a shared machine compare figures taken at similar load only.
set -euo pipefail
runs=${1:-5}
count=${2:-2000}
bin=${3:-}
[ -n "$bin" ] && bin=$(realpath "$bin")
cd "$(dirname "$0")/.."
if [ -z "$bin" ]; then
  swift build -c release --product lesson --static-swift-stdlib -Xlinker -z -Xlinker now >/dev/null
  bin=.build/release/lesson
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/lessons"
{
  echo "# $count distinct formulas"
  echo
  for i in $(seq "$count"); do
    printf 'Formula %d: $\\sum_{k=1}^{%d} \\frac{x_k^{%d}}{\\sqrt{k + %d}} = \\alpha_{%d}$.\n' "$i" "$i" "$i" "$i" "$i"
    echo
  done
} > "$work/lessons/math.md"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq "$runs"); do
  for jobs in 1 2; do
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$work/cpu" "$bin" render "$work/lessons" --out "$work/out$jobs" --no-cache --jobs "$jobs" >/dev/null 2>"$work/err" \
      || { echo "render failed (--jobs $jobs):"; tail -3 "$work/err"; exit 1; }
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 )) $(tail -1 "$work/cpu" | awk '{ print $1 + $2 }')" >> "$work/times$jobs"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if cmp -s "$work/out1/math.html" "$work/out2/math.html"; then
  echo "the pages of --jobs 1 and --jobs 2 are identical"
else
  echo "the pages of --jobs 1 and --jobs 2 differ"; exit 1
fi
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
for jobs in 1 2; do
  wall=$(awk '{ print $1 / 1e6 }' "$work/times$jobs" | median)
  cpu=$(awk '{ print $2 }' "$work/times$jobs" | median)
  low=$(awk '{ print $1 / 1e6 }' "$work/times$jobs" | sort -n | head -1)
  high=$(awk '{ print $1 / 1e6 }' "$work/times$jobs" | sort -n | tail -1)
  echo "--jobs $jobs: median of $runs cold renders of $count formulas: wall $(printf %.2f "$wall") s ($(printf %.2f "$low")–$(printf %.2f "$high")), user + sys $(printf %.2f "$cpu") s"
  echo "$wall $cpu" > "$work/median$jobs"
done
read -r wall1 cpu1 < "$work/median1"
read -r wall2 cpu2 < "$work/median2"
echo "--jobs 2 / --jobs 1: wall $(awk -v a="$wall2" -v b="$wall1" 'BEGIN { printf "%.2f", a / b }'), CPU $(awk -v a="$cpu2" -v b="$cpu1" 'BEGIN { printf "%.2f", a / b }')"
