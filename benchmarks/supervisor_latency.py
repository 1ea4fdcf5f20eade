#!/usr/bin/env python3
"""Real-time latency of the supervisor family: from a switch flipped on the simulated board
(`hilbench sim mcu`, a control line on its stdin) to the change in the merged state printed by the
Pi's client (`hilbench supv --json`) across a PTY. Prints the median and the 95th percentile.

    benchmarks/supervisor_latency.py [BUILD_DIR] [FLIPS]
"""

import json
import os
import statistics
import subprocess
import sys
import time


def ready_line(proc):
    return json.loads(proc.stdout.readline())


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    flips = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    hilbench = os.path.join(build, "bin", "hilbench")
    mcu = subprocess.Popen([hilbench, "sim", "mcu", "--serial", "pty"], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
    supv = None
    try:
        serial = ready_line(mcu)["serial"]
        supv = subprocess.Popen([hilbench, "supv", "--serial", serial, "--json"], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, bufsize=1)
        ready_line(supv)
        while not json.loads(supv.stdout.readline())["synced"]:
            pass
        samples = []
        on = True
        for _ in range(flips):
            on = not on
            start = time.perf_counter()
            mcu.stdin.write(json.dumps({"switch": {"lte": on}}) + "\n")
            mcu.stdin.flush()
            while json.loads(supv.stdout.readline())["switch"].get("lte") != on:
                pass
            samples.append((time.perf_counter() - start) * 1e6)
        samples.sort()
        print(f"switch flipped -> merged state, {flips} flips: median {statistics.median(samples):.0f} us, "
              f"p95 {samples[int(0.95 * len(samples)) - 1]:.0f} us, max {samples[-1]:.0f} us")
    finally:
        for proc in (supv, mcu):
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=5)


if __name__ == "__main__":
    main()
