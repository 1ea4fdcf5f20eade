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
