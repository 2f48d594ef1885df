#!/usr/bin/env bash
# Builds the release wasm into www/pkg/, ready for `npm pack ./www`.
#
# Size levers (docs/performance.md says what each one buys):
# - nightly Rust rebuilding std for the wasm (-Z build-std) with the immediate-abort panic
#   strategy, Debug formatting and panic locations compiled out, and std's optimize_for_size;
#   Leptos' `nightly` feature (enabled here only: the crate's other builds use stable Rust);
# - the exports of Leptos' server-function stream adapters (wasm-streams' IntoUnderlying*: never
#   used by the element) left out at link time (scripts/link-wasm.sh) and removed from the glue;
# - wasm-opt -Oz, with the wasm's imports and exports renamed to one or two letters (the glue
#   rewritten to match), then a second -Oz pass to convergence.
# scripts/setup.sh installs the nightly toolchain and rust-src. DT_STABLE_BUILD=1 builds with
# stable Rust instead: it works, but the page download is about 26 KB (brotli) larger.
set -euo pipefail
cd "$(dirname "$0")/.."

# The nightly is pinned so that a build gives the same bytes on every machine; scripts/setup.sh
# installs the same one.
nightly=${DT_NIGHTLY_TOOLCHAIN:-nightly-2026-05-20}
has_nightly() {
  local sysroot
  sysroot=$(rustup run "$nightly" rustc --print sysroot 2>/dev/null) &&
    [[ -d "$sysroot/lib/rustlib/src/rust/library" ]]
}

link="-Clinker=$PWD/scripts/link-wasm.sh"
if [[ "${DT_STABLE_BUILD:-}" != 1 ]] && has_nightly; then
  RUSTFLAGS="$link -Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" \
    cargo "+$nightly" build --release --target wasm32-unknown-unknown -p delivery-tracker-widget \
    --features leptos/nightly -Z build-std=std,panic_abort -Z build-std-features=optimize_for_size
else
  [[ "${DT_STABLE_BUILD:-}" == 1 ]] ||
    echo "build: no '$nightly' toolchain with rust-src (scripts/setup.sh installs them): building with stable Rust, which gives a larger wasm" >&2
  RUSTFLAGS="$link" cargo build --release --target wasm32-unknown-unknown -p delivery-tracker-widget
fi
rm -rf www/pkg
wasm-bindgen --target web --no-typescript --out-dir www/pkg --out-name delivery_tracker \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/delivery_tracker_widget.wasm"

# Leptos always links server_fn, whose wasm-streams dependency has three #[wasm_bindgen] classes
# (IntoUnderlyingSource, IntoUnderlyingSink, IntoUnderlyingByteSource). scripts/link-wasm.sh left
# their exports out of the wasm; wasm-bindgen still writes their classes into the glue: drop them
# (nothing imports them: the package entry imports only `default` and `mount`).
# scripts/patch-glue.mjs makes the glue rewrites; a step that cannot apply fails the build.
node scripts/patch-glue.mjs prune-stream-adapters www/pkg/delivery_tracker.js

# binaryen from npm: Debian's wasm-opt (v108) produces modules that fail at start.
# --minify-imports-and-exports-and-modules renames the ~180 imports and exports (wasm-bindgen's
# names carry 16-hex-digit hashes) to one or two letters, and prints the mapping, which the glue
# is then rewritten with.
map=$(mktemp)
trap 'rm -f "$map"' EXIT
node_modules/.bin/wasm-opt --minify-imports-and-exports-and-modules -Oz \
  --strip-debug --strip-producers \
  www/pkg/delivery_tracker_bg.wasm -o www/pkg/delivery_tracker_bg.wasm >"$map"
node scripts/patch-glue.mjs rename www/pkg/delivery_tracker.js www/pkg/delivery_tracker_bg.wasm "$map"
# A second pass, repeated until it stops shrinking (--converge), finds what the first one's
# renaming and removals opened up: 0.5 KB brotli. It renames nothing, so the glue still matches.
node_modules/.bin/wasm-opt -Oz --converge --strip-debug --strip-producers \
  www/pkg/delivery_tracker_bg.wasm -o www/pkg/delivery_tracker_bg.wasm
# The generated glue is shipped minified (about 1.8 KB brotli less).
node_modules/.bin/esbuild www/pkg/delivery_tracker.js --minify --format=esm --log-level=warning \
  --allow-overwrite --outfile=www/pkg/delivery_tracker.js

# ---- The package's modules ---------------------------------------------------------------------
# www/src/index.js and www/src/element.js are the readable sources (JSDoc and comments); the
# package ships them minified as www/index.js and www/element.js (docs/performance.md, "First
# parcel on a phone"). Not bundled: each stays its own module, as the package's exports name them.
node_modules/.bin/esbuild www/src/index.js www/src/element.js --minify --format=esm --log-level=warning \
  --outdir=www
# ------------------------------------------------------------------------------------------------

node scripts/size-report.mjs
