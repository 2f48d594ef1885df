#!/usr/bin/env bash
# Runs every test: host unit tests (the proxy's against the fixture API and a real Redis among
# them), the build, wasm browser tests against the fixture API in Chromium, Firefox and WebKit,
# the end-to-end tests of the packed npm package in Chromium (Playwright), the cross-engine suite
# in all three (WebDriver), and the consumer tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/geckodriver.env

section() { printf '\n==== %s ====\n' "$*"; }

section "setup (scripts/setup.sh --browser)"
scripts/setup.sh --browser

section "host tests (cargo test --workspace)"
cargo test --workspace

section "build (scripts/build.sh)"
scripts/build.sh

section "size budget (node --test tests/size-budget.test.mjs)"
node --test tests/size-budget.test.mjs

section "glue rewrites of the build (node --test tests/patch-glue.test.mjs)"
node --test tests/patch-glue.test.mjs

section "custom elements manifest is generated from the JSDoc (node --test tests/custom-elements-manifest.test.mjs)"
node --test tests/custom-elements-manifest.test.mjs

section "demo server and proxy (cargo build -p delivery-tracker-demo -p delivery-tracker-proxy)"
cargo build -p delivery-tracker-demo -p delivery-tracker-proxy
demo_bin=target/debug/delivery-tracker-demo
export PROXY_BIN=target/debug/delivery-tracker-proxy

section "wasm browser tests (cargo test --target wasm32-unknown-unknown)"
demo_log=$(mktemp)
demo_pid=
stop_demo() {
  if [[ -n "$demo_pid" ]]; then
    kill "$demo_pid" 2>/dev/null || true
    wait "$demo_pid" 2>/dev/null || true
    demo_pid=
  fi
  rm -f "$demo_log"
}
trap stop_demo EXIT
"$demo_bin" --root . --page-port 0 --api-port 0 >"$demo_log" 2>&1 &
demo_pid=$!
for _ in $(seq 1 100); do
  grep -q '^api: ' "$demo_log" && break
  if ! kill -0 "$demo_pid" 2>/dev/null; then cat "$demo_log" >&2; echo "demo server exited" >&2; exit 1; fi
  sleep 0.1
done
DT_FIXTURE_API=$(awk '/^api: / { print $2; exit }' "$demo_log")
if [[ -z "$DT_FIXTURE_API" ]]; then cat "$demo_log" >&2; echo "demo server printed no api: line" >&2; exit 1; fi
export DT_FIXTURE_API
echo "fixture API: $DT_FIXTURE_API"
# wasm-bindgen-test-runner drives the browser whose driver variable is set (GECKODRIVER first,
# then SAFARIDRIVER, then CHROMEDRIVER): each run sets exactly one.
only_driver() { env -u GECKODRIVER -u SAFARIDRIVER -u CHROMEDRIVER -u MSEDGEDRIVER "$@"; }
only_driver CHROMEDRIVER="$(command -v chromedriver)" cargo test --target wasm32-unknown-unknown -p delivery-tracker-widget

section "wasm browser tests in Firefox (GECKODRIVER, --test browser)"
only_driver GECKODRIVER="$GECKODRIVER_BIN" cargo test --target wasm32-unknown-unknown -p delivery-tracker-widget --test browser

section "wasm browser tests in WebKit (SAFARIDRIVER=WebKitWebDriver under xvfb-run, --test browser)"
# MiniBrowser needs a display (it has no headless mode) and reports navigator.languages "C"
# unless LANG is set.
only_driver SAFARIDRIVER=/usr/bin/WebKitWebDriver LANG=en_US.UTF-8 \
  xvfb-run -a cargo test --target wasm32-unknown-unknown -p delivery-tracker-widget --test browser
stop_demo
trap - EXIT

section "install the packed package (tests/install-package.sh)"
tests/install-package.sh

section "end-to-end tests (node --test tests/e2e/)"
DEMO_SERVER_BIN="$demo_bin" node --test --test-concurrency=1 tests/e2e/

section "cross-engine end-to-end tests in Chromium, Firefox and WebKit (node --test tests/cross-engine/)"
DEMO_SERVER_BIN="$demo_bin" GECKODRIVER="$GECKODRIVER_BIN" node --test --test-concurrency=1 tests/cross-engine/

section "consumer tests: the packed tarball in a plain page, Vite 7, TypeScript, React 19 (node --test tests/consumers/)"
DT_PACKAGE_TGZ=$(ls tests/.work/delivery-tracker-widget-*.tgz) DEMO_SERVER_BIN="$demo_bin" \
  node --test --test-concurrency=1 tests/consumers/
