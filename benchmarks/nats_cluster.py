#!/usr/bin/env python3
"""`hilbench broker --engine nats` on this machine: how long until the ready line for 1 and 3 nodes
(and the broker's own split: every /healthz ok, then MQTT taken on every node), and on 3 nodes how
long after a SIGKILL of n3 a new QoS 1 subscriber on n2 first gets what a new publisher on n1 sends
(JetStream elects new leaders for what n3 led meanwhile). Prints one JSON line per figure.

    benchmarks/nats_cluster.py [BUILD_DIR] [RUNS]
"""

import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
import uuid

import paho.mqtt.client as mqtt

ATTEMPT_TIMEOUT = 5.0  # one try of a fresh subscriber and publisher
FAILOVER_LIMIT = 120.0


def start(hilbench, nodes):
    began = time.monotonic()
    proc = subprocess.Popen([hilbench, "broker", "--engine", "nats", "--cluster", str(nodes)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    info = json.loads(proc.stdout.readline())
    ready_s = time.monotonic() - began
    line = proc.stderr.readline()  # the broker's summary, logged just before the ready line
    split = re.search(r"healthy after (\d+) ms, MQTT accepted on every node after (\d+) ms", line)
    return proc, info, ready_s, [int(ms) for ms in split.groups()] if split else None


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)


def port_of(url):
    return int(url.rsplit(":", 1)[1])


def meta_leader(node):
    with urllib.request.urlopen(node["monitor_url"] + "/jsz", timeout=5) as answer:
        return json.load(answer).get("meta_cluster", {}).get("leader")


def crossed(sub_port, pub_port, topic):
    """One try: a fresh QoS 1 subscriber, then a fresh QoS 1 publisher; True if the message came."""
    got, subscribed = [], []
    sub = mqtt.Client(client_id=f"bench-sub-{uuid.uuid4().hex[:8]}", protocol=mqtt.MQTTv311)
    sub.on_subscribe = lambda client, userdata, mid, granted: subscribed.append(granted[0])
    sub.on_message = lambda client, userdata, message: got.append(message.payload)
    pub = mqtt.Client(client_id=f"bench-pub-{uuid.uuid4().hex[:8]}", protocol=mqtt.MQTTv311)
    deadline = time.monotonic() + ATTEMPT_TIMEOUT
    try:
        sub.connect("127.0.0.1", sub_port)
        sub.loop_start()
        sub.subscribe(topic, 1)
        while not subscribed and time.monotonic() < deadline:
            time.sleep(0.01)
        if subscribed != [1]:
            return False  # no SUBACK, or 0x80: JetStream could not make the consumer yet
        pub.connect("127.0.0.1", pub_port)
        pub.loop_start()
        pub.publish(topic, b"x", qos=1)
        while not got and time.monotonic() < deadline:
            time.sleep(0.01)
        return bool(got)
    except OSError:
        return False
    finally:
        for client in (sub, pub):
            client.disconnect()
            client.loop_stop()


def failover(hilbench):
    proc, info, _, _ = start(hilbench, 3)
    try:
        n1, n2, n3 = info["nodes"]
        leader = meta_leader(n1)
        os.kill(n3["pid"], signal.SIGKILL)
        killed = time.monotonic()
        topic = f"bench/failover/{uuid.uuid4().hex[:8]}"
        while time.monotonic() - killed < FAILOVER_LIMIT:
            if crossed(port_of(n2["url"]), port_of(n1["url"]), topic):
                return time.monotonic() - killed, leader == "n3"
        return None, leader == "n3"
    finally:
        stop(proc)


def summary(name, values, unit):
    values = [v for v in values if v is not None]
    print(json.dumps({"figure": name, "unit": unit, "runs": len(values),
                      "median": round(statistics.median(values), 3) if values else None,
                      "min": round(min(values), 3) if values else None,
                      "max": round(max(values), 3) if values else None}))


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    hilbench = os.path.join(build, "bin", "hilbench")
    for nodes in (1, 3):
        ready, healthy, serving = [], [], []
        for _ in range(runs):
            proc, _, ready_s, split = start(hilbench, nodes)
            stop(proc)
            ready.append(ready_s)
            if split:
                healthy.append(split[0] / 1000)
                serving.append(split[1] / 1000)
        summary(f"ready line, {nodes} node(s)", ready, "s")
        summary(f"every /healthz ok, {nodes} node(s)", healthy, "s")
        summary(f"MQTT taken on every node, {nodes} node(s)", serving, "s")
    results = [failover(hilbench) for _ in range(runs)]
    summary("QoS 1 crosses n1 -> n2 again after SIGKILL of n3", [r[0] for r in results], "s")
    print(json.dumps({"figure": "runs where n3 was the meta leader",
                      "count": sum(1 for r in results if r[1]), "of": runs}))


if __name__ == "__main__":
    main()
