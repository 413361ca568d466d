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
# - forms/: each built-in form's definition (forms/<id>/definition.json, minified) as
#   forms/<id>.json, fetched when that form is opened, and forms/index.json, what the start page
#   lists (id, title, body, the field with the unit's name).
mkdir -p target/forms.tmp
for f in forms/*/definition.json; do
  id=$(basename "$(dirname "$f")")
  jq -c . "$f" > "target/forms.tmp/$id.json"
done
jq -c -s 'map({id, title, body, name_field})' forms/*/definition.json > target/forms.tmp/index.json
rm -rf target/forms && mv target/forms.tmp target/forms
