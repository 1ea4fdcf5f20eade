# `hilbench record`: a live session recorded passively (commands from mosquitto_pub, a node's
# answers, its console) names its device from the topics and replays with no difference.

import json
import signal
import subprocess

from clients import MqttProbe


def test_a_passive_recording_names_the_node_and_replays_clean(hilbench_bin, procs, tmp_path):
    broker = procs.start("broker", name="broker")
    node = "0abc0abc0abc"
    sim = procs.start("sim", "stepper", "--node-id", node, "--broker", broker.info["url"], "--serial", "pty",
                      name="sim")
    sim.wait_for_log("NET:CONNECTED", 10)
    probe = MqttProbe("127.0.0.1", broker.info["port"])  # to know when the last answer is out
    probe.subscribe(f"devices/{node}/cmd/resp")
    trace = tmp_path / "session.jsonl"
    recorder = procs.start("record", "--broker", broker.info["url"], "--serial", f"{sim.info['serial']}@{node}",
                           "--out", trace, name="record")
    for cmd_id, action, params in [("r1", "MOVE", {"target_ids": 0, "position_steps": 1200}),
                                   ("r2", "GET", {"resource": "SPEED"}),
                                   ("r3", "HOME", {"target_ids": 1})]:
        body = json.dumps({"cmd_id": cmd_id, "action": action, "params": params})
        subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(broker.info["port"]), "-q", "1",
                        "-t", f"devices/{node}/cmd", "-m", body], check=True, timeout=10)
    # HOME takes 1.8 s: its DONE must be in the recording before it stops.
    probe.wait_for(lambda m: m.json().get("cmd_id") == "r3" and m.json().get("status") == "done", timeout=10,
                   what="HOME's DONE")
    probe.close()
    done = recorder.popen
    done.send_signal(signal.SIGTERM)
    assert done.wait(timeout=10) == 0

    lines = [json.loads(line) for line in trace.read_text().splitlines()]
    header, entries = lines[0], lines[1:]
    assert header["clock"] == "real"
    assert header["devices"] == [{"name": node, "kind": "stepper", "node_id": node}]
    inputs = [e for e in entries if e["dir"] == "in"]
    assert [json.loads(e["payload"])["cmd_id"] for e in inputs] == ["r1", "r2", "r3"]
    assert any(e["link"] == "serial" and e["payload"].startswith("CTRL:READY") for e in entries)

    replay = subprocess.run([str(hilbench_bin), "replay", str(trace)], capture_output=True, text=True, timeout=60)
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert replay.stdout.strip().endswith("no differences")


def test_a_climate_session_is_recorded_as_its_families_tell(procs, tmp_path):
    """Home Assistant's command, the bridge's frame to the blaster and what the blaster emitted: each
    device named from its family's topics, commands as its inputs, the emitted frame on its ir link."""
    broker = procs.start("broker", name="broker")
    url, port = broker.info["url"], broker.info["port"]
    procs.start("sim", "ir_blaster", "--name", "ir_blaster_01", "--broker", url, name="blaster")
    procs.start("hvac", "--broker", url, "--device", "living_room", "--blaster", "ir_blaster_01", name="hvac")
    probe = MqttProbe("127.0.0.1", port)
    probe.subscribe("hilbench/ir/ir_blaster_01/emitted")
    trace = tmp_path / "climate.jsonl"
    recorder = procs.start("record", "--broker", url, "--out", trace, name="record")
    subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(port), "-q", "1", "-t",
                    "homeassistant/climate/living_room/set", "-m", '{"mode":"cool","temperature":21}'],
                   check=True, timeout=10)
    probe.wait_for(lambda m: m.json().get("settings", {}).get("temperature") == 21, timeout=10, what="the frame")
    probe.close()
    recorder.popen.send_signal(signal.SIGTERM)
    assert recorder.popen.wait(timeout=10) == 0

    header, *entries = [json.loads(line) for line in trace.read_text().splitlines()]
    assert header["devices"] == [{"name": "ir_blaster_01", "kind": "ir_blaster", "zigbee_name": "ir_blaster_01"},
                                 {"name": "living_room", "kind": "hvac", "device_id": "living_room"}]
    inputs = [(e["device"], e["topic"]) for e in entries if e["dir"] == "in"]
    assert ("living_room", "homeassistant/climate/living_room/set") in inputs
    assert ("ir_blaster_01", "zigbee2mqtt/ir_blaster_01/set") in inputs
    frames = [json.loads(e["payload"]) for e in entries if e["device"] == "ir_blaster_01" and e["link"] == "ir"]
    assert frames and frames[-1]["settings"]["mode"] == "cool"


def test_a_supervisor_uart_is_told_by_its_json_lines_and_a_kind_can_be_named(procs, tmp_path):
    mcu = procs.start("sim", "mcu", "--serial", "pty", "--no-stdin", name="mcu")
    trace = tmp_path / "uart.jsonl"
    recorder = procs.start("record", "--serial", f"{mcu.info['serial']}@board", "--duration", "2.5", "--out", trace,
                           name="record")
    assert recorder.popen.wait(timeout=15) == 0
    header, *entries = [json.loads(line) for line in trace.read_text().splitlines()]
    assert header["devices"] == [{"name": "board", "kind": "mcu"}]
    assert entries and all(e["link"] == "serial" and e["payload"].startswith("{") for e in entries)

    unknown = procs.start("record", "--serial", f"{mcu.info['serial']}@board:servo", "--out", trace, name="bad",
                          wait_ready=False)
    assert unknown.popen.wait(timeout=10) == 2
    assert "unknown device kind 'servo'" in unknown.log_text()
