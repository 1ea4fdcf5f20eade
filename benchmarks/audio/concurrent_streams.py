#!/usr/bin/env python3
"""Concurrent full-duplex streams in one process: `hilbench audio-service --app echo --endpoints N`
serving N devices of `hilbench sim esp32-audio --count N` (one device per endpoint, through {i} in
the URL) on loopback for SECONDS. The devices' counters and the services' counters, both logged at
exit, give each stream's frames at every hop: sent by the device, forwarded to the echo app, sent
back, received. A stream held when it connected once, nobody counted an error or a bad message, the
device's playback buffer never overflowed, and no frame went missing between hops (one each way may
be in flight when the devices power off). Prints that count, the frames still queued in the echo's
paced playback at the end, and the CPU and resident memory of both processes.

    benchmarks/audio/concurrent_streams.py [BUILD_DIR] [STREAMS] [SECONDS] [MIC]
"""

import json
import os
import sys
import tempfile
import time

from hilbench_procs import Hilbench

CONNECT_DEADLINE = 30.0  # a bound on a hang, not a measurement


def device_counters(lines):
    """The sim's closing JSON line per device, by index."""
    counters = {}
    for line in lines:
        at = line.find('{"bad_messages"')
        if at >= 0:
            doc = json.loads(line[at:])
            counters[doc["device"]] = doc
    return counters


def service_counters(lines):
    """Each endpoint's closing counters, by index."""
    counters = {}
    for line in lines:
        if ": counters {" in line:
            index = int(line.split("/ws/")[1].split(":")[0])
            counters[index] = json.loads(line[line.index("{"):])
    return counters


def wait_connected(service, streams):
    end = time.monotonic() + CONNECT_DEADLINE
    while time.monotonic() < end:
        if sum("ESP32 client connected" in line for line in service.log_lines()) >= streams:
            return
        time.sleep(0.2)
    raise RuntimeError(f"not all {streams} devices connected: see {service.log_path}")


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    streams = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 60
    mic = sys.argv[4] if len(sys.argv) > 4 else "tone:1000"
    logs = tempfile.mkdtemp(prefix="audio-streams-")
    service = Hilbench(build, ["audio-service", "--app", "echo", "--endpoints", str(streams), "--port", "0"],
                       os.path.join(logs, "service.log"))
    url = f"ws://127.0.0.1:{service.info['port']}/ws/{{i}}"
    sim = Hilbench(build, ["sim", "esp32-audio", "--count", str(streams), "--url", url, "--mic", mic],
                   os.path.join(logs, "sim.log"))
    wait_connected(service, streams)
    cpu_before = (service.cpu_seconds(), sim.cpu_seconds())
    start = time.monotonic()
    time.sleep(seconds)
    cpu = (service.cpu_seconds() - cpu_before[0], sim.cpu_seconds() - cpu_before[1])
    wall = time.monotonic() - start
    sim_usage = sim.stop()  # devices first, so the service sees every close
    service_usage = service.stop()
    devices = device_counters(sim.log_lines())
    services = service_counters(service.log_lines())
    held = 0
    queued = []
    lost = []
    for index in range(streams):
        d, s = devices.get(index), services.get(index)
        ok = d and s and d["connects"] == s["connections"] == 1 and d["bad_messages"] == s["error_count"] == 0
        ok = ok and d["overruns"] == 0 and d["mic_frames_sent"] - s["mic_frames_forwarded"] in (0, 1)
        ok = ok and s["frames_sent"] - d["frames_received"] in (0, 1)
        if ok:
            held += 1
            queued.append(s["mic_frames_forwarded"] - s["frames_sent"])
        else:
            lost.append((index, d, s))
    total = {key: sum(d[key] for d in devices.values())
             for key in ("mic_frames_sent", "frames_received", "overruns", "underruns")}
    print(f"{streams} full-duplex echo streams for {wall:.0f} s: {held} held with no frame lost; "
          f"{total['mic_frames_sent']} frames up, {total['frames_received']} back; device buffer overruns "
          f"{total['overruns']}, underruns {total['underruns']} (echo keeps no lead: see README); frames "
          f"queued in the echo's paced playback at the end: at most {max(queued, default=0)} per stream")
    for name, usage, window in (("service", service_usage, cpu[0]), ("sim", sim_usage, cpu[1])):
        print(f"  {name}: {100 * window / wall:.1f} % of one core while streaming, "
              f"{usage['max_rss_kib'] / 1024:.1f} MiB peak resident, exit {usage['exit']}")
    for index, d, s in lost[:3]:
        print(f"  stream {index} did not hold: device {d}, service {s}")
    print(f"  logs in {logs}")


if __name__ == "__main__":
    main()
