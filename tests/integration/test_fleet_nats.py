# `hilbench fleet` on a 3-node NATS cluster: three shards attached to different nodes, a paho-mqtt
# host on node 1 moving devices homed on nodes 2 and 3, and node 3 killed while it does: its devices
# move to the other nodes (persistent sessions, so the cluster keeps their QoS 1 commands while they
# are away) and every command the host sent is answered.

import json
import os
import signal
import subprocess
import threading
import time
import urllib.request

import paho.mqtt.client as mqtt
import pytest

import fleet_clients

DEADLINE = 90.0  # bounds a hang (NATS takes 6 to 15 s to serve QoS 1 again after a node dies)
SHARD_DEVICES = 100  # 1,000 a shard stalls JetStream on a 2-core machine (README, fleets on NATS)


class Host:
    """A paho-mqtt host with a persistent session on one node, sending MOVE commands at QoS 1 and
    keeping every status each gets (a MOVE is `accepted`, then `done` or cut short)."""

    def __init__(self, url):
        host, port = url.removeprefix("mqtt://").rsplit(":", 1)
        self.answers = {}
        self.sent = []
        self.lock = threading.Lock()
        granted = threading.Event()
        self.client = mqtt.Client(client_id="fleet-nats-host", clean_session=False)
        self.client.on_message = self._keep
        self.client.on_subscribe = lambda _c, _u, _mid, qos: granted.set() if qos[0] <= 1 else None
        self.client.connect(host, int(port))
        self.client.loop_start()
        deadline = time.monotonic() + DEADLINE
        while not granted.is_set():  # JetStream may refuse while it settles: ask again
            assert time.monotonic() < deadline, "the host's subscription was never granted"
            self.client.subscribe("devices/+/cmd/resp", qos=1)
            granted.wait(2)

    def _keep(self, _client, _userdata, message):
        answer = json.loads(message.payload)
        with self.lock:
            self.answers.setdefault(answer.get("cmd_id"), []).append(answer.get("status"))

    def move(self, node, cmd_id, position):
        with self.lock:
            self.sent.append(cmd_id)
        self.client.publish(f"devices/{node}/cmd", json.dumps(
            {"cmd_id": cmd_id, "action": "MOVE", "params": {"target_ids": 0, "position_steps": position}}), qos=1)

    def done(self, cmd_id):
        with self.lock:
            return "done" in self.answers.get(cmd_id, [])

    def unanswered(self):
        with self.lock:
            return [cmd_id for cmd_id in self.sent if cmd_id not in self.answers]

    def close(self):
        self.client.loop_stop()
        self.client.disconnect()


def report(fleet):
    return fleet_clients.report(fleet, DEADLINE)


def wait_for(what, predicate, detail=lambda: ""):
    deadline = time.monotonic() + DEADLINE
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what} {detail()}"
        time.sleep(0.5)


@pytest.fixture
def cluster(procs, monkeypatch):
    monkeypatch.setenv("HILBENCH_BROKER_ENGINE", "nats")  # inherited by the fleets
    return procs.start("broker", "--engine", "nats", "--cluster", "3", name="nats", timeout=DEADLINE)


def test_shards_on_three_nodes_answer_across_nodes_and_lose_no_command_to_a_node_kill(procs, cluster):
    urls = [node["url"] for node in cluster.info["nodes"]]
    fleets = []
    for shard in range(3):  # shard k lists node k first: its devices spread from there
        order = urls[shard:] + urls[:shard]
        fleets.append(procs.start("fleet", "--kind", "stepper", "--count", str(3 * SHARD_DEVICES),
                                  "--shard", f"{shard + 1}/3", "--broker", ",".join(order), "--report-s", "0",
                                  "--persistent-session", name=f"shard{shard + 1}", stdin=subprocess.PIPE,
                                  timeout=DEADLINE))
    assert all(f.info["connected"] == SHARD_DEVICES and f.info["failed"] == 0 for f in fleets)
    wait_for("every device's subscription granted",
             lambda: all(report(f)["subscribed"] == SHARD_DEVICES for f in fleets))

    # Shard 1's devices are fleet-000000, -000003, ...; its i-th is homed on node i % 3 + 1.
    on_node = {n: [f"fleet-{3 * i:06d}" for i in range(SHARD_DEVICES) if i % 3 == n - 1][:5] for n in (2, 3)}
    host = Host(urls[0])
    try:
        for node in on_node[2] + on_node[3]:
            host.move(node, f"before-{node}", 100)
        wait_for("moves done on nodes 2 and 3",
                 lambda: all(host.done(f"before-{n}") for n in on_node[2] + on_node[3]))

        stop = threading.Event()

        def keep_moving():  # ten commands a second to node 3's devices, through the kill
            for round_ in range(10_000):
                if stop.wait(0.1):
                    return
                node = on_node[3][round_ % len(on_node[3])]
                host.move(node, f"during-{round_}", round_ % 400)

        mover = threading.Thread(target=keep_moving)
        mover.start()
        time.sleep(1)
        os.kill(cluster.info["nodes"][2]["pid"], signal.SIGKILL)
        # Node 3's third of the fleet gone and back on nodes 1 and 2 (some move twice while JetStream
        # elects leaders), with every subscription granted again.
        wait_for("node 3's devices on the other nodes", lambda: all(
            (r := report(f))["connected"] == SHARD_DEVICES and r["subscribed"] == SHARD_DEVICES for f in fleets)
            and sum(report(f)["reconnects"] for f in fleets) >= SHARD_DEVICES)
        time.sleep(1)
        stop.set()
        mover.join()
        wait_for("an answer to every command sent during the kill", lambda: not host.unanswered(),
                 lambda: f"(unanswered: {host.unanswered()})")
    finally:
        host.close()


def test_subscriptions_capped_at_qos_0_cost_nats_no_consumer_and_still_carry_commands(procs, monkeypatch):
    monkeypatch.setenv("HILBENCH_BROKER_ENGINE", "nats")
    node = procs.start("broker", "--engine", "nats", name="nats1", timeout=DEADLINE).info["nodes"][0]

    def consumers():
        with urllib.request.urlopen(node["monitor_url"] + "/jsz", timeout=10) as answer:
            return json.load(answer)["consumers"]

    before = consumers()  # the broker's own readiness probe may have left one
    fleet = procs.start("fleet", "--kind", "stepper", "--count", "20", "--broker", node["url"], "--report-s", "0",
                        "--max-subscription-qos", "0", name="capped", stdin=subprocess.PIPE, timeout=DEADLINE)
    wait_for("every device subscribed", lambda: report(fleet)["subscribed"] == 20)
    assert consumers() == before  # each QoS 1 subscription would be a JetStream consumer
    port = node["url"].rsplit(":", 1)[1]
    sub = subprocess.Popen(["mosquitto_sub", "-p", port, "-q", "1", "-C", "1", "-W", "20",
                            "-t", "devices/fleet-000007/cmd/resp"], stdout=subprocess.PIPE, text=True)
    try:
        for attempt in range(20):  # mosquitto_sub has no ready signal: ask until it hears
            subprocess.run(["mosquitto_pub", "-p", port, "-q", "1", "-t", "devices/fleet-000007/cmd",
                            "-m", json.dumps({"cmd_id": f"capped-{attempt}", "action": "GET"})], check=True, timeout=10)
            if sub.poll() is not None:
                break
            time.sleep(0.5)
        out, _ = sub.communicate(timeout=30)
    finally:
        if sub.poll() is None:
            sub.kill()
    assert json.loads(out)["cmd_id"].startswith("capped-"), out
