#!/usr/bin/env bash
# The benchmark command (not part of the tests): release build, then native, wasm and browser figures.
# Prints a table and writes bench-results/latest.json. Arguments go to bench/run.mjs (e.g. --writers 200,1000).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
. scripts/env.sh
# What the benchmark compares formseal with (SurveyJS, bench/package.json): never needed by the tests.
[ -d bench/node_modules/survey-js-ui ] || npm ci --prefix bench --no-audit --no-fund
mkdir -p bench-results
trunk build --release --offline
scripts/check-size.sh || true
cargo run --quiet --release -p formseal-core --example bench_validate | tee bench-results/validate-native.txt
cargo run --quiet --release -p formseal-core --features pdf --example bench_package | tee bench-results/package-native.txt
(cd crates/formseal-bench && CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --release --target wasm32-unknown-unknown --test bench_wasm -- --include-ignored --nocapture 2>&1) \
  | grep BENCH | sed 's/^.*BENCH //' | tee bench-results/validate-wasm.txt
node bench/run.mjs "$@"
