#!/usr/bin/env bash
# Warm render of the whole curriculum, as `make render` runs it: every shipped
# lesson plus the kinds reference, with every result already in the cache.
#   Benchmarks/warm-render.sh [RUNS]        (default 7 runs; prints each and the median)
# The first render fills a cache of its own (cold: every block runs, about a
# minute on 2 cores), then RUNS renders are timed with GNU time. Wall time is
# what issue 10 asks for (under 0.2 s); user + system CPU time is printed too,
# since on a shared machine the wall time also counts waiting for a core.
# The machine's load is printed before and after: compare figures taken at
# similar load only.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
swift build -c release --product lesson >/dev/null
bin=.build/release/lesson
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" kinds --markdown > "$work/reference.md"
render=("$bin" render lessons "$work/reference.md" --out "$work/out" --cache-dir "$work/cache")
echo "cold render (fills the cache):"
/usr/bin/time -f "  wall %e s, user %U s, sys %S s, peak RSS %M KiB" "${render[@]}" >/dev/null 2>"$work/cold.txt" || true
tail -1 "$work/cold.txt"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %U %S %M" "${render[@]}" >/dev/null 2>"$work/time.txt" || true
  tail -1 "$work/time.txt" | tee -a "$work/all.txt" | awk -v i="$i" '{ printf "  warm %d: wall %s s, user %s s, sys %s s, peak RSS %s KiB\n", i, $1, $2, $3, $4 }'
done
echo "load after: $(uptime | sed 's/.*load average/load average/')"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
echo "median of $runs warm runs: wall $(awk '{ print $1 }' "$work/all.txt" | median) s," \
  "user + sys $(awk '{ print $2 + $3 }' "$work/all.txt" | median) s"
