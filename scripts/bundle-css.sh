#!/usr/bin/env sh
# Trunk pre-build hook: the widget's style sheets (one file per concern in style/) joined in
# cascade order into one file, target/formseal.css: one request, and it compresses better whole.
set -eu
cd "$(dirname "$0")/.."
mkdir -p target
cat style/tokens.css style/base.css style/layout.css style/fields.css style/feedback.css style/review.css > target/formseal.css.tmp
mv target/formseal.css.tmp target/formseal.css
