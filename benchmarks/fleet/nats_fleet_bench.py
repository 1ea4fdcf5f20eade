#!/usr/bin/env python3
# Measures `hilbench fleet` on a 3-node NATS cluster on loopback (`hilbench broker --engine nats
# --cluster 3`): devices connected and subscribed and how long that takes, client and broker memory
# per device, and one device's GET round trip from a host on node 1 to a device homed on node 1
# (the single-node figure) and to one homed on node 2 (across nodes), in turn.
# Usage: nats_fleet_bench.py BUILD [COUNT] [SUBSCRIBE_LIMIT_S] [MAX_SUBSCRIPTION_QOS]

import json
import os
import signal
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
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 300
LIMIT_S = float(sys.argv[3]) if len(sys.argv) > 3 else 120
MAX_QOS = sys.argv[4] if len(sys.argv) > 4 else "2"
HILBENCH = BUILD / "bin" / "hilbench"
ENV = dict(os.environ, HILBENCH_BROKER_ENGINE="nats")
STARTED = []


def start(*args):
    proc = subprocess.Popen([str(HILBENCH), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=ENV, text=True, start_new_session=True)
    STARTED.append(proc)
    for line in proc.stdout:
        doc = json.loads(line)
        if doc.get("ready"):
            return proc, doc
    raise SystemExit(f"hilbench {args[0]} ended before its ready line")


def report(fleet):
    fleet.stdin.write('{"report": true}\n')
    fleet.stdin.flush()
    while True:
        doc = json.loads(fleet.stdout.readline())
        if "devices" in doc:
            return doc


class Host:
    """A paho client on one node (Nagle off) that times a GET to a device until its answer."""

    def __init__(self, url):
        self.client = mqtt.Client(client_id=f"nats-bench-{os.getpid()}")
        self.client.on_socket_open = lambda c, u, s: s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.answered = threading.Event()
        self.client.on_message = lambda *_: self.answered.set()
        granted = threading.Event()
        self.client.on_subscribe = lambda _c, _u, _m, qos: granted.set() if qos[0] <= 1 else None
        host, port = url.removeprefix("mqtt://").rsplit(":", 1)
        self.client.connect(host, int(port))
        self.client.loop_start()
        deadline = time.monotonic() + 60
        while not granted.is_set() and time.monotonic() < deadline:
            self.client.subscribe("devices/+/cmd/resp", qos=1)  # JetStream may refuse while it settles
            granted.wait(2)

    def get(self, node, cmd_id):
        self.answered.clear()
        started = time.perf_counter()
        self.client.publish(f"devices/{node}/cmd", json.dumps({"cmd_id": cmd_id, "action": "GET"}), qos=1)
        if not self.answered.wait(10):
            raise SystemExit(f"{node} did not answer {cmd_id}")
        return (time.perf_counter() - started) * 1000


def measure():
    cluster, info = start("broker", "--engine", "nats", "--cluster", "3")
    urls = [node["url"] for node in info["nodes"]]
    broker_before = sum(rss_kib(node["pid"]) for node in info["nodes"])
    fleet, ready = start("fleet", "--kind", "stepper", "--count", str(COUNT), "--broker", ",".join(urls),
                         "--report-s", "0", "--connect-rate", "1000", "--ready-timeout-s", str(LIMIT_S),
                         "--max-subscription-qos", MAX_QOS)
    started = time.monotonic()
    while True:
        now = report(fleet)
        if now["subscribed"] == COUNT or time.monotonic() - started > LIMIT_S:
            break
        time.sleep(1)
    figures = {"devices": COUNT, "max_subscription_qos": int(MAX_QOS), "connected": now["connected"], "subscribed": now["subscribed"],
               "all_connected_s": ready["all_connected_s"],
               "all_subscribed_s": round(time.monotonic() - started + ready["all_connected_s"], 1)
               if now["subscribed"] == COUNT else None,
               "client_kib_per_device": now["rss_kib_per_device"],
               "broker_kib_per_device": round(
                   (sum(rss_kib(node["pid"]) for node in info["nodes"]) - broker_before) / COUNT, 1)}
    if now["subscribed"] == COUNT:
        host = Host(urls[0])
        same, cross = [], []
        for i in range(200):  # fleet-000000 is homed on node 1, fleet-000001 on node 2
            same.append(host.get("fleet-000000", f"s{i}"))
            cross.append(host.get("fleet-000001", f"c{i}"))
        host.client.loop_stop()
        for name, values in (("same_node", same), ("cross_node", cross)):
            figures[f"{name}_round_trip_ms"] = round_trips(values)
        figures["cross_over_same_p50"] = round(statistics.median(cross) / statistics.median(same), 2)
    (BUILD / f"nats_fleet_bench_{COUNT}_qos{MAX_QOS}.json").write_text(json.dumps(figures, indent=2))
    print(json.dumps(figures))


def main():
    try:
        measure()
    finally:
        for proc in reversed(STARTED):
            if proc.poll() is None:
                proc.send_signal(signal.SIGINT)
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
