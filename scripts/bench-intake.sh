#!/usr/bin/env bash
# Benchmarks of intake (not part of the test command).
#   scripts/bench-intake.sh [N…]            `formseal intake` (release) on N generated packages per
#                                           run (default 1000 and 10000): packages per second per
#                                           core and peak memory
#   scripts/bench-intake.sh --browser [N]   the intake page in headless Chromium on N packages
#                                           (default 1000): time to the whole table, longest task
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p formseal-cli --example bench_intake
if [ "${1:-}" = --browser ]; then
  shift
  scripts/setup.sh >/dev/null
  . scripts/env.sh
  trunk build --release --offline >/dev/null
  exec node bench/intake.mjs "$@"
fi
cargo build --release -q -p formseal-cli
cargo run --release -q -p formseal-cli --example bench_intake -- "$@"
