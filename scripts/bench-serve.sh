#!/usr/bin/env bash
# Load benchmark of `formseal serve` on loopback (not part of the test command): N generated
# packages (default 1000) from C concurrent clients (default 20); packages per second, p50/p95
# latency, the server's peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p formseal-cli --examples
cargo build --release -q -p formseal-cli
exec target/release/examples/bench_serve "$@"
