#!/usr/bin/env sh
# Trunk post-build hook: minifies the ES modules of a release build (the wasm-bindgen glue and
# formseal.js) with esbuild; debug builds stay readable.
set -eu
[ "${TRUNK_PROFILE:-release}" = release ] || exit 0
cd "$(dirname "$0")/.."
for f in formseal-app.js formseal.js; do
  node_modules/.bin/esbuild "$TRUNK_STAGING_DIR/$f" --minify --format=esm --log-level=warning \
    --outfile="$TRUNK_STAGING_DIR/$f" --allow-overwrite
done
