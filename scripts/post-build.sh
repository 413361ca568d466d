#!/usr/bin/env sh
# Trunk post-build hook. Trunk starts the hooks of a stage all at once, so the steps that depend
# on each other run here, in order: the catalogue's texts into the demo page and formseal.js
# (their `{{<locale>:<key>}}`; a key missing from the catalogues fails the build), the demo page
# loading through formseal.js as host pages do, minify the scripts (release), drop the wasm
# modules' unread custom sections (scripts/wasm-strip.mjs), make the package
# pages' classic script, then the offline file and the saved-copy bundle, which inline them all.
set -eu
cd "$(dirname "$0")/.."
node scripts/messages.mjs "$TRUNK_STAGING_DIR/index.html" "$TRUNK_STAGING_DIR/formseal.js"
node scripts/demo-page.mjs "$TRUNK_STAGING_DIR/index.html"
sh scripts/minify.sh
node scripts/wasm-strip.mjs "$TRUNK_STAGING_DIR"
# Trunk's worker loader calls the glue with the wasm's address alone, which wasm-bindgen has
# deprecated (a warning in the host page's console): the same call with an options object.
loader="$TRUNK_STAGING_DIR/formseal-worker_loader.js"
if grep -q 'wasm_bindgen("./formseal-worker_bg.wasm")' "$loader"; then
  printf '%s' 'importScripts("./formseal-worker.js");wasm_bindgen({module_or_path:"./formseal-worker_bg.wasm"});' > "$loader"
fi
sh scripts/intake-glue.sh
node scripts/offline.mjs
