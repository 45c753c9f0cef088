#!/usr/bin/env bash
# Installs what reliefsim needs from Debian 12's packages when it is missing, then
# configures and builds into build/ and installs the report's front-end libraries into
# web/node_modules. Safe to run again: it installs only what is absent.
#   --for-tests   also install Chromium (the report's browser test), Clang with libFuzzer and
#                 iproute2 (ss: the server's listen queue test),
#                 and build build-asan/ (the suite under AddressSanitizer and UBSan) and
#                 build-fuzz/ (the fuzz targets), which the test command runs
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ make cmake libyaml-cpp-dev libboost-program-options-dev libboost-graph-dev
          libeigen3-dev doctest-dev libcpp-httplib-dev nlohmann-json3-dev pkg-config)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
for_tests=false
[ "${1:-}" = "--for-tests" ] && for_tests=true
$for_tests && packages+=(chromium clang libclang-rt-14-dev iproute2)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# CI builds with warnings as errors; a user's build only shows them.
werror=OFF
[ "${CI:-}" = "true" ] && werror=ON
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DRELIEFSIM_WERROR=$werror >/dev/null
if ! cmake --build build -j"$(nproc)" >build/build.log 2>&1; then
  cat build/build.log >&2
  echo "setup: the build failed (log above, also in build/build.log)" >&2
  exit 1
fi
grep -E "warning:" build/build.log >&2 || true

if $for_tests; then
  build_tree() {  # dir, then cmake options
    local dir="$1"; shift
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
    if ! cmake --build "$dir" -j"$(nproc)" >"$dir/build.log" 2>&1; then
      cat "$dir/build.log" >&2
      echo "setup: the build of $dir failed (log above)" >&2
      exit 1
    fi
  }
  build_tree build-asan -DRELIEFSIM_SANITIZE=ON
  build_tree build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DRELIEFSIM_FUZZ=ON
fi

# The report inlines Vega, Vega-Lite, Vega-Embed and us-atlas (web/package-lock.json).
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || {
    echo "setup: npm could not install web/ (the report needs it)" >&2
    exit 1
  }
fi
