# The in-process Python API (hilbench.StepperNode on virtual time) and its pytest fixtures: isolation, completions, telemetry, determinism, bad input.

import json

import pytest

import hilbench

STATUS_MOTOR_KEYS = {"id", "position", "moving", "awake", "homed", "steps_since_home", "budget_s",
                     "ttfc_s", "speed", "accel", "est_ms", "started_ms", "actual_ms"}


def codes(resp):
    return [e["code"] for e in resp.get("errors", [])]


def test_fixture_node_is_booted_and_joined_wifi(stepper_node):
    assert stepper_node.now_ms >= 1500
    net = stepper_node.mqtt({"action": "NET:STATUS"})[-1]
    assert net["result"]["state"] == "CONNECTED" and net["result"]["ssid"] == '"TestNet"'


def test_factory_node_prints_the_ready_banner_at_boot(stepper_node_factory):
    node = stepper_node_factory(node_id="a1b2c3d4e5f6")
    lines = node.advance(2000)
    assert lines[0] == "CTRL:READY Serial v1 — send HELP"
    assert any("NET:CONNECTED" in l and "TestNet" in l for l in lines)
    assert node.topic("cmd") == "devices/a1b2c3d4e5f6/cmd"


def test_two_nodes_in_one_process_do_not_interfere(stepper_node_factory):
    a = stepper_node_factory(node_id="aaaaaaaaaaaa", seed=1)
    b = stepper_node_factory(node_id="bbbbbbbbbbbb", seed=1)
    a.advance(2000)
    b.advance(2000)
    a.serial("SET SPEED=5000")
    a.serial("MOVE:0,1200")
    a.advance(1000)
    assert a.status()["motors"]["0"]["position"] == 1200
    assert b.status()["motors"]["0"]["position"] == 0
    assert b.mqtt({"action": "GET", "params": {"resource": "SPEED"}})[-1]["result"] == {"SPEED": 4000}
    assert a.now_ms == 3000 and b.now_ms == 2000
    assert all(p.topic.startswith("devices/aaaaaaaaaaaa/") for p in a.published())
    assert all(p.topic.startswith("devices/bbbbbbbbbbbb/") for p in b.published())


def test_advance_returns_the_done_of_a_serial_move(stepper_node):
    ack = stepper_node.serial("MOVE:0,1200")
    assert len(ack) == 1 and ack[0].startswith("CTRL:ACK msg_id=") and ack[0].endswith("est_ms=550")
    msg_id = ack[0].split()[1].split("=")[1]
    assert stepper_node.advance(500) == []
    lines = stepper_node.advance(100)
    assert lines == [f"CTRL:DONE cmd_id={msg_id} action=MOVE actual_ms=550 status=done"]


def test_mqtt_move_acks_at_once_and_advance_publishes_the_done(stepper_node):
    resp = stepper_node.mqtt({"cmd_id": "c1", "action": "MOVE", "params": {"target_ids": 1, "position_steps": -1200}})
    assert resp == [{"cmd_id": "c1", "action": "MOVE", "status": "ack", "result": {"est_ms": 550}}]
    stepper_node.advance(600)
    assert stepper_node.responses()[-1] == {"cmd_id": "c1", "action": "MOVE", "status": "done",
                                            "result": {"actual_ms": 550}}
    last = stepper_node.published("cmd/resp")[-1]
    assert last.qos == 1 and not last.retain


def test_status_is_published_while_moving_and_matches_status(stepper_node):
    start = len(stepper_node.published())
    stepper_node.serial("SET SPEED=1000")
    stepper_node.serial("MOVE:2,1200")
    stepper_node.advance(2000)
    status_msgs = [p for p in stepper_node.published(since=start) if p.topic == stepper_node.topic("status")]
    moving = [p for p in status_msgs if p.json()["motors"]["2"]["moving"]]
    assert len(moving) >= 5  # ~5 Hz over a 1.26 s move
    assert all(p.qos == 0 and not p.retain for p in status_msgs)
    assert status_msgs[-1].json() == stepper_node.status()
    assert stepper_node.status()["motors"]["2"]["position"] == 1200


def test_status_has_every_key_of_the_mqtt_status_payload(stepper_node):
    stepper_node.serial("MOVE:ALL,10")
    stepper_node.advance(500)
    status = stepper_node.status()
    assert set(status) == {"node_state", "ip", "motors"}
    assert status["node_state"] == "ready" and status["ip"] == "192.168.1.50"
    assert sorted(status["motors"], key=int) == [str(i) for i in range(8)]
    for mid, m in status["motors"].items():
        assert set(m) == STATUS_MOTOR_KEYS, (mid, sorted(m))
        assert m["id"] == int(mid) and m["position"] == 10


def test_config_is_published_retained_with_the_defaults(stepper_node):
    cfg = stepper_node.published("config")
    assert cfg and cfg[-1].retain
    assert cfg[-1].json() == {"thermal_limiting": True, "max_budget_s": 90, "microstep": "FULL",
                              "microstep_mult": 1, "speed": 4000, "accel": 16000, "decel": 0}


def transcript(seed):
    node = hilbench.StepperNode(node_id="0123456789ab", seed=seed)
    out = list(node.advance(2000))
    out += node.serial("MOVE:0,700;MOVE:1,-300")
    out += node.advance(1000)
    out += [json.dumps(r) for r in node.mqtt({"action": "HOME", "params": {"target_ids": "ALL"}})]
    out += node.advance(3000)
    out += node.serial("STATUS")
    out += [f"{p.time_ms} {p.topic} {p.payload}" for p in node.published()]
    return out


def test_same_seed_gives_an_identical_transcript():
    assert transcript(7) == transcript(7)


def test_different_seeds_give_different_ids():
    assert transcript(7) != transcript(8)


def test_power_cycle_keeps_settings_and_loses_homing(stepper_node):
    stepper_node.serial("SET SPEED=4500")
    stepper_node.mqtt({"action": "HOME", "params": {"target_ids": 0}})
    stepper_node.advance(3000)
    assert stepper_node.status()["motors"]["0"]["homed"]
    stepper_node.power_cycle()
    stepper_node.advance(2000)
    assert not stepper_node.status()["motors"]["0"]["homed"]
    assert stepper_node.mqtt({"action": "GET", "params": {"resource": "SPEED"}})[-1]["result"] == {"SPEED": 4500}


@pytest.mark.parametrize("payload,code,reason", [
    pytest.param(b"\xff\xfe\xfd", "MQTT_BAD_PAYLOAD", "INVALID_UTF8", id="invalid-utf8"),
    pytest.param(b"{not json", "MQTT_BAD_PAYLOAD", "INVALID_JSON", id="bad-json"),
    pytest.param(b"{}", "MQTT_BAD_PAYLOAD", "MISSING_ACTION", id="no-action"),
    pytest.param(json.dumps({"action": "GET", "params": {"resource": "A" * 200_000}}).encode(),
                 "MQTT_BAD_PAYLOAD", "TOO_LARGE", id="200kB"),
    pytest.param(json.dumps({"action": "MOVE", "params": {"target_ids": 0, "position_steps": "x"}}).encode(),
                 "MQTT_BAD_PARAM", "WRONG_TYPE", id="wrong-type"),
    pytest.param(json.dumps({"action": "MOVE", "params": {"target_ids": 0, "position_steps": 1, "x": 1}}).encode(),
                 "MQTT_BAD_PARAM", "UNSUPPORTED_FIELD", id="unknown-param"),
    pytest.param(json.dumps({"action": "GET", "oops": True}).encode(),
                 "MQTT_BAD_PAYLOAD", "UNSUPPORTED_FIELD", id="unknown-envelope-field"),
])
def test_bad_mqtt_input_gets_documented_error_and_node_keeps_serving(stepper_node, payload, code, reason):
    resp = stepper_node.mqtt(payload)
    assert len(resp) == 1 and resp[0]["status"] == "error", resp
    assert codes(resp[0]) == [code]
    assert resp[0]["errors"][0].get("reason") == reason
    if code == "MQTT_BAD_PAYLOAD" and reason != "UNSUPPORTED_FIELD":  # the action is unreadable
        assert resp[0]["action"] == "UNKNOWN"
    elif reason == "UNSUPPORTED_FIELD" and code == "MQTT_BAD_PAYLOAD":  # readable: echoed
        assert resp[0]["action"] == json.loads(payload)["action"]
    assert stepper_node.mqtt({"action": "GET", "params": {"resource": "SPEED"}})[-1]["status"] == "done"


def test_json_array_payload_is_reported_as_not_an_object(stepper_node):
    resp = stepper_node.mqtt(b"[1, 2]")[-1]
    assert codes(resp) == ["MQTT_BAD_PAYLOAD"] and resp["action"] == "UNKNOWN"
    # valid JSON, wrong shape: same reason as `null`
    assert resp["errors"][0]["reason"] == stepper_node.mqtt(b"null")[-1]["errors"][0]["reason"]


@pytest.mark.parametrize("data,expected", [
    pytest.param(b"\xff\xfe\x00\x01garbage\n", "E01 BAD_CMD", id="binary"),
    pytest.param(b"Z" * 300 + b"\n", "CTRL:ERR E03 BAD_PARAM buffer_overflow", id="300-bytes"),
    pytest.param(b"SET SPEED=abc\n", "E03 BAD_PARAM", id="bad-number"),
    pytest.param(b"MOVE:9,10\n", "E02 BAD_ID", id="bad-motor"),
])
def test_bad_serial_input_gets_documented_error_and_console_keeps_serving(stepper_node, data, expected):
    lines = stepper_node.serial_bytes(data)
    assert any(expected in l and l.startswith("CTRL:ERR") for l in lines), lines
    assert stepper_node.serial("GET SPEED")[-1].endswith("action=GET SPEED=4000 status=done")


def test_duplicate_cmd_id_replays_without_rerunning(stepper_node):
    first = stepper_node.mqtt({"cmd_id": "dup", "action": "MOVE", "params": {"target_ids": 3, "position_steps": 400}})
    stepper_node.advance(1000)
    first.append(stepper_node.responses()[-1])
    stepper_node.mqtt({"action": "MOVE", "params": {"target_ids": 3, "position_steps": 0}})
    stepper_node.advance(1000)
    mark = len(stepper_node.published("cmd/resp"))
    replay = stepper_node.mqtt({"cmd_id": "dup", "action": "MOVE", "params": {"target_ids": 3, "position_steps": 400}})
    stepper_node.advance(1000)
    assert replay == first
    assert [p.json() for p in stepper_node.published("cmd/resp")[mark:]] == first
    assert stepper_node.status()["motors"]["3"]["position"] == 0
