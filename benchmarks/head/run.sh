#!/usr/bin/env bash
# The robot head's benchmarks (part of tools/run-benchmarks.sh): start, query and stop figures of `hilbench head`.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
load() { echo "   (load average: $(cut -d' ' -f1-3 /proc/loadavg))"; }
echo "== head: hilbench head with real python3 scripts on a private broker, timed by one paho client"
load
/usr/bin/python3 "$here/head_bench.py" "$build" --starts 200 --queries 200 --stops 200 --bluetooth-cycles 100 --seed 1 \
  --json "$build/head_bench.json"
load
