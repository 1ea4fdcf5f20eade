# The sim process as a whole: --config-file persistence across restarts, --time-scale, reconnecting
# after a broker restart, credentials and TLS against a password-protected broker.

import json
import queue
import threading
import uuid

import paho.mqtt.client as mqtt
import pytest

from clients import MqttProbe, NodeMqtt
from tls_files import free_port, make_tls_files
from stepper_math import est_ms


def test_settings_survive_a_restart_with_the_same_config_file(start_sim, mqtt_probe, tmp_path):
    cfg = tmp_path / "node.json"
    node_id = "0badc0ffee01"
    sim = start_sim("--config-file", str(cfg), node_id=node_id)
    node = NodeMqtt(mqtt_probe(), node_id)
    node.ok("SET", {"speed_sps": 5000})
    node.ok("MQTT:SET_CONFIG", {"host": "lab-broker.local", "port": 1884, "user": "lab", "pass": "newsecret"})
    sim.proc.stop()
    assert cfg.is_file() and cfg.stat().st_size > 0

    start_sim("--config-file", str(cfg), node_id=node_id)
    again = NodeMqtt(mqtt_probe(), node_id)
    assert again.ok("GET", {"resource": "SPEED"})["result"] == {"SPEED": 5000}
    assert again.ok("MQTT:GET_CONFIG")["result"] == {
        "host": '"lab-broker.local"', "port": "1884", "user": '"lab"', "pass": '"newsecret"'}
    late = mqtt_probe()
    late.subscribe(f"devices/{node_id}/config")
    retained = late.wait_for(lambda m: m.topic.endswith("/config"), what="retained config")
    assert retained.json()["speed"] == 5000


def test_a_sigterm_stopped_sim_publishes_its_offline_status(start_sim, mqtt_probe):
    sim = start_sim()
    probe = mqtt_probe()
    probe.subscribe(sim.topic("status"))  # returns once subscribed
    mark = probe.mark()
    assert sim.proc.stop() == 0  # SIGTERM: a clean disconnect, after which no will is sent
    offline = probe.wait_for(lambda m: m.json().get("node_state") == "offline", start=mark,
                             what="the offline status")
    assert offline.json() == {"node_state": "offline", "motors": {}}


def test_an_unwritable_config_file_is_warned_at_start_and_a_set_reports_the_failed_save(start_sim, mqtt_probe, tmp_path):
    (tmp_path / "a-file").write_text("")
    cfg = tmp_path / "a-file" / "node.json"  # under a file: no one, root included, can write it
    sim = start_sim("--config-file", str(cfg))
    assert "WARNING [sim] config file: cannot write" in sim.proc.log_text()
    node = NodeMqtt(mqtt_probe(), sim.node_id)
    (error,) = node.command("SET", {"speed_sps": 1234})
    assert error.json()["status"] == "error"
    assert error.json()["errors"] == [{"code": "SET_SAVE_FAILED"}]
    assert node.ok("GET", {"resource": "SPEED"})["result"] == {"SPEED": 4000}


def test_time_scale_20_finishes_a_5500_ms_move_early_with_consistent_actual_ms(start_sim, mqtt_probe):
    sim = start_sim("--time-scale", "20")
    node = NodeMqtt(mqtt_probe(), sim.node_id)
    speed = 227  # 1200 steps: ceil(1200000/227) + ceil(227000/16000) = 5287 + 15
    node.ok("SET", {"speed_sps": speed})
    expected = est_ms(1200, speed=speed)
    assert 5000 <= expected <= 6000
    # 4 s is generous (5.5 s of device time is ~0.3 s at x20) and still less than the move at x1.
    msgs = node.command("MOVE", {"target_ids": 0, "position_steps": 1200}, timeout=4.0)
    ack, done = (m.json() for m in msgs)
    assert ack["result"]["est_ms"] == expected
    assert done["status"] == "done"
    assert abs(done["result"]["actual_ms"] - expected) <= 0.05 * expected, (expected, done)


def test_sim_reconnects_after_the_broker_restarts_on_the_same_port(procs, private_broker, start_sim):
    port = private_broker.port
    sim = start_sim(broker_url=private_broker.url)
    probe = MqttProbe("127.0.0.1", port)
    try:
        node = NodeMqtt(probe, sim.node_id)
        assert node.ok("GET", {"resource": "SPEED"})["result"] == {"SPEED": 4000}
    finally:
        probe.close()
    log_mark = len(sim.proc.log_text())
    private_broker.proc.stop()

    new_broker = procs.start("broker", "--port", str(port), name="broker-again")
    assert new_broker.info["port"] == port
    # back-off 1 s doubling: a reconnect comes within a few seconds
    sim.proc.wait_for_log("[mqtt] connected", timeout=20, start=log_mark)
    probe = MqttProbe("127.0.0.1", port)
    try:
        node = NodeMqtt(probe, sim.node_id)
        assert node.ok("GET", {"resource": "SPEED"}, timeout=15)["result"] == {"SPEED": 4000}
        msgs = node.command("MOVE", {"target_ids": 1, "position_steps": 100})
        assert [m.json()["status"] for m in msgs] == ["ack", "done"]
        # the fresh broker has no retained config until the node publishes it again on reconnect
        late = MqttProbe("127.0.0.1", port)
        try:
            late.subscribe(f"devices/{sim.node_id}/config")
            late.wait_for(lambda m: m.topic.endswith("/config"), what="config republished after reconnect")
        finally:
            late.close()
    finally:
        probe.close()


def _paho_connect(port, username=None, password=None):
    """Connects a paho client; returns (client, CONNACK return code)."""
    result = {}
    done = threading.Event()
    client = mqtt.Client(client_id=f"auth-{uuid.uuid4().hex[:8]}", protocol=mqtt.MQTTv311)
    if username is not None:
        client.username_pw_set(username, password)
    client.on_connect = lambda c, u, f, rc: (result.setdefault("rc", rc), done.set())
    client.connect("127.0.0.1", port)
    client.loop_start()
    assert done.wait(10), "no CONNACK"
    return client, result["rc"]


def test_sim_with_username_and_password_over_tls_behind_a_password_protected_broker(procs, tmp_path):
    make_tls_files(tmp_path)
    tls_port = free_port()
    broker = procs.start("broker", "--user", "alice:wonderland1", "--tls-port", str(tls_port),
                         "--tls-cert", str(tmp_path / "server.pem"), "--tls-key", str(tmp_path / "server.key"),
                         name="auth-broker")
    assert broker.info["tls_url"] == f"mqtts://127.0.0.1:{tls_port}"
    sim = procs.start("sim", "stepper", "--node-id", "a11ce0000001", "--broker", broker.info["tls_url"],
                      "--tls-ca", str(tmp_path / "ca.pem"), "--username", "alice", "--password", "wonderland1",
                      name="auth-sim")
    assert sim.info["broker"].startswith("mqtts://")

    anonymous, rc = _paho_connect(broker.info["port"])
    anonymous.loop_stop()
    assert rc == 5, "the broker must refuse anonymous clients"
    wrong, rc = _paho_connect(broker.info["port"], "alice", "not-her-password")
    wrong.loop_stop()
    assert rc in (4, 5), "a wrong password must be refused"

    client, rc = _paho_connect(broker.info["port"], "alice", "wonderland1")
    try:
        assert rc == 0
        got = queue.Queue()
        client.on_message = lambda c, u, m: got.put(json.loads(m.payload))
        client.subscribe("devices/a11ce0000001/cmd/resp", qos=1)
        client.publish("devices/a11ce0000001/cmd",
                       json.dumps({"cmd_id": "auth-1", "action": "GET", "params": {"resource": "SPEED"}}), qos=1)
        reply = got.get(timeout=10)
        assert reply == {"cmd_id": "auth-1", "action": "GET", "status": "done", "result": {"SPEED": 4000}}
    finally:
        client.loop_stop()
        client.disconnect()
