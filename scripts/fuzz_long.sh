#!/usr/bin/env bash
# The long fuzz run of docs/robustness.md: one libFuzzer target for a fixed number of
# executions (default 10 million), on the same seed corpus as the smoke run, with a fixed
# seed so a run can be repeated. Needs build-fuzz/ (scripts/setup.sh --for-tests), or the
# build named by FUZZ_BUILD, e.g. a faster one without AddressSanitizer:
#   cmake -S . -B build-fuzz-ubsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
#     -DRELIEFSIM_FUZZ=ON -DRELIEFSIM_FUZZ_SANITIZERS=undefined && cmake --build build-fuzz-ubsan
#   FUZZ_BUILD=build-fuzz-ubsan scripts/fuzz_long.sh fuzz_state [runs]
# FUZZ_FLAGS adds libFuzzer flags, e.g. FUZZ_FLAGS=-max_len=4096 to cap the input size.
# Prints libFuzzer's final statistics (executions, exec/s, peak RSS) and the wall time; exits non-zero on
# any crash, leak, timeout or sanitizer report, leaving the input in build-fuzz/artifacts/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:?usage: scripts/fuzz_long.sh fuzz_state|fuzz_scenario|fuzz_compose|fuzz_serve_body|fuzz_fields [runs]}"
runs="${2:-10000000}"
build="$root/${FUZZ_BUILD:-build-fuzz}"
bin="$build/fuzz/$target"
[ -x "$bin" ] || { echo "missing $bin: run scripts/setup.sh --for-tests first" >&2; exit 2; }
case "$target" in
  fuzz_state) seeds=("$root/states" "$root/tests/fixtures/bad") ;;
  fuzz_scenario|fuzz_compose) seeds=("$root/scenarios" "$root/tests/fixtures/scenarios") ;;
  fuzz_serve_body) seeds=("$root/scenarios" "$root/tests/fixtures/scenarios" "$root/fuzz/seeds/fuzz_serve_body") ;;
  fuzz_fields) seeds=("$root/fuzz/seeds/fuzz_fields") ;;
  *) echo "unknown target '$target'; expected fuzz_state, fuzz_scenario, fuzz_compose, fuzz_serve_body or fuzz_fields" >&2; exit 2 ;;
esac
corpus="$root/build-fuzz/corpus/$target"   # shared by every build: what one run learns, the next starts from
artifacts="$build/artifacts/$target/"
mkdir -p "$corpus" "$artifacts"
start=$SECONDS
"$bin" -runs="$runs" -timeout=10 -rss_limit_mb=2048 \
  -seed=7 -print_final_stats=1 -artifact_prefix="$artifacts" ${FUZZ_FLAGS:-} "$corpus" "${seeds[@]}"
echo "wall_time: $((SECONDS - start)) s"
