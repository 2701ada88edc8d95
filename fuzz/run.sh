#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600) with libFuzzer, on
# stable Rust (`--sanitizer none`: no nightly needed; Rust's own checks
# still abort on panics and overflow). Findings land in fuzz/artifacts/;
# copy each into tests/fuzz_regressions/ with a test that replays it.
#
# usage: fuzz/run.sh [SECONDS] [TARGET...]
#   needs: cargo install cargo-fuzz
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(clean sections dates chunk jsonl html query)
for t in "${targets[@]}"; do
  echo "== $t ($secs s)"
  cargo fuzz run --sanitizer none "$t" -- -max_total_time="$secs" -rss_limit_mb=2048 2>&1 \
    | grep -E '^Done|DONE|panicked|ERROR|SUMMARY|Test unit written' || true
done
