#!/usr/bin/env bash
# Sets up, builds, and runs the main job: a standalone cluster (scheduler and executor started
# in-process on loopback ports, real gRPC and Arrow Flight) answers an aggregate over a generated
# CSV file, by SQL and by the DataFrame API, and prints the tables.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
BUILD_DIR=build bash scripts/build.sh -DCMAKE_BUILD_TYPE=RelWithDebInfo
./build/bin/standalone-sql
