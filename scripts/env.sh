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
remap="--remap-path-prefix=$cargo_src/= --remap-path-prefix=$cargo_src/index.crates.io-1949cf8c6b5b557f/="
case " ${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:-} " in
  *" $remap "*) ;;
  *) export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:+$CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS }$remap" ;;
esac
unset cargo_src remap
