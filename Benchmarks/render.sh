#!/usr/bin/env bash
# Wall time and peak memory of `lesson render`, release build, one thread.
#   Benchmarks/render.sh [LESSON…]      (default: every shipped lesson, then the softmax lesson alone)
# Needs hyperfine (apt-get install hyperfine) for wall times; peak memory comes
# from GNU time's maximum resident set size.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product lesson --static-swift-stdlib -Xlinker -z -Xlinker now >/dev/null
bin=.build/release/lesson
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(lessons lessons/softmax-cross-entropy.md); fi
export OPENBLAS_NUM_THREADS=1
for target in "${targets[@]}"; do
  echo "== $target"
  # Cold: no cache, every block runs.
  hyperfine -N -w 1 -r 5 "$bin render $target --out $out/cold --no-cache" 2>/dev/null | grep -E "Time|Range" || true
  /usr/bin/time -f "cold peak RSS: %M KiB, wall %e s" "$bin" render "$target" --out "$out/cold" --no-cache >/dev/null 2>"$out/time.txt" || true
  tail -1 "$out/time.txt"
  # Warm: results from the cache, nothing runs.
  "$bin" render "$target" --out "$out/warm" --cache-dir "$out/cache" >/dev/null 2>&1 || true
  hyperfine -N -w 2 -r 20 "$bin render $target --out $out/warm --cache-dir $out/cache" 2>/dev/null | grep -E "Time|Range" || true
  /usr/bin/time -f "warm peak RSS: %M KiB, wall %e s" "$bin" render "$target" --out "$out/warm" --cache-dir "$out/cache" >/dev/null 2>"$out/time.txt" || true
  tail -1 "$out/time.txt"
done
