#!/usr/bin/env sh
# Trunk post-build hook: makes formseal-intake.js (wasm-bindgen's classic glue for the package
# pages: verify and intake) start its page when loaded: the glue and web/intake-start.js in one
# block, so the glue's `let wasm_bindgen` stays out of the host page's global names.
set -eu
cd "$(dirname "$0")/.."
f="$TRUNK_STAGING_DIR/formseal-intake.js"
{
  printf '{\n'
  cat "$f"
  printf '\n'
  cat web/intake-start.js
  printf '}\n'
} > "$f.tmp"
mv "$f.tmp" "$f"
if [ "${TRUNK_PROFILE:-release}" = release ]; then
  node_modules/.bin/esbuild "$f" --minify --log-level=warning --outfile="$f" --allow-overwrite
fi
