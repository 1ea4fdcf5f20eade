#!/usr/bin/env python3
"""Service-added latency, as a round trip: a python3-websockets client (as the ESP32, offering no
compression) sends a 3200-byte frame (100 ms of PCM) at the real-time pace of one every 100 ms,
stamped with a sequence number, and times its echo. The same client, in the same run, drives
`hilbench audio-service --app echo` and the baseline py_echo_service.py (the plan's ESP32Service on
python3-websockets), their frames interleaved 50 ms apart so both see the same load. Prints
p50/p99/max per server. At this pace the echo app's paced queue sends each frame as it comes (the
lead is never reached), so the round trip is the transports, the service and the client, both ways.

    benchmarks/audio/echo_latency.py [BUILD_DIR] [SECONDS]
"""

import asyncio
import json
import os
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import websockets

from hilbench_procs import Hilbench, percentile

FRAME_BYTES = 3200
PERIOD = 0.1


async def measure(url, offset, seconds):
    """Round trips in microseconds, one frame per PERIOD from `offset` on."""
    times = {}
    rtts = []
    async with websockets.connect(url, compression=None, max_queue=None) as ws:
        async def reader():
            async for message in ws:
                if isinstance(message, bytes):
                    (seq,) = struct.unpack_from("<Q", message)
                    rtts.append((time.perf_counter() - times.pop(seq)) * 1e6)

        reading = asyncio.ensure_future(reader())
        start = time.perf_counter() + offset
        padding = bytes(FRAME_BYTES - 8)
        for seq in range(int(seconds / PERIOD)):
            await asyncio.sleep(max(0.0, start + seq * PERIOD - time.perf_counter()))
            times[seq] = time.perf_counter()
            await ws.send(struct.pack("<Q", seq) + padding)
        await asyncio.sleep(0.5)  # the last echoes
        reading.cancel()
    return sorted(rtts), len(times)


def summary(name, rtts, lost):
    return (f"{name}: {len(rtts)} round trips, p50 {statistics.median(rtts):.0f} us, "
            f"p99 {percentile(rtts, 0.99):.0f} us, max {rtts[-1]:.0f} us, not echoed {lost}")


async def both(hilbench_url, python_url, seconds):
    return await asyncio.gather(measure(hilbench_url, 0.0, seconds), measure(python_url, PERIOD / 2, seconds))


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60
    logs = tempfile.mkdtemp(prefix="audio-latency-")
    service = Hilbench(build, ["audio-service", "--app", "echo", "--port", "0"], os.path.join(logs, "service.log"))
    baseline = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "py_echo_service.py")],
                                stdout=subprocess.PIPE, text=True)
    try:
        python_url = json.loads(baseline.stdout.readline())["url"]
        (ours, ours_lost), (theirs, theirs_lost) = asyncio.run(both(service.info["url"], python_url, seconds))
        print(summary("hilbench audio-service --app echo", ours, ours_lost))
        print(summary("python3-websockets ESP32Service (baseline)", theirs, theirs_lost))
    finally:
        baseline.send_signal(signal.SIGINT)
        baseline.wait(timeout=10)
        service.stop()


if __name__ == "__main__":
    main()
