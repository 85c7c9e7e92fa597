#!/usr/bin/env bash
# Warm render of the whole curriculum, as `make render` runs it: every shipped
# lesson plus the kinds reference, with every result already in the cache.
#   Benchmarks/warm-render.sh [RUNS] [BINARY...]
# With no BINARY, the release build of this checkout (built first). With
# several (e.g. a copy of an older build's .build/release/lesson), their runs
# alternate — A B A B … — so that they meet the same machine load, and the
# medians' ratios to the first are printed: compare builds with those ratios.
# Each binary fills a cache folder of its own first (cold: every block runs,
# about half a minute on 2 cores), then RUNS renders of each are timed.
# Wall time is what issue 10 asks for (under 0.2 s); user + sys CPU time is
# printed too, since on a shared machine the wall time also counts waiting
# for a core. The load average is printed: compare figures taken at similar
# load only (or pause other work: SIGSTOP, SIGCONT).
set -euo pipefail
runs=${1:-9}
shift || true
bins=()
# Paths as given, from where the script was started; then to the package root.
for bin in "$@"; do bins+=("$(realpath "$bin")"); done
cd "$(dirname "$0")/.."
if [ ${#bins[@]} -eq 0 ]; then
  swift build -c release --product lesson --static-swift-stdlib -Xlinker -z -Xlinker now >/dev/null
  bins=(.build/release/lesson)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"${bins[0]}" kinds --markdown > "$work/reference.md"
for i in "${!bins[@]}"; do
  start=$(date +%s%N); status=0
  "${bins[$i]}" render lessons "$work/reference.md" --out "$work/out$i" --cache-dir "$work/cache$i" >/dev/null 2>"$work/cold$i" || status=$?
  end=$(date +%s%N)
  echo "${bins[$i]}: cold render (fills its cache) $(( (end - start) / 1000000 )) ms, exit status $status"
  [ "$status" -eq 0 ] || { echo "  (a failed block is not cached, so it runs in every warm render too:)"; grep -m3 error "$work/cold$i" | sed 's/^/  /'; }
done
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$runs"); do
  for i in "${!bins[@]}"; do
    # Wall time from the clock in ns; CPU time from GNU time.
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S" -o "$work/cpu" "${bins[$i]}" render lessons "$work/reference.md" \
      --out "$work/out$i" --cache-dir "$work/cache$i" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    # GNU time puts "Command exited with non-zero status 1" first when a
    # block failed (the pages are written anyway): the times are the last line.
    echo "$(( (end - start) / 1000 )) $(tail -1 "$work/cpu" | awk '{ print $1 + $2 }')" >> "$work/times$i"
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
for i in "${!bins[@]}"; do
  wall=$(awk '{ print $1 / 1e6 }' "$work/times$i" | median)
  cpu=$(awk '{ print $2 }' "$work/times$i" | median)
  low=$(awk '{ print $1 / 1e6 }' "$work/times$i" | sort -n | head -1)
  high=$(awk '{ print $1 / 1e6 }' "$work/times$i" | sort -n | tail -1)
  echo "${bins[$i]}: median of $runs warm runs: wall $(printf %.3f "$wall") s ($(printf %.3f "$low")–$(printf %.3f "$high")), user + sys $(printf %.2f "$cpu") s"
  echo "$wall $cpu" > "$work/median$i"
done
if [ ${#bins[@]} -gt 1 ]; then
  read -r wall0 cpu0 < "$work/median0"
  for i in "${!bins[@]}"; do
    [ "$i" -eq 0 ] && continue
    read -r wall cpu < "$work/median$i"
    echo "${bins[$i]} / ${bins[0]}: wall $(awk -v a="$wall" -v b="$wall0" 'BEGIN { printf "%.2f", a / b }'), CPU $(awk -v a="$cpu" -v b="$cpu0" 'BEGIN { printf "%.2f", a / b }')"
  done
fi
