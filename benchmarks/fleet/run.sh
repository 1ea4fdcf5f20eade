#!/usr/bin/env bash
# The fleet's figures: `hilbench fleet` with 10,000 stepper nodes against one mosquitto, measured
# from outside by fleet_bench.py (a markdown table on stdout, JSON in BUILD_DIR/fleet_bench.json).
set -euo pipefail
build=${1:-build}
count=${2:-10000}
exec /usr/bin/python3 "$(dirname "$0")/fleet_bench.py" "$build" "$count"
