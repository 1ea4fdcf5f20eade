#!/usr/bin/env python3
# Measures `hilbench fleet` against one mosquitto on loopback: devices held, client and broker
# memory per device, connect rate, CPU per 1,000 idle devices, one device's command round trip
# beside a plain libmosquitto echo client through the same broker, QoS 1 commands answered per
# second across the fleet, and QoS 0 telemetry per second with every device moving.

import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import paho.mqtt.client as mqtt

from figures import round_trips, rss_kib

BUILD = Path(sys.argv[1] if len(sys.argv) > 1 else "build").resolve()
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
HILBENCH = BUILD / "bin" / "hilbench"
TICKS = os.sysconf("SC_CLK_TCK")


def start(*args, stdin=subprocess.DEVNULL):
    proc = subprocess.Popen([str(HILBENCH), *args], stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    STARTED.append(proc)
    for line in proc.stdout:
        doc = json.loads(line)
        if doc.get("ready"):
            return proc, doc
    raise SystemExit(f"hilbench {args[0]} ended before its ready line")


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


class Host:
    """A paho client (Nagle off) that hands each message to a waiting callback by topic."""

    def __init__(self, port):
        self.client = mqtt.Client(client_id=f"fleet-bench-{os.getpid()}")
        self.client.on_message = self._arrived
        self.client.on_socket_open = lambda c, u, s: s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.subscribed = threading.Semaphore(0)
        self.client.on_subscribe = lambda *_: self.subscribed.release()
        self.waiting = {}
        self.arrivals = []
        self.lock = threading.Lock()
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()

    def subscribe(self, topic):
        self.client.subscribe(topic, qos=1)
        self.subscribed.acquire(timeout=30)

    def _arrived(self, _c, _u, message):
        now = time.perf_counter()
        with self.lock:
            self.arrivals.append((now, message.topic, message.payload))
            event = self.waiting.pop(message.topic, None)
        if event:
            event.set()

    def round_trip(self, topic_out, payload, topic_in):
        event = threading.Event()
        with self.lock:
            self.waiting[topic_in] = event
        started = time.perf_counter()
        self.client.publish(topic_out, payload, qos=1)
        if not event.wait(10):
            raise SystemExit(f"no answer on {topic_in}")
        return (time.perf_counter() - started) * 1000


STARTED = []


def telemetry(host, port, count):
    """Every device moves all its motors for about 6 s and sends its status at QoS 0 each 200 ms;
    mosquitto_sub counts what reaches a subscriber in the 3 s after the first second."""
    counter = subprocess.Popen(["mosquitto_sub", "-p", str(port), "-t", "devices/+/status"],
                               stdout=subprocess.PIPE, start_new_session=True)
    STARTED.append(counter)
    stamps = []
    reader = threading.Thread(target=lambda: [stamps.append(time.perf_counter()) for _ in counter.stdout],
                              daemon=True)
    reader.start()
    time.sleep(1)
    move = {"action": "MOVE", "params": {"target_ids": "ALL", "position_steps": 1200, "speed_sps": 200}}
    started = time.perf_counter()
    for i in range(count):
        host.client.publish(f"devices/fleet-{i:06d}/cmd", json.dumps({"cmd_id": f"q{i}", **move}), qos=1)
    time.sleep(5)
    window = [t for t in stamps if started + 1 <= t < started + 4]
    counter.terminate()
    return {"qos0_telemetry_per_s": round(len(window) / 3), "qos0_offered_per_s": count * 5}


def main():
    try:
        measure()
    finally:
        for proc in STARTED:
            if proc.poll() is None:
                os.killpg(proc.pid, 15)
                proc.wait(timeout=30)


def measure():
    broker, info = start("broker", "--port", "0")
    port, mosquitto_pid = info["port"], info["mosquitto_pid"]
    broker_before = rss_kib(mosquitto_pid)
    fleet, ready = start("fleet", "--kind", "stepper", "--count", str(COUNT), "--broker", info["url"],
                         "--connect-rate", "2000", "--report-s", "0", "--ready-timeout-s", "120",
                         stdin=subprocess.PIPE)
    figures = {"devices": ready["devices"], "connected": ready["connected"], "failed": ready["failed"],
               "client_kib_per_device": ready["rss_kib_per_device"],
               "connect_rate_per_s": round(ready["devices"] / ready["all_connected_s"]),
               "all_connected_s": ready["all_connected_s"]}
    time.sleep(3)  # the boot's first telemetry is out: idle from here
    figures["broker_kib_per_device"] = round((rss_kib(mosquitto_pid) - broker_before) / COUNT, 1)
    before = cpu_seconds(fleet.pid)
    time.sleep(10)
    figures["cpu_percent_per_1000_idle"] = round((cpu_seconds(fleet.pid) - before) / 10 * 100 / (COUNT / 1000), 2)

    host = Host(port)
    node = "fleet-000042"
    host.subscribe(f"devices/{node}/cmd/resp")
    echo = subprocess.Popen([str(BUILD / "bin" / "mqtt_echo"), str(port), "bench/echo/in", "bench/echo/out"],
                            stdout=subprocess.PIPE, text=True, start_new_session=True)
    STARTED.append(echo)
    assert echo.stdout.readline().strip() == "ready"
    host.subscribe("bench/echo/out")
    device, floor = [], []
    for i in range(300):
        device.append(host.round_trip(f"devices/{node}/cmd", json.dumps({"cmd_id": f"r{i}", "action": "GET"}),
                                      f"devices/{node}/cmd/resp"))
        floor.append(host.round_trip("bench/echo/in", f"e{i}", "bench/echo/out"))
    for name, values in (("device", device), ("echo", floor)):
        figures[f"{name}_round_trip_ms"] = round_trips(values)
    figures["device_over_echo_p50"] = round(statistics.median(device) / statistics.median(floor), 2)

    targets = [f"fleet-{i:06d}" for i in range(0, COUNT, max(1, COUNT // 5000))][:5000]
    host.subscribe("devices/+/cmd/resp")
    with host.lock:
        host.arrivals.clear()
    started = time.perf_counter()
    for i, target in enumerate(targets):
        host.client.publish(f"devices/{target}/cmd", json.dumps({"cmd_id": f"t{i}", "action": "GET"}), qos=1)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with host.lock:
            answered = {topic for _, topic, payload in host.arrivals if b'"done"' in payload}
        if len(answered) >= len(targets):
            break
        time.sleep(0.05)
    with host.lock:
        last = max(t for t, _, p in host.arrivals if b'"done"' in p)
    figures["qos1_commands"] = len(targets)
    figures["qos1_answered"] = len(answered)
    figures["qos1_commands_per_s"] = round(len(answered) / (last - started))

    figures.update(telemetry(host, port, COUNT))
    host.client.loop_stop()
    (BUILD / "fleet_bench.json").write_text(json.dumps(figures, indent=2))
    rt, fl = figures["device_round_trip_ms"], figures["echo_round_trip_ms"]
    print("| what | figure |\n| --- | --- |")
    print(f"| devices in one process | {figures['connected']} of {figures['devices']} connected, {figures['failed']} failed |")
    print(f"| client memory per device (resident) | {figures['client_kib_per_device']} KiB |")
    print(f"| broker memory per device (mosquitto's resident growth) | {figures['broker_kib_per_device']} KiB |")
    print(f"| connect rate (asked 2,000/s) | {figures['connect_rate_per_s']} devices/s ({figures['all_connected_s']} s for all) |")
    print(f"| CPU per 1,000 idle devices | {figures['cpu_percent_per_1000_idle']} % of a core |")
    print(f"| one device's GET round trip (QoS 1, 300) | p50 {rt['p50']} ms, p90 {rt['p90']}, p99 {rt['p99']} |")
    print(f"| a plain libmosquitto echo client through the same broker | p50 {fl['p50']} ms, p90 {fl['p90']}, p99 {fl['p99']} |")
    print(f"| device over echo, p50 | {figures['device_over_echo_p50']}x |")
    print(f"| QoS 1 commands answered across the fleet | {figures['qos1_answered']} of {figures['qos1_commands']}, {figures['qos1_commands_per_s']}/s |")
    print(f"| QoS 0 status messages a second, every device moving (counted by mosquitto_sub) | {figures['qos0_telemetry_per_s']} (offered {figures['qos0_offered_per_s']}) |")


if __name__ == "__main__":
    main()
