#!/usr/bin/env bash
# Runs every benchmark once, in one go, for the figures in the README.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
echo "== in-process throughput and virtual-time speed"
"$build/bin/stepper_bench" --benchmark_min_time=1
echo "== scenario steps per wall second (state samples every 100 ms, and none)"
"$build/bin/scenario_bench" --benchmark_min_time=2
# A soak's wall time and peak resident size (the figure its memory goal is about).
soak_run() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%e s wall, %M KiB resident" "$build/bin/hilbench" run "$1"
  else
    "$build/bin/hilbench" run "$1"
  fi
}
echo "== a 24-hour thermal soak of an 8-motor node in virtual time (wall time of hilbench run)"
soak="$here/benchmarks/scenarios/thermal_soak_24h.yaml"
soak_run "$soak"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 5 "$build/bin/hilbench run $soak"
fi
echo "== the same soak for 7 days: memory must stay as flat as for one day"
soak_run "$here/benchmarks/scenarios/thermal_soak_7d.yaml"
echo "== IR codes: Tuya code sizes and speeds, Daikin settings to durations"
"$build/bin/tuya_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
"$build/bin/daikin_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
echo "== heap per additional node"
"$build/bin/stepper_node_memory" 10000
echo "== MQTT round trip against the echo floor, and the sim process's resident size"
"$build/bin/mqtt_round_trip" 1000 2>/dev/null
echo "== supervisor UART lines parsed per second by each side, switch to merged state (virtual and real time)"
"$build/bin/mcu_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
"$build/bin/supv_client_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
/usr/bin/python3 "$here/benchmarks/supervisor_latency.py" "$build" 200
"$here/benchmarks/audio/run.sh" "$build"
"$here/benchmarks/head/run.sh" "$build"
echo "== hilbench broker --engine nats: time to ready for 1 and 3 nodes, and QoS 1 across nodes again after a node is killed"
/usr/bin/python3 "$here/benchmarks/nats_cluster.py" "$build" 3
echo "== hilbench fleet: 10,000 stepper nodes against one mosquitto (memory, connect rate, idle CPU, round trips, QoS 1 commands and QoS 0 telemetry per second)"
"$here/benchmarks/fleet/run.sh" "$build" 10000
echo "== hilbench fleet on a 3-node NATS cluster: 300 nodes (round trip on one node and across nodes), 3,000 (how many subscribe within 90 s), 10,000 with QoS 0 subscriptions"
/usr/bin/python3 "$here/benchmarks/fleet/nats_fleet_bench.py" "$build" 300
/usr/bin/python3 "$here/benchmarks/fleet/nats_fleet_bench.py" "$build" 3000 90
/usr/bin/python3 "$here/benchmarks/fleet/nats_fleet_bench.py" "$build" 10000 180 0
echo "== the firmware images under QEMU: flash, RAM, boot to ready, commands per second against the host processes"
/usr/bin/python3 "$here/benchmarks/qemu_firmware.py" "$build" 300
