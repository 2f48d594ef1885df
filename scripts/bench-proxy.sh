#!/usr/bin/env bash
# The proxy benchmark (README, "Production"): delivery-tracker-proxy side by side with nginx's
# proxy_cache in front of the same fixture upstream, driven by wrk; prints one table and a
# PASS/MISS line per target (exit status 1 when one is missed).
# Arguments go to bench/proxy.mjs: --seconds N (default 10), --rounds N (default 3),
# --parcels N (default 100000), --connections N (default 64).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then
    echo "bench-proxy: installing nginx and wrk"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx wrk >/dev/null
  else
    echo "bench-proxy: needs nginx and wrk (Debian: apt-get install nginx wrk)" >&2
    exit 1
  fi
fi
scripts/setup.sh
cargo build --release -p delivery-tracker-proxy
cargo build -p delivery-tracker-demo
PROXY_BIN=target/release/delivery-tracker-proxy node bench/proxy.mjs "$@"
