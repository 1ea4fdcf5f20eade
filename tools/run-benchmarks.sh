#!/usr/bin/env bash
# Runs every benchmark once, in one go, for the figures in the README.
set -euo pipefail
build=${1:-build}
echo "== in-process throughput and virtual-time speed"
"$build/bin/stepper_bench" --benchmark_min_time=1
echo "== heap per additional node"
"$build/bin/stepper_node_memory" 10000
echo "== MQTT round trip against the echo floor, and the sim process's resident size"
"$build/bin/mqtt_round_trip" 1000 2>/dev/null
