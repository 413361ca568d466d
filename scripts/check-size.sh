#!/usr/bin/env bash
# Fails when a first view of the release build — the start page, or any built-in form opened
# directly — downloads more than BRIEF.md's 250 KB budget (brotli -q 11): wasm + JS + CSS, plus
# the data that view fetches (the start page's forms/index.json, or the form's definition
# forms/<id>.json). Prints every file's raw and compressed size.
set -euo pipefail
cd "$(dirname "$0")/.."
budget=$((250 * 1024))
br() { brotli -q 11 -c "$1" | wc -c; }
total=0
printf '%-48s %10s %10s\n' file raw brotli
# The package worker (formseal-worker*) is fetched only when a package is made, the intake page
# (formseal-intake*) only when a secretariat opens it, the saved-copy bundle (formseal-saved.js)
# never online (only "Save page as" fetches it): none is part of the first load.
for f in dist/*.wasm dist/*.js dist/*.css; do
  case "$(basename "$f")" in formseal-worker* | formseal-intake* | formseal-saved.js) continue ;; esac
  size=$(br "$f")
  total=$((total + size))
  printf '%-48s %10d %10d\n' "$(basename "$f")" "$(stat -c %s "$f")" "$size"
done
printf '%-48s %10s %10d\n' "code (wasm + JS + CSS)" "" "$total"
over=0
views=0
for f in dist/forms/*.json; do
  case "$(basename "$f")" in
    index.json) what="start page (+ forms/index.json)" ;;
    *.schema.json | en.json) continue ;;
    *) what="form $(basename "$f" .json) (+ its definition)" ;;
  esac
  size=$(br "$f")
  view=$((total + size))
  views=$((views + 1))
  printf '%-48s %10s %10d (data %d)\n' "$what" "" "$view" "$size"
  if [ "$view" -gt "$budget" ]; then
    echo "first view of the $what: $view bytes, over the $budget-byte budget" >&2
    over=1
  fi
done
if [ "$views" -lt 2 ]; then
  echo "no first views found in dist/forms/ (build with trunk first)" >&2
  exit 1
fi
# English, fetched when the applicant switches language: messages and the forms' texts.
printf '%-48s %10s %10d (on switching)\n' "English (messages-en.txt + forms/en.json)" "" \
  "$(($(br dist/messages-en.txt) + $(br dist/forms/en.json)))"
for f in dist/formseal-worker* dist/formseal-intake*; do
  [ -e "$f" ] || continue
  printf '%-48s %10d %10d (on demand)\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(br "$f")"
done
printf '%-48s %10d %10s (saved copies only, never fetched online)\n' formseal-saved.js "$(stat -c %s dist/formseal-saved.js)" ""
exit "$over"
