#!/usr/bin/env bash
# Builds the release wasm into www/pkg/, ready for `npm pack ./www`.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --target wasm32-unknown-unknown -p delivery-tracker-widget
rm -rf www/pkg
wasm-bindgen --target web --no-typescript --out-dir www/pkg --out-name delivery_tracker \
  target/wasm32-unknown-unknown/release/delivery_tracker_widget.wasm
# binaryen from npm: Debian's wasm-opt (v108) produces modules that fail at start.
node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers \
  www/pkg/delivery_tracker_bg.wasm -o www/pkg/delivery_tracker_bg.wasm
node scripts/size-report.mjs
