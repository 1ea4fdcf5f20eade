#!/usr/bin/env bash
# The audio family's benchmarks in one go (part of tools/run-benchmarks.sh), the load noted before each.
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
load() { echo "   (load average: $(cut -d' ' -f1-3 /proc/loadavg))"; }
echo "== audio: echo streams in virtual time, in process (x real time per stream)"
load
"$build/bin/audio_bench" --benchmark_min_time=2
echo "== audio: delivery gaps injected and found over 1 h of frames"
"$build/bin/audio_gaps" 1
echo "== audio: echo round trip, hilbench audio-service against the python3-websockets baseline, 60 s"
load
/usr/bin/python3 "$here/echo_latency.py" "$build" 60
echo "== audio: the echo's two legs inside the process (send to app callback, enqueue to receipt), 60 s"
load
"$build/bin/audio_service_latency" 600
echo "== audio: concurrent full-duplex echo streams in one service process, 60 s each"
load
/usr/bin/python3 "$here/concurrent_streams.py" "$build" 100 60
load
/usr/bin/python3 "$here/concurrent_streams.py" "$build" 1000 60
echo "== audio: playback pacing of 5 minutes of speech-like audio on the wall clock"
load
/usr/bin/python3 "$here/playback_pacing.py" "$build" 300
load
