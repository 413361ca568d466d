#!/usr/bin/env bash
# Fails when the first load of the release build (wasm + JS + CSS, brotli -q 11) exceeds BRIEF.md's
# 250 KB budget. Prints every file's raw and compressed size.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=$((250 * 1024))
total=0
printf '%-48s %10s %10s\n' file raw brotli
# The package worker (formseal-worker*) is fetched only when a package is made: not part of the first load.
for f in dist/*.wasm dist/*.js dist/*.css; do
  case "$(basename "$f")" in formseal-worker*) continue ;; esac
  raw=$(stat -c %s "$f")
  br=$(brotli -q 11 -c "$f" | wc -c)
  total=$((total + br))
  printf '%-48s %10d %10d\n' "$(basename "$f")" "$raw" "$br"
done
printf '%-48s %10s %10d (budget %d)\n' "first load" "" "$total" "$budget"
# The data a first view also fetches (not wasm/JS/CSS): the start page's list of forms, or the
# definition of the form it opens (forms/<id>.json). Reported, not counted against the budget.
for f in dist/forms/*.json; do
  [ -e "$f" ] || continue
  br=$(brotli -q 11 -c "$f" | wc -c)
  case "$(basename "$f")" in
    index.json) what="start page (+ forms/index.json)" ;;
    *.schema.json) continue ;;
    *) what="form $(basename "$f" .json) (+ its definition)" ;;
  esac
  printf '%-48s %10s %10d (data %d)\n' "$what" "" "$((total + br))" "$br"
done
for f in dist/formseal-worker*; do
  [ -e "$f" ] || continue
  printf '%-48s %10d %10d (on demand)\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(brotli -q 11 -c "$f" | wc -c)"
done
if [ "$total" -gt "$budget" ]; then
  echo "first-load size $total bytes is over the $budget-byte budget" >&2
  exit 1
fi
