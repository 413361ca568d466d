#!/usr/bin/env bash
# Runs the property tests over everything that reads outside input (crates/formseal-core/tests/
# props.rs: the verifier, the definition, call and draft readers, key import, the message renderer)
# for as long as asked, with new random seeds each round. The test command runs the same
# properties for a few seconds.
#
#   scripts/fuzz.sh [MINUTES] [CASES_PER_ROUND]     (defaults: 10 minutes, 20000 cases)
#
# A failure stops the run and prints the smallest input that shows it; proptest also records its
# seed in crates/formseal-core/tests/props.proptest-regressions — commit that file, so the test
# command replays the case from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
cases=${2:-20000}
run() { PROPTEST_CASES=$cases cargo test -q --release -p formseal-core --features package --test props "$@"; }
run --no-run
# The time asked for is spent fuzzing, not building.
end=$((SECONDS + minutes * 60))
round=0
while [ "$SECONDS" -lt "$end" ]; do
  round=$((round + 1))
  printf '[fuzz] round %d (%d cases per property, %ds left)\n' "$round" "$cases" "$((end - SECONDS))"
  run
done
printf '[fuzz] %d rounds without a failure\n' "$round"
