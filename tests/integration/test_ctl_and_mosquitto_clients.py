# `hilbench ctl` over MQTT and over the PTY (output, exit codes, stdin mode, no cmd_id sent), and mosquitto_pub/mosquitto_sub against the sim.

import json
import queue
import re
import shutil
import subprocess
import threading
import uuid

import pytest

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
RUN_TIMEOUT = 30  # bounds a hang of a client process; never a timing assertion


def run_ctl(hilbench_bin, *args, input=None):
    return subprocess.run([str(hilbench_bin), "ctl", *args], input=input, capture_output=True,
                          text=True, timeout=RUN_TIMEOUT)


def mqtt_args(node):
    return ["--broker", node.broker_url, "--node", node.node_id]


def test_ctl_mqtt_move_prints_ack_then_done_and_exits_0(hilbench_bin, sim_node):
    res = run_ctl(hilbench_bin, *mqtt_args(sim_node), "MOVE:0,1200", "SET SPEED=5000")
    assert res.returncode == 0, res
    lines = res.stdout.splitlines()
    assert re.fullmatch(rf"\[ACK\] cmd_id=({UUID}) action=MOVE est_ms=550", lines[0]), lines
    cmd_id = lines[0].split()[1]
    assert re.fullmatch(rf"\[DONE\] {cmd_id} action=MOVE actual_ms=\d+", lines[1]), lines
    assert re.fullmatch(rf"\[DONE\] cmd_id={UUID} action=SET SPEED=5000", lines[2]), lines
    assert len(lines) == 3


def test_ctl_mqtt_out_of_range_move_prints_err_e07_and_exits_1(hilbench_bin, shared_sim_node):
    res = run_ctl(hilbench_bin, *mqtt_args(shared_sim_node), "MOVE:0,5000")
    assert res.returncode == 1, res
    assert re.match(rf"\[ERR\] cmd_id={UUID} action=MOVE E07 POS_OUT_OF_RANGE", res.stdout), res.stdout


def test_ctl_stdin_mode_runs_each_line(hilbench_bin, shared_sim_node):
    res = run_ctl(hilbench_bin, *mqtt_args(shared_sim_node), input="MOVE:7,100\nGET SPEED\n")
    assert res.returncode == 0, res
    lines = res.stdout.splitlines()
    assert lines[0].startswith("[ACK]") and "action=MOVE" in lines[0], lines
    assert lines[1].startswith("[DONE]") and "action=MOVE" in lines[1], lines
    assert lines[2].startswith("[DONE]") and lines[2].endswith("action=GET SPEED=4000"), lines
    run_ctl(hilbench_bin, *mqtt_args(shared_sim_node), "MOVE:7,0")  # leave the shared node as found


def test_ctl_without_a_target_is_a_usage_error_exit_2(hilbench_bin):
    res = run_ctl(hilbench_bin, "HELP")
    assert res.returncode == 2, res
    assert res.stderr.strip()


def test_ctl_with_an_unknown_option_is_a_usage_error_exit_2(hilbench_bin, broker):
    res = run_ctl(hilbench_bin, "--broker", broker.url, "--node", "x", "--frobnicate", "HELP")
    assert res.returncode == 2, res


def test_ctl_exits_3_when_no_node_answers(hilbench_bin, broker):
    res = run_ctl(hilbench_bin, "--broker", broker.url, "--node", "nobody" + uuid.uuid4().hex[:6],
                  "--timeout", "1", "GET SPEED")
    assert res.returncode == 3, res


def test_ctl_exits_3_when_the_broker_is_unreachable(hilbench_bin, private_broker):
    url = private_broker.url
    private_broker.proc.stop()
    res = run_ctl(hilbench_bin, "--broker", url, "--node", "abc", "--timeout", "1", "GET SPEED")
    assert res.returncode == 3, res


def test_ctl_never_puts_a_cmd_id_in_what_it_publishes(hilbench_bin, shared_sim_node, mqtt_probe):
    spy = mqtt_probe()
    cmd_topic = f"devices/{shared_sim_node.node_id}/cmd"
    spy.subscribe(cmd_topic)
    start = spy.mark()
    res = run_ctl(hilbench_bin, *mqtt_args(shared_sim_node), "GET SPEED", "move:6,0", "NET:STATUS")
    assert res.returncode == 0, res
    # ctl may have its last answer before the broker has passed its last command on to the spy.
    spy.wait_for(lambda m: m.topic == cmd_topic and m.json().get("action") == "NET:STATUS", start=start,
                 what="the third command")
    sent = [m.json() for m in spy.on_topic(cmd_topic, start=start)]
    assert len(sent) == 3, sent
    for env in sent:
        assert "cmd_id" not in env, env
    assert sent[0] == {"action": "GET", "params": {"resource": "SPEED"}} or (
        sent[0]["action"] == "GET" and sent[0]["params"]["resource"].upper() == "SPEED"), sent[0]
    assert sent[1]["action"].upper() == "MOVE"
    assert sent[1]["params"] == {"target_ids": 6, "position_steps": 0}
    assert sent[2]["action"] == "NET:STATUS"


def test_ctl_serial_move_prints_ack_and_done_and_exits_0(hilbench_bin, start_sim):
    node = start_sim("--no-mqtt", "--time-scale", "10", broker_url=False)
    res = run_ctl(hilbench_bin, "--serial", node.serial, "MOVE:0,0", "MOVE:1,1200", "GET SPEED")
    assert res.returncode == 0, res
    lines = [l for l in res.stdout.splitlines() if not l.startswith("CTRL:INFO")]
    assert any(re.match(r"\[ACK\] .*est_ms=550", l) for l in lines), lines
    assert any(l.startswith("[DONE]") and "action=MOVE" in l for l in lines), lines
    assert lines[-1].startswith("[DONE]") and "SPEED=4000" in lines[-1], lines


def test_ctl_serial_error_exits_1(hilbench_bin, start_sim):
    node = start_sim("--no-mqtt", "--time-scale", "10", broker_url=False)
    res = run_ctl(hilbench_bin, "--serial", node.serial, "MOVE:0,5000")
    assert res.returncode == 1, res
    assert "[ERR]" in res.stdout and "E07" in res.stdout, res.stdout


def test_ctl_serial_on_a_missing_tty_exits_3(hilbench_bin, tmp_path):
    res = run_ctl(hilbench_bin, "--serial", str(tmp_path / "no-such-tty"), "--timeout", "1", "HELP")
    assert res.returncode == 3, res


def line_queue(stream):
    """Lines of a child's stdout through a thread, so the test can wait on them with a deadline."""
    q = queue.Queue()

    def pump():
        for line in iter(stream.readline, ""):
            q.put(line)
        q.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return q


needs_mosquitto_clients = pytest.mark.skipif(
    not (shutil.which("mosquitto_pub") and shutil.which("mosquitto_sub")),
    reason="mosquitto-clients not installed")


@needs_mosquitto_clients
def test_mosquitto_pub_command_gets_ack_and_done_seen_by_mosquitto_sub(shared_sim_node, broker):
    cmd_id = str(uuid.uuid4())
    resp_topic = f"devices/{shared_sim_node.node_id}/cmd/resp"
    sub = subprocess.Popen(
        ["mosquitto_sub", "-h", "127.0.0.1", "-p", str(broker.port), "-t", resp_topic, "-q", "1",
         "-v", "-W", "15"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # Subscribe first: a probe message tells us mosquitto_sub is listening.
        lines = line_queue(sub.stdout)
        ready_payload = json.dumps({"probe": cmd_id})
        for _ in range(50):
            subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(broker.port), "-t", resp_topic,
                            "-q", "1", "-m", ready_payload], check=True, timeout=RUN_TIMEOUT)
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                continue
            assert line is not None, "mosquitto_sub exited"
            if ready_payload in line:
                break
        else:
            pytest.fail("mosquitto_sub never received the probe message")
        envelope = {"cmd_id": cmd_id, "action": "MOVE", "params": {"target_ids": 4, "position_steps": 80}}
        subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(broker.port),
                        "-t", f"devices/{shared_sim_node.node_id}/cmd", "-q", "1",
                        "-m", json.dumps(envelope)], check=True, timeout=RUN_TIMEOUT)
        got = []
        while len(got) < 2:
            line = lines.get(timeout=RUN_TIMEOUT)
            assert line, f"mosquitto_sub ended (-W) before ack+done: {got}"
            topic, _, payload = line.rstrip("\n").partition(" ")
            assert topic == resp_topic
            doc = json.loads(payload)
            if doc.get("cmd_id") == cmd_id:
                got.append(doc)
    finally:
        sub.terminate()
        sub.wait(timeout=5)
    assert [d["status"] for d in got] == ["ack", "done"]
    assert got[0]["result"]["est_ms"] > 0 and "actual_ms" in got[1]["result"]
    # put motor 4 back for the other users of the shared node
    subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(broker.port),
                    "-t", f"devices/{shared_sim_node.node_id}/cmd", "-q", "1",
                    "-m", json.dumps({"action": "MOVE", "params": {"target_ids": 4, "position_steps": 0}})],
                   check=True, timeout=RUN_TIMEOUT)


@needs_mosquitto_clients
def test_mosquitto_sub_reads_the_retained_config(shared_sim_node, broker):
    res = subprocess.run(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(broker.port),
                          "-t", f"devices/{shared_sim_node.node_id}/config", "-C", "1", "-W", "10"],
                         capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert res.returncode == 0, res
    cfg = json.loads(res.stdout)
    assert cfg["speed"] == 4000 and cfg["microstep"] == "FULL"
