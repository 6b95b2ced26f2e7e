#!/usr/bin/env bash
# Configures and builds into build/ (or $BUILD_DIR). Extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}
cmake -S . -B "$BUILD_DIR" -G Ninja "$@" >/dev/null
ninja -C "$BUILD_DIR" -j "$JOBS"

# Make `import ballista` work in Debian's python3 (the one with numpy and pandas): a .pth file in
# its site directory names the package folder the build assembled (build/python). Skipped when the
# package was not built or the site directory is not writable.
if [ -d "$BUILD_DIR/python/ballista" ] && [ -x /usr/bin/python3 ]; then
  site_dir=$(/usr/bin/python3 -c 'import site; print(site.getsitepackages()[0])')
  python_dir=$(cd "$BUILD_DIR/python" && pwd)
  if mkdir -p "$site_dir" 2>/dev/null && [ -w "$site_dir" ]; then
    echo "$python_dir" > "$site_dir/ballista.pth"
  else
    echo "build: $site_dir is not writable; use PYTHONPATH=$python_dir to import ballista"
  fi
fi
