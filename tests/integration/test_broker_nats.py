# `hilbench broker --engine nats [--cluster N]`: NATS nodes on loopback carry MQTT QoS 0 and 1 between
# clients nobody here wrote, across nodes too; a stepper homed on node 3 answers a host on node 1; a
# node that dies is reported, and the cluster serves on only while JetStream keeps its quorum.

import os
import re
import signal
import subprocess
import time
import uuid

import pytest

from clients import MqttProbe

PROCESS_END_TIMEOUT = 15  # bounds a hang, never a timing assertion
RUN_TIMEOUT = 30
ATTEMPT_TIMEOUT = 3
# A 3-node cluster creates its MQTT streams and each node's consumers before it says it is ready.
CLUSTER_READY_TIMEOUT = 30


def parent_of(pid):
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def port_of(url):
    return int(url.rsplit(":", 1)[1])


def cluster_dir(proc):
    """The cluster's private folder, which the broker names in its log."""
    match = re.search(r"NATS node\(s\) in (\S+):", proc.log_text())
    assert match, proc.log_tail()
    return match.group(1)


def start_nats(group, nodes=1):
    args = ["broker", "--engine", "nats"] + (["--cluster", str(nodes)] if nodes > 1 else [])
    return group.start(*args, name=f"nats-{nodes}", timeout=CLUSTER_READY_TIMEOUT)


def mosquitto_pub(url, topic, payload, qos):
    result = subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(port_of(url)), "-t", topic,
                             "-m", payload, "-q", str(qos)],
                            capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert result.returncode == 0, result


def heard(probe, publisher, topic, payload):
    """Publishes at QoS 0 until the probe hears it: a subscription on one node reaches the others
    over the routes a moment after its SUBACK."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while True:
        start = probe.mark()
        publisher.publish(topic, payload, qos=0)
        try:
            return probe.wait_for(lambda m: m.topic == topic and m.payload == payload.encode(),
                                  timeout=ATTEMPT_TIMEOUT, start=start)
        except AssertionError:
            if time.monotonic() > deadline:
                raise


def topic_prefix():
    return f"hil/nats/{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="module")
def cluster3(module_procs):
    """One 3-node cluster for the tests that leave it whole."""
    return start_nats(module_procs, nodes=3)


def test_a_single_node_carries_qos_0_and_1_and_goes_with_its_folder_on_sigterm(procs):
    proc = start_nats(procs)
    info = proc.info
    assert info["engine"] == "nats" and info["hilbench_pid"] == proc.pid
    [node] = info["nodes"]
    assert info["url"] == node["url"] == f"mqtt://127.0.0.1:{info['port']}"
    assert parent_of(node["pid"]) == proc.pid
    with open(f"/proc/{node['pid']}/comm") as comm:
        assert comm.read().strip() == "nats-server"
    folder = cluster_dir(proc)

    prefix = topic_prefix()
    probe = MqttProbe("127.0.0.1", info["port"])
    try:
        probe.subscribe(f"{prefix}/#", qos=1)
        mosquitto_pub(info["url"], f"{prefix}/zero", "at most once", 0)
        mosquitto_pub(info["url"], f"{prefix}/one", "at least once", 1)
        zero = probe.wait_for(lambda m: m.topic == f"{prefix}/zero")
        one = probe.wait_for(lambda m: m.topic == f"{prefix}/one")
    finally:
        probe.close()
    assert (zero.payload, zero.qos) == (b"at most once", 0)
    assert (one.payload, one.qos) == (b"at least once", 1)

    assert proc.stop() == 0
    assert not process_exists(node["pid"])
    assert not os.path.exists(folder)


def test_the_ready_line_of_a_3_node_cluster_names_every_node(cluster3):
    info = cluster3.info
    nodes = info["nodes"]
    assert [n["name"] for n in nodes] == ["n1", "n2", "n3"]
    assert info["url"] == nodes[0]["url"] and info["port"] == port_of(nodes[0]["url"])
    ports = set()
    for node in nodes:
        assert re.fullmatch(r"mqtt://127\.0\.0\.1:\d+", node["url"]), node
        assert re.fullmatch(r"nats://127\.0\.0\.1:\d+", node["nats_url"]), node
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", node["monitor_url"]), node
        ports |= {port_of(node["url"]), port_of(node["nats_url"]), port_of(node["monitor_url"]),
                  node["cluster_port"]}
        assert parent_of(node["pid"]) == cluster3.pid
    assert len(ports) == 12


def test_a_subscriber_on_node_2_gets_what_node_1_is_sent_at_qos_1(cluster3):
    n1, n2 = cluster3.info["nodes"][:2]
    topic = f"{topic_prefix()}/across"
    probe = MqttProbe("127.0.0.1", port_of(n2["url"]))
    try:
        probe.subscribe(topic, qos=1)
        mosquitto_pub(n1["url"], topic, "from node 1", 1)
        got = probe.wait_for(lambda m: m.topic == topic)
    finally:
        probe.close()
    assert (got.payload, got.qos) == (b"from node 1", 1)


def test_a_stepper_homed_on_node_3_answers_a_host_on_node_1(cluster3, module_procs, hilbench_bin):
    n1, _, n3 = cluster3.info["nodes"]
    node_id = uuid.uuid4().hex[:12]
    module_procs.start("sim", "stepper", "--node-id", node_id, "--broker", n3["url"],
                       name=f"sim-{node_id}").wait_for_log("[mqtt] connected", PROCESS_END_TIMEOUT)
    result = subprocess.run([str(hilbench_bin), "ctl", "--broker", n1["url"], "--node", node_id,
                             "GET ALL"], capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert result.returncode == 0, result
    assert re.match(r"\[DONE\] cmd_id=\S+ action=GET ACCEL=\d+ .*SPEED=\d+", result.stdout), result


def test_a_killed_node_is_reported_the_rest_serve_on_until_the_quorum_is_lost(procs):
    proc = start_nats(procs, nodes=3)
    n1, n2, n3 = proc.info["nodes"]
    folder = cluster_dir(proc)
    topic = f"{topic_prefix()}/sessions"
    # Sessions opened before the loss carry QoS 0 over the routes, with no JetStream in the way.
    # New connections and QoS 1 wait while JetStream elects new leaders for what n3 led (seconds:
    # benchmarks/nats_cluster.py measures it).
    subscriber = MqttProbe("127.0.0.1", port_of(n2["url"]))
    publisher = MqttProbe("127.0.0.1", port_of(n1["url"]))
    try:
        subscriber.subscribe(topic, qos=0)
        heard(subscriber, publisher, topic, "three of three")

        os.kill(n3["pid"], signal.SIGKILL)  # a grandchild started by this test
        proc.wait_for_log(f"ERROR [broker] nats node n3 (pid {n3['pid']}) was killed by signal 9",
                          PROCESS_END_TIMEOUT)
        proc.wait_for_log("serving on with 2 of 3 nodes (JetStream needs 2)", PROCESS_END_TIMEOUT)
        assert heard(subscriber, publisher, topic, "two of three").qos == 0
        assert proc.alive()
    finally:
        subscriber.close()
        publisher.close()

    os.kill(n2["pid"], signal.SIGKILL)
    assert proc.popen.wait(timeout=PROCESS_END_TIMEOUT) == 1
    log = proc.log_text()
    assert f"nats node n2 (pid {n2['pid']}) was killed by signal 9" in log
    assert "1 of 3 nodes run, fewer than JetStream's quorum of 2: stopping" in log
    assert not process_exists(n1["pid"])
    assert not os.path.exists(folder)


def test_the_hvac_bridge_sends_its_qos_2_discovery_at_qos_1_on_nats_and_says_so(procs, monkeypatch):
    broker = start_nats(procs)
    url = broker.info["url"]
    device = f"ac_{uuid.uuid4().hex[:6]}"
    config_topic = f"homeassistant/climate/{device}/config"
    probe = MqttProbe("127.0.0.1", broker.info["port"])
    try:
        probe.subscribe(config_topic, qos=1)
        monkeypatch.setenv("HILBENCH_BROKER_ENGINE", "nats")  # inherited by the bridge
        hvac = procs.start("hvac", "--broker", url, "--device", device, "--blaster", "b1", name="hvac")
        # NATS 2.9 ends the connection of a QoS 2 publish, so the discovery arriving is the proof.
        config = probe.wait_for(lambda m: m.topic == config_topic and m.payload, what="discovery")
    finally:
        probe.close()
    assert config.json()["unique_id"], config
    assert config.qos == 1
    hvac.wait_for_log(f"NATS 2.9 has no QoS 2: '{config_topic}' and every later QoS 2 publish go "
                      "at QoS 1", PROCESS_END_TIMEOUT)
    assert "connection to" not in hvac.log_text(), hvac.log_tail()  # never "... lost"


def test_an_unknown_broker_engine_in_the_environment_is_refused_by_name(hilbench_bin):
    result = subprocess.run([str(hilbench_bin), "ctl", "--broker", "mqtt://127.0.0.1:1", "--node", "n1",
                             "GET ALL"], capture_output=True, text=True, timeout=RUN_TIMEOUT,
                            env={**os.environ, "HILBENCH_BROKER_ENGINE": "rabbitmq"})
    assert result.returncode == 2, result
    assert result.stderr.strip() == \
        "hilbench ctl: HILBENCH_BROKER_ENGINE must be mosquitto or nats, not 'rabbitmq'"
