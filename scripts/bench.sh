#!/usr/bin/env bash
# The benchmark (docs/performance.md): builds the release package (scripts/build.sh) and the
# demo / fixture server, then measures the widget in headless Chromium on 127.0.0.1 and prints a
# table and one PASS/MISS line per budget (exit status 1 when a budget is missed).
# Arguments go to bench/run.mjs: --runs N (default 5), --cycles N (default 1000), --json FILE,
# --only first,history,many,cycles,phone (default all; `--only phone` is the phone profile
# benchmark alone, which serves the package itself and needs no demo server).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh
[[ " $* " == *" --only phone "* ]] || cargo build -p delivery-tracker-demo
node bench/run.mjs "$@"
