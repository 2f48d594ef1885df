#!/usr/bin/env bash
# Installs what a fresh machine lacks for building (and, with --browser, testing) the widget.
# Safe to run again: every step is skipped when its tool is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--browser" ]]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    if [[ $(id -u) -eq 0 ]]; then
      echo "setup: installing chromium and chromium-driver"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null
    else
      echo "setup: the tests need chromium and chromedriver (Debian: apt-get install chromium chromium-driver)" >&2
      exit 1
    fi
  fi
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if [[ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wb_version" ]]; then
  echo "setup: installing wasm-bindgen-cli $wb_version (takes about 2 minutes)"
  # Not --locked: the registry index lacks a crate its lock file names.
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

if [[ ! -x node_modules/.bin/wasm-opt ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
