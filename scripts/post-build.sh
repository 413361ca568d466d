#!/usr/bin/env sh
# Trunk post-build hook. Trunk starts the hooks of a stage all at once, so the steps that depend
# on each other run here, in order: minify the ES modules (release), make the package pages'
# classic script, then the offline file, which inlines them all.
set -eu
cd "$(dirname "$0")/.."
sh scripts/minify.sh
sh scripts/intake-glue.sh
node scripts/offline.mjs
