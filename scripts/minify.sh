#!/usr/bin/env sh
# Trunk post-build hook: minifies the scripts of a release build (the wasm-bindgen glue and
# formseal.js) with esbuild; debug builds stay readable.
set -eu
[ "${TRUNK_PROFILE:-release}" = release ] || exit 0
cd "$(dirname "$0")/.."
# The glue is an ES module; formseal.js a classic script (it must run from a saved copy on disk).
for f in formseal-app.js:esm formseal.js:iife; do
  node_modules/.bin/esbuild "$TRUNK_STAGING_DIR/${f%%:*}" --minify --format="${f##*:}" --log-level=warning \
    --outfile="$TRUNK_STAGING_DIR/${f%%:*}" --allow-overwrite
done
