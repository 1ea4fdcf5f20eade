# Every command of the stepper schema over MQTT (paho-mqtt) against a `hilbench sim stepper` process, plus telemetry, retained config, duplicates, bad input and the last will.

import json
import uuid

import pytest

from stepper_math import est_ms

HELP_LINES = [
    "HELP",
    "MOVE:<id|ALL>,<abs_steps>",
    "HOME:<id|ALL>[,<overshoot>][,<backoff>][,<full_range>]",
    "NET:RESET",
    "NET:STATUS",
    "NET:SET,\"<ssid>\",\"<pass>\" (quote to allow commas/spaces; escape \\\" and \\\\)",
    "NET:LIST (scan nearby SSIDs; AP mode only)",
    "MQTT:GET_CONFIG",
    "MQTT:SET_CONFIG host=<host> port=<port> user=<user> pass=\"<pass>\"",
    "MQTT:SET_CONFIG RESET",
    "STATUS",
    "GET",
    "GET ALL",
    "GET LAST_OP_TIMING[:<id|ALL>]",
    "GET SPEED",
    "GET ACCEL",
    "GET DECEL",
    "GET THERMAL_LIMITING",
    "SET THERMAL_LIMITING=OFF|ON",
    "SET SPEED=<steps_per_second>",
    "SET ACCEL=<steps_per_second^2>",
    "SET DECEL=<steps_per_second^2>",
    "WAKE:<id|ALL>",
    "SLEEP:<id|ALL>",
    "Shortcuts: M=MOVE, H=HOME, ST=STATUS",
    "Multicommand: <cmd1>;<cmd2> note: no cmd queuing; only distinct motors allowed",
]

DEFAULT_CONFIG = {"thermal_limiting": True, "max_budget_s": 90, "microstep": "FULL",
                  "microstep_mult": 1, "speed": 4000, "accel": 16000, "decel": 0}


def motor(status, mid):
    return status["motors"][str(mid)]


def error_codes(payload):
    return [e.get("code") for e in payload.get("errors", [])]


def test_move_sends_qos1_ack_with_estimate_then_done_on_cmd_resp(node_mqtt):
    sim, node = node_mqtt
    cmd_id = str(uuid.uuid4())
    msgs = node.command("MOVE", {"target_ids": 0, "position_steps": 1200}, cmd_id=cmd_id)
    assert [m.json()["status"] for m in msgs] == ["ack", "done"]
    ack, done = (m.json() for m in msgs)
    assert all(m.topic == f"devices/{sim.node_id}/cmd/resp" for m in msgs)
    assert all(m.qos == 1 for m in msgs), [m.qos for m in msgs]
    assert not any(m.retain for m in msgs)
    assert ack == {"cmd_id": cmd_id, "action": "MOVE", "status": "ack", "result": {"est_ms": 550}}
    assert done["cmd_id"] == cmd_id and done["action"] == "MOVE"
    assert abs(done["result"]["actual_ms"] - 550) <= 60, done
    status = node.wait_status(lambda s: motor(s, 0)["position"] == 1200 and not motor(s, 0)["moving"],
                              what="motor 0 at 1200 in telemetry")
    assert motor(status, 0)["est_ms"] == 550


def test_move_without_cmd_id_gets_one_allocated_and_echoed(node_mqtt):
    _, node = node_mqtt
    first = node.send_raw(json.dumps({"action": "MOVE", "params": {"target_ids": 1, "position_steps": 10}}))
    ack = first.json()
    assert ack["status"] == "ack" and ack["action"] == "MOVE"
    uuid.UUID(ack["cmd_id"])  # a real UUID
    done = node.responses_for(ack["cmd_id"], start=first.index + 1)[-1].json()
    assert done["status"] == "done"


def test_move_out_of_range_is_e07_without_ack(shared_node_mqtt):
    node = shared_node_mqtt
    msgs = node.command("MOVE", {"target_ids": 0, "position_steps": 1201})
    assert len(msgs) == 1
    err = msgs[0].json()
    assert err["status"] == "error" and error_codes(err) == ["E07"], err


def test_home_acks_estimate_then_done_and_motor_is_homed_at_zero(node_mqtt):
    _, node = node_mqtt
    node.ok("MOVE", {"target_ids": 2, "position_steps": 300})
    msgs = node.command("HOME", {"target_ids": 2, "overshoot_steps": 600, "backoff_steps": 150})
    ack, done = (m.json() for m in msgs)
    expected = est_ms(2400 + 600) + est_ms(150) + est_ms(1200)
    assert ack["status"] == "ack" and ack["action"] == "HOME"
    assert ack["result"] == {"est_ms": expected}
    assert done["status"] == "done" and abs(done["result"]["actual_ms"] - expected) <= 100, done
    status = node.wait_status(lambda s: motor(s, 2)["homed"], what="motor 2 homed")
    assert motor(status, 2)["position"] == 0
    assert motor(status, 2)["steps_since_home"] == 0


def test_wake_and_sleep_complete_without_ack_and_change_awake(node_mqtt):
    _, node = node_mqtt
    msgs = node.command("WAKE", {"target_ids": "ALL"})
    assert len(msgs) == 1
    assert msgs[0].json()["status"] == "done" and msgs[0].json()["action"] == "WAKE"
    node.wait_status(lambda s: all(m["awake"] for m in s["motors"].values()), what="all motors awake")
    msgs = node.command("SLEEP", {"target_ids": 0})
    assert len(msgs) == 1 and msgs[0].json()["status"] == "done"
    status = node.wait_status(lambda s: not motor(s, 0)["awake"], what="motor 0 asleep")
    assert motor(status, 1)["awake"]
    node.ok("SLEEP", {"target_ids": "ALL"})


def test_get_all_returns_the_documented_defaults(shared_node_mqtt):
    node = shared_node_mqtt
    done = node.ok("GET", {"resource": "ALL"})
    assert done["result"] == {"ACCEL": 16000, "DECEL": 0, "SPEED": 4000, "THERMAL_LIMITING": "ON",
                              "max_budget_s": 90, "free_heap_bytes": 51264}


@pytest.mark.parametrize("resource,expected", [
    ("speed", {"SPEED": 4000}),
    ("ACCEL", {"ACCEL": 16000}),
    ("decel", {"DECEL": 0}),
    ("THERMAL_LIMITING", {"THERMAL_LIMITING": "ON", "max_budget_s": 90}),
    ("MICROSTEP", {"MICROSTEP": "FULL"}),
])
def test_get_single_resource_case_insensitive(shared_node_mqtt, resource, expected):
    node = shared_node_mqtt
    assert node.ok("GET", {"resource": resource})["result"] == expected


def test_get_unknown_resource_is_e03(shared_node_mqtt):
    node = shared_node_mqtt
    err = node.command("GET", {"resource": "COLOUR"})[-1].json()
    assert err["status"] == "error" and error_codes(err) == ["E03"], err


def test_get_last_op_timing_reports_the_finished_move(node_mqtt):
    _, node = node_mqtt
    node.ok("MOVE", {"target_ids": 3, "position_steps": -600})
    one = node.ok("GET", {"resource": "LAST_OP_TIMING:3"})["result"]
    assert one["LAST_OP_TIMING"] == 1 and one["id"] == 3 and one["ongoing"] == 0
    assert one["est_ms"] == est_ms(600)
    assert "actual_ms" in one and "started_ms" in one
    every = node.ok("GET", {"resource": "LAST_OP_TIMING"})["result"]
    assert [m["id"] for m in every["motors"]] == list(range(8))
    assert every["motors"][3]["est_ms"] == est_ms(600)


def test_set_speed_is_applied_and_republished_as_retained_config(node_mqtt, mqtt_probe):
    sim, node = node_mqtt
    done = node.ok("SET", {"speed_sps": 5000})
    assert done["result"] == {"SPEED": 5000}
    assert node.ok("GET", {"resource": "SPEED"})["result"] == {"SPEED": 5000}
    late = mqtt_probe()
    late.subscribe(f"devices/{sim.node_id}/config")
    cfg = late.wait_for(lambda m: m.topic.endswith("/config"), what="retained config").json()
    assert cfg["speed"] == 5000


def test_set_microstep_requires_asleep_motors_then_reports_multiplier(node_mqtt):
    _, node = node_mqtt
    node.ok("WAKE", {"target_ids": 4})
    busy = node.command("SET", {"MICROSTEP": "1/16"})[-1].json()
    assert busy["status"] == "error" and error_codes(busy) == ["E04"], busy
    node.ok("SLEEP", {"target_ids": 4})
    done = node.ok("SET", {"MICROSTEP": "1/16"})
    assert done["result"] == {"MICROSTEP": "1/16", "multiplier": 16}
    assert node.ok("GET", {"resource": "MICROSTEP"})["result"] == {"MICROSTEP": "1/16"}
    bad = node.command("SET", {"MICROSTEP": "1/3"})[-1].json()
    assert bad["status"] == "error" and error_codes(bad) == ["E03"], bad


def test_net_status_reports_connected_to_testnet(shared_node_mqtt):
    node = shared_node_mqtt
    done = node.ok("NET:STATUS")
    assert done["action"] == "NET:STATUS"
    res = done["result"]
    assert res["sub_action"] == "STATUS" and res["state"] == "CONNECTED"
    assert res["ssid"] == '"TestNet"'
    assert isinstance(res["rssi"], int) and res["ip"]


def test_net_list_outside_ap_mode_is_net_scan_ap_only(shared_node_mqtt):
    node = shared_node_mqtt
    msgs = node.command("NET:LIST")
    assert len(msgs) == 1
    assert msgs[0].json()["errors"] == [{"code": "NET_SCAN_AP_ONLY"}]


def test_net_reset_acks_connecting_then_ap_active_and_net_list_scans(node_mqtt):
    _, node = node_mqtt
    ack, done = (m.json() for m in node.command("NET:RESET"))
    assert ack["status"] == "ack" and ack["result"] == {"sub_action": "RESET", "state": "CONNECTING"}
    assert done["status"] == "done"
    assert done["result"] == {"sub_action": "RESET", "state": "AP_ACTIVE", "ssid": '"DeviceAP"',
                              "ip": "192.168.4.1"}
    msgs = node.command("NET:LIST", until=("ack", "error"))
    scan = msgs[-1].json()
    assert scan["status"] == "ack", scan
    networks = scan["result"]["networks"]
    assert 1 <= len(networks) <= 12
    assert all({"ssid", "rssi", "secure", "channel"} <= set(n) for n in networks)
    # The node keeps answering in AP mode.
    assert node.ok("NET:STATUS")["result"]["state"] == "AP_ACTIVE"


def test_net_set_accepts_credentials_and_rejects_a_short_password(node_mqtt):
    _, node = node_mqtt
    short = node.command("NET:SET", {"ssid": "MyNet", "pass": "short"})[-1].json()
    assert short["status"] == "error"
    assert short["errors"][0]["code"] == "NET_BAD_PARAM"
    assert short["errors"][0].get("reason") == "PASS_TOO_SHORT"
    done = node.ok("NET:SET", {"ssid": "MyNet", "pass": "password123"})
    assert done["action"] == "NET:SET" and done["result"] == {"sub_action": "SET"}


def test_mqtt_get_set_config_and_reset_to_defaults(node_mqtt):
    _, node = node_mqtt
    defaults = node.ok("MQTT:GET_CONFIG")["result"]
    assert set(defaults) == {"host", "port", "user", "pass"}
    done = node.ok("MQTT:SET_CONFIG", {"host": "lab-broker.local", "port": 1884, "user": "lab",
                                       "pass": "newsecret"})
    expected = {"host": '"lab-broker.local"', "port": "1884", "user": '"lab"', "pass": '"newsecret"'}
    assert done["result"] == expected
    assert node.ok("MQTT:GET_CONFIG")["result"] == expected
    reset = node.ok("MQTT:SET_CONFIG", {"reset": True})
    assert reset["result"] == defaults
    assert node.ok("MQTT:GET_CONFIG")["result"] == defaults


@pytest.mark.parametrize("params,field,reason", [
    ({"port": 0}, "port", None),
    ({"port": 65536}, "port", None),
    ({"host": "DEFAULT"}, "host", "UNSUPPORTED_DEFAULT"),
    ({"colour": "red"}, "colour", "UNSUPPORTED_FIELD"),
])
def test_mqtt_set_config_rejects_bad_fields_with_mqtt_bad_param(shared_node_mqtt, params, field, reason):
    node = shared_node_mqtt
    err = node.command("MQTT:SET_CONFIG", params)[-1].json()
    assert err["status"] == "error", err
    assert err["errors"][0]["code"] == "MQTT_BAD_PARAM"
    assert err["errors"][0].get("field") == field
    if reason:
        assert err["errors"][0].get("reason") == reason


def test_help_returns_the_console_help_lines_in_one_done(shared_node_mqtt):
    node = shared_node_mqtt
    msgs = node.command("HELP")
    assert len(msgs) == 1
    done = msgs[0].json()
    assert done["status"] == "done" and done["result"]["lines"] == HELP_LINES


def test_status_action_is_unsupported_over_mqtt(shared_node_mqtt):
    node = shared_node_mqtt
    err = node.command("STATUS")[-1].json()
    assert err["status"] == "error" and err["action"] == "STATUS"
    assert error_codes(err) == ["MQTT_UNSUPPORTED_ACTION"]


def test_lower_case_action_is_normalised(shared_node_mqtt):
    node = shared_node_mqtt
    done = node.ok("get", {"resource": "speed"})
    assert done["action"] == "GET" and done["result"] == {"SPEED": 4000}


def test_duplicate_cmd_id_replays_cached_responses_verbatim_without_moving_again(node_mqtt):
    _, node = node_mqtt
    dup_id = str(uuid.uuid4())
    first = node.command("MOVE", {"target_ids": 5, "position_steps": 100}, cmd_id=dup_id)
    node.ok("MOVE", {"target_ids": 5, "position_steps": 0})
    before = node.wait_status(lambda s: motor(s, 5)["position"] == 0 and not motor(s, 5)["moving"],
                              what="motor 5 back at 0")
    replay = node.command("MOVE", {"target_ids": 5, "position_steps": 100}, cmd_id=dup_id)
    assert [m.payload for m in replay] == [m.payload for m in first]
    assert all(m.qos == 1 for m in replay)
    # The node still works, and motor 5 never went back to 100: its last operation is the move to 0.
    timing = node.ok("GET", {"resource": "LAST_OP_TIMING:5"})["result"]
    assert timing["started_ms"] == motor(before, 5)["started_ms"], timing
    assert timing["ongoing"] == 0 and timing["est_ms"] == est_ms(100)
    assert not any(motor(m.json(), 5)["moving"] or motor(m.json(), 5)["position"] != 0
                   for m in node.probe.on_topic(node.status_topic, start=replay[0].index))


def test_bad_json_is_mqtt_bad_payload_with_action_unknown_and_node_keeps_serving(shared_node_mqtt):
    node = shared_node_mqtt
    err = node.send_raw(b'{"action": "MOVE", ').json()
    assert err["status"] == "error" and err["action"] == "UNKNOWN"
    assert error_codes(err) == ["MQTT_BAD_PAYLOAD"]
    uuid.UUID(err["cmd_id"])
    assert node.ok("GET", {"resource": "SPEED"})["result"] == {"SPEED": 4000}


@pytest.mark.parametrize("payload,code,action", [
    pytest.param(json.dumps({"cmd_id": "x1"}), "MQTT_BAD_PAYLOAD", "UNKNOWN", id="no-action"),
    pytest.param(json.dumps({"action": 5}), "MQTT_BAD_PAYLOAD", "UNKNOWN", id="action-not-a-string"),
    pytest.param(b"\xff\xfe\xfd{}", "MQTT_BAD_PAYLOAD", "UNKNOWN", id="invalid-utf8"),
    pytest.param(b"", "MQTT_BAD_PAYLOAD", "UNKNOWN", id="empty"),
    pytest.param(b"null", "MQTT_BAD_PAYLOAD", "UNKNOWN", id="json-null"),
    pytest.param(json.dumps({"action": "GET", "params": {"resource": "A" * 100_000}}),
                 "MQTT_BAD_PAYLOAD", "UNKNOWN", id="100kB"),
    pytest.param(json.dumps({"action": "MOVE", "extra": 1, "params": {"target_ids": 0, "position_steps": 1}}),
                 "MQTT_BAD_PAYLOAD", "MOVE", id="unknown-envelope-field"),
    pytest.param(json.dumps({"action": "MOVE", "params": {"target_ids": 0, "position_steps": "ten"}}),
                 "MQTT_BAD_PARAM", "MOVE", id="wrong-type-param"),
    pytest.param(json.dumps({"action": "MOVE", "params": {"target_ids": 0, "position_steps": 1.5}}),
                 "MQTT_BAD_PARAM", "MOVE", id="float-steps"),
    pytest.param(json.dumps({"action": "MOVE", "params": [0, 10]}), "MQTT_BAD_PARAM", "MOVE",
                 id="params-not-an-object"),
    pytest.param(json.dumps({"action": "MOVE", "params": {"target_ids": 0, "position_steps": 1, "bogus": 2}}),
                 "MQTT_BAD_PARAM", "MOVE", id="unknown-param"),
    pytest.param(json.dumps({"action": "MOVE", "params": {"target_ids": 9, "position_steps": 1}}),
                 "E02", "MOVE", id="bad-motor-id"),
    pytest.param(json.dumps({"action": "FLY"}), "E01", "FLY", id="unknown-action"),
])
def test_bad_input_gets_documented_error_and_next_command_works(shared_node_mqtt, payload, code, action):
    node = shared_node_mqtt
    err = node.send_raw(payload).json()
    assert err["status"] == "error", err
    assert error_codes(err) == [code], err
    assert err["action"] == action, err
    assert node.ok("GET", {"resource": "SPEED"})["result"] == {"SPEED": 4000}


def test_status_telemetry_runs_at_about_5hz_while_moving(node_mqtt):
    _, node = node_mqtt
    node.ok("SET", {"speed_sps": 1000})  # a 1.26 s move
    expected = est_ms(1200, speed=1000)
    start = node.probe.mark()
    msgs = node.command("MOVE", {"target_ids": 6, "position_steps": 1200})
    ack_at, done_at = msgs[0].index, msgs[-1].index
    moving = [m.json() for m in node.probe.on_topic(node.status_topic, start=start)
              if ack_at <= m.index <= done_at and motor(m.json(), 6)["moving"]]
    # 5 Hz over ~1.26 s of device time is ~6 messages; 1 Hz would give 1 or 2.
    assert len(moving) >= 4, f"only {len(moving)} status messages while a {expected} ms move ran"
    assert len(moving) <= 5 * expected / 1000 * 3 + 5, f"{len(moving)} status messages: flooding"
    positions = [motor(s, 6)["position"] for s in moving]
    assert positions == sorted(positions) and len(set(positions)) > 1
    for s in moving:
        assert s["node_state"] == "ready"
        assert motor(s, 6)["awake"]
    node.wait_status(lambda s: not motor(s, 6)["moving"] and motor(s, 6)["position"] == 1200,
                     start=start, what="motor 6 stopped at 1200")


STATUS_MOTOR_KEYS = {"id", "position", "moving", "awake", "homed", "steps_since_home", "budget_s",
                     "ttfc_s", "speed", "accel", "est_ms", "started_ms"}


def test_status_payload_has_every_documented_field_and_is_qos0_not_retained(node_mqtt):
    _, node = node_mqtt
    start = node.probe.mark()
    node.ok("MOVE", {"target_ids": 0, "position_steps": 50})
    msg = node.probe.wait_for(
        lambda m: m.topic == node.status_topic and not motor(m.json(), 0)["moving"]
        and motor(m.json(), 0)["position"] == 50, start=start, what="telemetry after the move")
    assert msg.qos == 0 and not msg.retain
    status = msg.json()
    assert set(status) == {"node_state", "ip", "motors"}
    assert status["node_state"] == "ready" and status["ip"]
    assert sorted(status["motors"]) == [str(i) for i in range(8)]
    for mid, m in status["motors"].items():
        assert STATUS_MOTOR_KEYS <= set(m), (mid, m)
        assert m["id"] == int(mid)
    assert "actual_ms" in motor(status, 0)


def test_late_subscriber_gets_the_retained_config(sim_node, mqtt_probe):
    late = mqtt_probe()
    late.subscribe(f"devices/{sim_node.node_id}/config")
    msg = late.wait_for(lambda m: m.topic == f"devices/{sim_node.node_id}/config", what="retained config")
    assert msg.retain
    assert msg.json() == DEFAULT_CONFIG


def test_sigkill_of_the_sim_delivers_the_offline_last_will(node_mqtt):
    sim, node = node_mqtt
    start = node.probe.mark()
    sim.proc.kill()
    will = node.probe.wait_for(
        lambda m: m.topic == node.status_topic and m.json().get("node_state") == "offline",
        timeout=15, start=start, what="the last will")
    assert will.json() == {"node_state": "offline", "motors": {}}
