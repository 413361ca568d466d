#!/usr/bin/env bash
# Benchmark of `formseal intake` (not part of the test command): a release build, then N generated
# packages per run (default 1000 and 10000), packages per second per core and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p formseal-cli
cargo run --release -q -p formseal-cli --example bench_intake -- "$@"
