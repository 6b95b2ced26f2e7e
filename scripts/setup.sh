#!/usr/bin/env bash
# Installs everything the project needs on Debian 12 (bookworm), as root. Idempotent and quick when
# everything is already there: apt is consulted only for missing packages, npm only when the lock
# file changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake ninja-build pkg-config g++ clang libclang-rt-14-dev python3
  libgtest-dev libgmock-dev libbenchmark-dev
  flatbuffers-compiler libflatbuffers-dev
  liblz4-dev libzstd-dev zlib1g-dev libsnappy-dev libbrotli-dev libbz2-dev
  libre2-dev libsimdjson-dev libssl-dev libedit-dev
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc libcpp-httplib-dev
  python3-dev pybind11-dev python3-numpy python3-pandas python3-pytest
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
# Node.js and npm run the interop tests (apache-arrow, DuckDB). A machine may already have a
# Node.js that bundles npm; only install Debian's when there is none.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages for tests (apache-arrow, @duckdb/node-api). Reinstall only when the lock changed.
if [ -f package-lock.json ]; then
  stamp=node_modules/.ballista-lock-stamp
  if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    cp package-lock.json "$stamp"
  fi
fi
echo "setup: ok"
