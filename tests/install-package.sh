#!/usr/bin/env bash
# Packs www/ with `npm pack` and installs the tarball into a throw-away site
# (tests/.work/site) exactly as a user would, then copies the e2e pages into it.
# Also installs the real tracker.delivery v1 server used by tests/e2e/real-server.test.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."

work=tests/.work
site=$work/site
mkdir -p "$work"

if [[ ! -f www/pkg/delivery_tracker_bg.wasm ]]; then
  echo "install-package: www/pkg/ is missing: run scripts/build.sh first" >&2
  exit 1
fi

rm -f "$work"/delivery-tracker-widget-*.tgz
tarball=$(npm pack ./www --pack-destination "$work" --json --loglevel=error \
  | node -e 'let s="";process.stdin.on("data",c=>s+=c).on("end",()=>console.log(JSON.parse(s)[0].filename))')
tarball=$(basename "$tarball")
echo "install-package: packed $work/$tarball"

rm -rf "$site"
mkdir -p "$site"
cat > "$site/package.json" <<'JSON'
{
  "name": "delivery-tracker-e2e-site",
  "version": "0.0.0",
  "private": true,
  "description": "A bundler-free site that installs the packed delivery-tracker-widget tarball"
}
JSON
(cd "$site" && npm install --no-audit --no-fund --loglevel=error "../$tarball")
cp tests/e2e/pages/* "$site/"
echo "install-package: installed into $site"

# The real v1 server (MIT, native dependency iconv built with node-gyp: python3, make, g++).
rs=tests/real-server
# node-gyp needs node's headers; with Debian's node they are installed, so no download is needed.
if [[ -z "${npm_config_nodedir:-}" && "$(command -v node)" == /usr/bin/node && -f /usr/include/node/node.h ]]; then
  export npm_config_nodedir=/usr
fi
if [[ ! -f $rs/node_modules/iconv/build/Release/iconv.node ]] \
   || [[ $rs/package-lock.json -nt $rs/node_modules/.package-lock.json ]]; then
  echo "install-package: installing the real v1 server (npm ci in $rs)"
  (cd "$rs" && npm ci --no-audit --no-fund --loglevel=error)
fi
