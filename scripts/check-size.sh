#!/usr/bin/env bash
# Fails when the first load of the release build (wasm + JS + CSS, brotli -q 11) exceeds BRIEF.md's
# 250 KB budget. Prints every file's raw and compressed size.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=$((250 * 1024))
total=0
printf '%-48s %10s %10s\n' file raw brotli
for f in dist/*.wasm dist/*.js dist/*.css; do
  raw=$(stat -c %s "$f")
  br=$(brotli -q 11 -c "$f" | wc -c)
  total=$((total + br))
  printf '%-48s %10d %10d\n' "$(basename "$f")" "$raw" "$br"
done
printf '%-48s %10s %10d (budget %d)\n' "first load" "" "$total" "$budget"
if [ "$total" -gt "$budget" ]; then
  echo "first-load size $total bytes is over the $budget-byte budget" >&2
  exit 1
fi
