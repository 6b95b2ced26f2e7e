#!/usr/bin/env bash
# Sets up, builds, and runs the main job. At this stage of the project: the record-batch demo
# (a batch of every common column type, printed with the pretty printer), then an aggregate
# over a CSV file answered by the in-process engine (SQL and DataFrame).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR=build bash scripts/build.sh -DCMAKE_BUILD_TYPE=RelWithDebInfo
./build/bin/record-batch-demo
./build/bin/sql-aggregate
