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
# The catalogue files the browser form has are those catalogues.txt lists without a feature.
m=crates/formseal-core/src/messages
files=$(grep -v '^#' "$m/catalogues.txt" | awk 'NF == 1 { print "'"$m"'/en/" $1 ".txt" }')
# shellcheck disable=SC2086
cat $files > target/messages-en.txt.tmp
mv target/messages-en.txt.tmp target/messages-en.txt
# - forms/: the built-in forms' definitions and the start page's list of them (scripts/forms.mjs).
node scripts/forms.mjs
