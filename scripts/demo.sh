#!/usr/bin/env bash
# Runs the demo: builds the widget, then serves index.html with the built-in fixture API and, in
# front of the fixture API's key-requiring base, the shop's tracking proxy holding the key (so the
# page never sees it). Everything is on 127.0.0.1; no internet needed.
set -euo pipefail
cd "$(dirname "$0")/.."

usage="usage: scripts/demo.sh [--page-port N] [--api-port N] [--proxy-port N]  (defaults 8080, 8081, 8787)"
page_port=8080
api_port=8081
proxy_port=8787
while [[ $# -gt 0 ]]; do
  case "$1" in
    --page-port) page_port=${2:?$usage}; shift 2 ;;
    --api-port) api_port=${2:?$usage}; shift 2 ;;
    --proxy-port) proxy_port=${2:?$usage}; shift 2 ;;
    -h | --help) echo "$usage"; exit 0 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done

scripts/setup.sh
scripts/build.sh
cargo build --quiet -p delivery-tracker-demo -p delivery-tracker-proxy

# The fixture API's demo key: given to the proxy through its environment, as a shop would.
# A short freshness (10 s) lets the demo show a cached answer served stale after an outage.
TRACKQL_API_KEY=demo-client:demo-secret target/debug/delivery-tracker-proxy \
  --listen "127.0.0.1:$proxy_port" \
  --upstream "http://127.0.0.1:$api_port/keyed" \
  --allow-origin "http://127.0.0.1:$page_port" --allow-origin "http://localhost:$page_port" \
  --cache-ttl 10 --cache-ttl-delivered 10 &
proxy_pid=$!
trap 'kill "$proxy_pid" 2>/dev/null || true' EXIT

echo "demo: open the page address below; Ctrl-C stops"
target/debug/delivery-tracker-demo --root . --page-port "$page_port" --api-port "$api_port" \
  --proxy-base "http://127.0.0.1:$proxy_port"
