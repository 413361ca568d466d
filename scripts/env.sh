# Sourced by the scripts: puts the project's tools on PATH.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export CHROMIUM=/usr/bin/chromium
# The wasm builds name the dependencies' sources by crate (`tachys-0.2.19/src/…`) instead of by
# their place on this machine (`/root/.cargo/registry/src/index.crates.io-…/tachys-0.2.19/src/…`):
# those paths are the panic locations in the wasm's data, and the shorter names take 165 bytes
# (brotli) off every first view (issue 16). The native builds keep theirs. Added once, so that
# sourcing this file again does not change the flags (which would rebuild every wasm crate).
cargo_src="${CARGO_HOME:-$HOME/.cargo}/registry/src"
# Any folder of the registry (its name then stays in the path), then crates.io's as cargo names it
# before 1.85 and since (of the prefixes that match, the last applies).
remap="--remap-path-prefix=$cargo_src/="
for index in 6f17d22bba15001f 1949cf8c6b5b557f; do remap="$remap --remap-path-prefix=$cargo_src/index.crates.io-$index/="; done
case " ${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} " in
  *" $remap "*) ;;
  *) export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:+$CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS }$remap" ;;
esac
unset cargo_src remap index
