#!/usr/bin/env bash
# Sets up, builds, and runs the main job. At this stage of the project that is the record-batch
# demo: build a batch of every common column type and print it with the pretty printer.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR=build bash scripts/build.sh -DCMAKE_BUILD_TYPE=RelWithDebInfo
./build/bin/record-batch-demo
