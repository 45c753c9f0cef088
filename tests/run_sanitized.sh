#!/usr/bin/env bash
# Runs the whole test suite again, built with AddressSanitizer and UndefinedBehaviorSanitizer
# (build-asan/); any report fails it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/build-asan/tests/reliefsim_tests"
if [ ! -x "$bin" ]; then
  echo "missing $bin: the test command (scripts/setup.sh --for-tests) builds it" >&2
  exit 1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$root"
# The benchmark is skipped: it measures speed, which a sanitized build does not have.
"$bin" --test-case-exclude='reliefsim bench*'
