#!/usr/bin/env bash
# Builds formseal as hosts deploy it (the release build, dist/) and serves it on
# http://127.0.0.1:8080 with the headers a host should use (application/wasm, brotli/gzip);
# installs what is missing first. Beside it, on the next port (8081), the secretariat's receiving
# service (`formseal serve`, SQLite in target/formseal-service/), which examples/submit.html
# submits to.
#
#   scripts/serve.sh [--port N]        release build (FORMSEAL_PORT=N works too)
#   scripts/serve.sh --dev [--port N]  debug build, rebuilt on every change (trunk serve)
set -euo pipefail
cd "$(dirname "$0")/.."
dev=false
port=${FORMSEAL_PORT:-8080}
while [ $# -gt 0 ]; do
  case "$1" in
    --dev) dev=true ;;
    --port) port=${2:?--port needs a number}; shift ;;
    --port=*) port=${1#--port=} ;;
    *) echo "scripts/serve.sh: unknown option $1 (use --port N, --dev)" >&2; exit 2 ;;
  esac
  shift
done
scripts/setup.sh
. scripts/env.sh
if $dev; then
  exec trunk serve --offline --address 127.0.0.1 --port "$port"
fi
trunk build --release --offline
cargo build --release -q -p formseal-cli
service=target/formseal-service
mkdir -p "$service"
[ -f "$service/secretariat.pem" ] || target/release/formseal keygen -o "$service/secretariat.pem"
target/release/formseal serve --listen "127.0.0.1:$((port + 1))" --db "$service/packages.sqlite" \
  --key "$service/secretariat.pem" --origin "http://127.0.0.1:$port" --origin "http://localhost:$port" &
trap 'kill $! 2>/dev/null' EXIT
node scripts/serve.mjs --port "$port" --dir dist
