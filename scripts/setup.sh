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

  # Firefox and WebKit for the browser tests and the cross-engine suite (tests/cross-engine/);
  # Redis for the proxy's tests, which start their own server on a loopback port.
  test_packages=()
  command -v firefox-esr >/dev/null || test_packages+=(firefox-esr)
  [[ -x /usr/bin/WebKitWebDriver ]] || test_packages+=(webkit2gtk-driver)
  command -v Xvfb >/dev/null && command -v xvfb-run >/dev/null || test_packages+=(xvfb)
  command -v redis-server >/dev/null || test_packages+=(redis-server)
  if [[ ${#test_packages[@]} -gt 0 ]]; then
    if [[ $(id -u) -eq 0 ]]; then
      echo "setup: installing ${test_packages[*]}"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${test_packages[@]}" >/dev/null
    else
      echo "setup: the tests need ${test_packages[*]} (Debian: apt-get install ${test_packages[*]})" >&2
      exit 1
    fi
  fi

  source scripts/geckodriver.env
  if [[ ! -x "$GECKODRIVER_BIN" ]]; then
    echo "setup: building geckodriver $GECKODRIVER_VERSION into $GECKODRIVER_ROOT (about 3 minutes, once)"
    # An unoptimised build without debug info: about 3 minutes on 2 cores where a release build
    # takes 6 to 8, and a driver that only relays WebDriver commands needs no speed.
    CARGO_PROFILE_DEV_DEBUG=0 cargo install --debug --locked --root "$GECKODRIVER_ROOT" geckodriver --version "$GECKODRIVER_VERSION"
  fi
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# Release builds use a pinned nightly Rust with rust-src (scripts/build.sh: -Z build-std and
# other size levers, see docs/performance.md). About 15 s to download; scripts/build.sh falls
# back to stable Rust (a larger wasm) when it cannot be had.
nightly=${DT_NIGHTLY_TOOLCHAIN:-$(sed -n 's/^nightly=${DT_NIGHTLY_TOOLCHAIN:-\(.*\)}$/\1/p' scripts/build.sh)}
if ! rustup run "$nightly" rustc --version >/dev/null 2>&1; then
  echo "setup: installing Rust $nightly (minimal profile, with rust-src)"
  rustup toolchain install "$nightly" --profile minimal --component rust-src --no-self-update ||
    echo "setup: could not install Rust $nightly: scripts/build.sh will build with stable Rust (larger)" >&2
elif [[ ! -d "$(rustup run "$nightly" rustc --print sysroot)/lib/rustlib/src/rust/library" ]]; then
  echo "setup: adding rust-src to Rust $nightly"
  rustup component add rust-src --toolchain "$nightly" ||
    echo "setup: could not add rust-src: scripts/build.sh will build with stable Rust (larger)" >&2
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
