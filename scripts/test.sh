#!/usr/bin/env bash
# Runs every test tier (installs what is missing first): lint, native tests, wasm tests in headless
# Chromium, the release build, and the end-to-end tests with Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all --check

step "layers: no import cycle between the app's modules (src/)"
node scripts/check-layers.mjs

step "clippy (native: core with and without the package feature, CLI)"
cargo clippy -p formseal-core --all-targets -- -D warnings
cargo clippy -p formseal-core -p formseal-cli -p formseal-server --all-targets --features formseal-core/package -- -D warnings
step "clippy (wasm32: the app, the package worker and the package pages)"
cargo clippy -p formseal-app --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p formseal-worker --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p formseal-intake --target wasm32-unknown-unknown -- -D warnings

step "native tests: core vectors, rules, drafts, packages, PDF; CLI on fixtures, packages (openssl) and PDFs (poppler, qpdf)"
cargo test -p formseal-core -p formseal-cli -p formseal-server

step "the receiving service on PostgreSQL (a throw-away local cluster)"
scripts/postgres-tests.sh

step "core vectors on wasm32 in headless Chromium"
(cd crates/formseal-core && CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test vectors --test eligibility)

step "release build"
trunk build --release --offline

step "first-load size (brotli) within budget"
scripts/check-size.sh

step "end-to-end tests (Playwright + Chromium + axe-core)"
node --test --test-concurrency=1 tests/e2e/
