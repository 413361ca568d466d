#!/usr/bin/env sh
# Trunk pre-build hook. Joins, into target/:
# - formseal.css: the widget's style sheets (one file per concern in style/), in cascade order —
#   one request, and it compresses better whole;
# - messages-en.txt: the English message catalogue, which the browser fetches only when the
#   applicant switches to English (Chinese is built into the first download).
set -eu
cd "$(dirname "$0")/.."
mkdir -p target
cat style/tokens.css style/base.css style/layout.css style/fields.css style/feedback.css style/review.css > target/formseal.css.tmp
mv target/formseal.css.tmp target/formseal.css
m=crates/formseal-core/src/messages/en
cat "$m/rules.txt" "$m/form.txt" "$m/ui.txt" "$m/package.txt" > target/messages-en.txt.tmp
mv target/messages-en.txt.tmp target/messages-en.txt
# - forms/: the built-in forms' definitions and the start page's list of them (scripts/forms.mjs).
node scripts/forms.mjs
