# `hilbench fleet` on a 3-node NATS cluster: three shards attached to different nodes, a host on
# node 1 commanding devices homed on nodes 2 and 3, and a node killed: its devices move to the
# other nodes (their subscriptions asked for again while JetStream elects new leaders) and answer.

import json
import os
import signal
import subprocess
import time

import pytest

DEADLINE = 90.0  # bounds a hang (NATS takes 6 to 15 s to serve QoS 1 again after a node dies)


def command(url, node, cmd_id):
    """A GET to the node through the broker at `url`, at QoS 1; the node's answer, or None."""
    port = url.rsplit(":", 1)[1]
    sub = subprocess.Popen(["mosquitto_sub", "-h", "127.0.0.1", "-p", port, "-q", "1", "-C", "1", "-W", "5",
                            "-t", f"devices/{node}/cmd/resp"], stdout=subprocess.PIPE, text=True)
    time.sleep(0.3)  # mosquitto_sub has no ready signal; a late subscription only costs a retry
    subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", port, "-q", "1", "-t", f"devices/{node}/cmd",
                    "-m", json.dumps({"cmd_id": cmd_id, "action": "GET"})], check=True, timeout=10)
    out, _ = sub.communicate(timeout=10)
    return json.loads(out) if out.strip().startswith("{") else None


def answered(url, node, cmd_id):
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        reply = command(url, node, cmd_id)
        if reply and reply.get("cmd_id") == cmd_id:
            return reply
    raise AssertionError(f"{node} never answered {cmd_id} through {url}")


def report(fleet):
    fleet.popen.stdin.write(b'{"report": true}\n')
    fleet.popen.stdin.flush()
    while True:
        doc = json.loads(fleet.stdout_lines.get(timeout=DEADLINE))
        if "devices" in doc:
            return doc


@pytest.fixture
def cluster(procs, monkeypatch):
    monkeypatch.setenv("HILBENCH_BROKER_ENGINE", "nats")  # inherited by the fleets
    return procs.start("broker", "--engine", "nats", "--cluster", "3", name="nats", timeout=DEADLINE)


def test_shards_on_three_nodes_answer_across_nodes_and_survive_a_node_kill(procs, cluster):
    urls = [node["url"] for node in cluster.info["nodes"]]
    fleets = []
    for shard in range(3):  # shard k lists node k first: its devices spread from there
        order = urls[shard:] + urls[:shard]
        fleets.append(procs.start("fleet", "--kind", "stepper", "--count", "300", "--shard", f"{shard + 1}/3",
                                  "--broker", ",".join(order), "--report-s", "0", name=f"shard{shard + 1}",
                                  stdin=subprocess.PIPE, timeout=DEADLINE))
    assert all(f.info["connected"] == 100 and f.info["failed"] == 0 for f in fleets)
    # Shard 1's devices 1 and 2 (fleet-000003, fleet-000006) are homed on nodes 2 and 3.
    for node in ("fleet-000003", "fleet-000006"):
        assert answered(urls[0], node, f"before-{node}")["status"] == "done"

    os.kill(cluster.info["nodes"][2]["pid"], signal.SIGKILL)
    deadline = time.monotonic() + DEADLINE
    while True:  # node 3's third of the fleet gone and back, on nodes 1 and 2
        counts = [report(f) for f in fleets]
        # At least 100: a device that lands on a node while JetStream elects leaders may be moved again.
        if sum(c["reconnects"] for c in counts) >= 100 and sum(c["connected"] for c in counts) == 300:
            break
        assert time.monotonic() < deadline, counts
        time.sleep(0.5)
    assert answered(urls[0], "fleet-000006", "after-node-3")["status"] == "done"
    assert answered(urls[1], "fleet-000006", "after-node-3-via-2")["status"] == "done"
