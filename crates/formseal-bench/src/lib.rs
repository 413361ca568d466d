//! Holds only the browser benchmarks in `tests/` (see `scripts/bench.sh`).
