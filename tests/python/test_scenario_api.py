# The scenario runner from Python (run_scenario, Bench) and `hilbench run`'s exit codes and reports.

import subprocess
import xml.etree.ElementTree as ET

import pytest

import hilbench

SCENARIO = """name: move
devices: [{name: node, kind: stepper}]
steps:
  - advance: 2000
  - send: {serial: "MOVE:0,1200"}
  - expect: {serial: 'CTRL:ACK msg_id=(\\S+) est_ms=550', timeout_ms: 0, capture: {id: 1}}
  - expect: {serial: 'CTRL:DONE cmd_id=${id} action=MOVE actual_ms=550', timeout_ms: 550}
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_run_scenario_passes_and_returns_its_trace(tmp_path):
    result = hilbench.run_scenario(write(tmp_path, "move.yaml", SCENARIO), seed=3)
    assert result.passed, result.explain()
    assert result.steps_run == 4 and result.virtual_ms == 2550
    trace = result.trace()
    assert trace[0]["format"] == "hilbench-trace" and trace[0]["seed"] == 3
    assert any(e["dir"] == "in" and e["payload"] == "MOVE:0,1200" for e in trace[1:])


def test_run_scenario_failure_explains_where_and_what_was_seen(tmp_path):
    result = hilbench.run_scenario(write(tmp_path, "bad.yaml", SCENARIO.replace("est_ms=550'", "est_ms=551'")))
    assert not result.passed
    assert result.failure["where"].endswith("bad.yaml:6:5")
    assert "est_ms=550" in result.explain()


def test_run_scenario_refuses_a_malformed_file_with_its_location(tmp_path):
    with pytest.raises(hilbench.ScenarioError, match=r"bad\.yaml:3:5: missing required key 'kind'"):
        hilbench.run_scenario(write(tmp_path, "bad.yaml", "name: x\ndevices:\n  - {name: n, kidn: stepper}\nsteps: []\n"))


def test_bench_expect_returns_the_matched_message_and_raises_on_timeout():
    bench = hilbench.Bench(seed=1)
    bench.add_stepper("node", node_id="00aa00aa00aa")
    bench.advance(2000)
    bench.send("node", serial="MOVE:0,1200")
    ack = bench.expect("node", serial=r"est_ms=(\d+)", timeout_ms=0)
    assert ack.groups[1] == "550" and ack.time_ms == 2000
    bench.send("node", mqtt={"cmd_id": "g1", "action": "GET", "params": {"resource": "SPEED"}})
    reply = bench.expect("node", mqtt={"cmd_id": "g1"})
    assert reply.topic == "devices/00aa00aa00aa/cmd/resp" and reply.json()["result"] == {"SPEED": 4000}
    with pytest.raises(AssertionError, match="no match within 10 ms"):
        bench.expect("node", serial="never", timeout_ms=10)
    bench.expect_none("node", serial="CTRL:ERR", for_ms=100)


def test_bench_fixture_and_a_broker_outage(bench):
    bench.add_stepper("node")
    bench.send("node", mqtt={"cmd_id": "m1", "action": "MOVE", "params": {"target_ids": 0, "position_steps": 1200}})
    bench.expect("node", mqtt={"cmd_id": "m1", "status": "ack"})
    bench.fault("broker_outage", for_ms=2000)
    done = bench.expect("node", mqtt={"cmd_id": "m1", "status": "done"}, timeout_ms=3000)
    assert done.time_ms >= 2000  # held while the broker was away, published on reconnection


def test_hilbench_run_exit_codes_and_reports(tmp_path, hilbench_bin):
    good = write(tmp_path, "good.yaml", SCENARIO)
    bad = write(tmp_path, "failing.yaml", SCENARIO.replace("est_ms=550'", "est_ms=551'"))
    broken = write(tmp_path, "broken.yaml", "name: [")
    run = lambda *args: subprocess.run([str(hilbench_bin), "run", *map(str, args)], capture_output=True, text=True,
                                       timeout=60)
    ok = run(good)
    assert ok.returncode == 0 and ok.stdout.strip().endswith("1 passed, 0 failed")
    junit, html = tmp_path / "r" / "junit.xml", tmp_path / "r" / "report.html"
    failing = run(good, bad, "--junit", junit, "--html", html)
    assert failing.returncode == 1 and "failing.yaml:6:5" in failing.stdout
    suite = ET.parse(junit).getroot()
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    assert "<svg" in html.read_text()
    unreadable = run(broken)
    assert unreadable.returncode == 2 and "broken.yaml:1:" in unreadable.stderr
