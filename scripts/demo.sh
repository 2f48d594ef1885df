#!/usr/bin/env bash
# Runs the demo: builds the widget and serves index.html with the built-in fixture API.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
echo "demo: open the page address below; Ctrl-C stops"
exec cargo run --quiet --release -p delivery-tracker-demo -- --root . "$@"
