#!/usr/bin/env bash
# The receiving service's tests on PostgreSQL (part of the test command): installs Debian's
# PostgreSQL if it can (else says why and skips), starts a throw-away cluster on a free local
# port, creates an empty database, runs the suite against it, stops and removes the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ]; then
  echo "postgres-tests: installing Debian's postgresql"
  if ! { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null; }; then
    echo "postgres-tests: PostgreSQL could not be installed here: the PostgreSQL run is skipped" >&2
    exit 0
  fi
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
dir=$(mktemp -d /tmp/formseal-pg.XXXXXX)
# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$((54000 + RANDOM % 1000))
run "$bin/initdb" -D "$dir/data" -A trust -U formseal -E UTF8 >/dev/null
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
stop() { run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; rm -rf "$dir"; }
trap stop EXIT
run "$bin/createdb" -h 127.0.0.1 -p "$port" -U formseal formseal_test
FORMSEAL_TEST_POSTGRES="postgres://formseal@127.0.0.1:$port/formseal_test" \
  cargo test -q -p formseal-cli --test serve the_same_on_postgresql -- --nocapture
