#!/usr/bin/env bash
# The linker of the release wasm (scripts/build.sh passes it as -Clinker): rust-lld, given every
# export rustc asks for except those of wasm-streams' three stream-adapter classes
# (IntoUnderlyingSource, IntoUnderlyingSink, IntoUnderlyingByteSource). Leptos always links
# server_fn and so wasm-streams, whose #[wasm_bindgen] exports are roots: removed after linking,
# their code stayed, held by the function table (about 13 KB raw, 3.4 KB brotli). Not exported,
# the linker drops it. The element never creates one; scripts/patch-glue.mjs removes the classes
# from the glue.
set -euo pipefail
sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
args=()
while (($#)); do
  if [[ $1 == --export && ${2:-} == *intounderlying* ]]; then
    shift 2
    continue
  fi
  args+=("$1")
  shift
done
exec "$sysroot/lib/rustlib/$host/bin/rust-lld" "${args[@]}"
