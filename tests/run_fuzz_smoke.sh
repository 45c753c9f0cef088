#!/usr/bin/env bash
# Runs each libFuzzer target of build-fuzz/ for a bounded time (docs/robustness.md) on a
# seed corpus of the project's own files; fails on any crash, leak, timeout or sanitizer
# report (libFuzzer exits non-zero and leaves the input in build-fuzz/artifacts/).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="$1"; seconds="${2:-20}"
bin="$root/build-fuzz/fuzz/$target"
if [ ! -x "$bin" ]; then
  echo "missing $bin: the test command (scripts/setup.sh --for-tests) builds it" >&2
  exit 1
fi
corpus="$root/build-fuzz/corpus/$target"
artifacts="$root/build-fuzz/artifacts/$target/"
mkdir -p "$corpus" "$artifacts"
case "$target" in
  fuzz_state) seeds=("$root/states" "$root/tests/fixtures/bad") ;;
  fuzz_serve_body) seeds=("$root/scenarios" "$root/tests/fixtures/scenarios" "$root/fuzz/seeds/fuzz_serve_body") ;;
  fuzz_fields) seeds=("$root/fuzz/seeds/fuzz_fields") ;;
  *) seeds=("$root/scenarios" "$root/tests/fixtures/scenarios") ;;
esac
"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -seed=1 -print_final_stats=1 \
  -artifact_prefix="$artifacts" "$corpus" "${seeds[@]}" 2>&1 | tail -n 12
