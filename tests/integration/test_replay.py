# `hilbench replay`: a recorded trace fed back to a simulated node, diffed protocol-aware; a trace
# replays with no difference, and one changed response is reported as exactly that difference.

import json
import subprocess

import pytest

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


def hilbench(bin_path, *args):
    return subprocess.run([str(bin_path), *map(str, args)], capture_output=True, text=True, timeout=120)


def record(bin_path, scenario, trace, *extra):
    result = hilbench(bin_path, "run", REPO / "scenarios" / scenario, "--record", trace, *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return trace


def change_first(trace, out, predicate, change):
    """Copies a trace, changing the first output line that predicate() accepts."""
    lines = trace.read_text().splitlines()
    for i, line in enumerate(lines[1:], start=1):
        entry = json.loads(line)
        if entry["dir"] == "out" and predicate(entry):
            entry["payload"] = change(entry["payload"])
            lines[i] = json.dumps(entry, separators=(",", ":"), ensure_ascii=False)
            break
    else:
        raise AssertionError("nothing to change")
    out.write_text("\n".join(lines) + "\n")
    return out


@pytest.fixture(scope="module")
def help_trace(hilbench_bin, tmp_path_factory):
    return record(hilbench_bin, "stepper_help.yaml", tmp_path_factory.mktemp("help") / "help.jsonl")


def test_a_recorded_run_replays_with_no_difference(hilbench_bin, tmp_path):
    trace = record(hilbench_bin, "stepper_home.yaml", tmp_path / "home.jsonl")
    result = hilbench(hilbench_bin, "replay", trace)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("no differences")


def test_an_mqtt_response_changed_by_one_is_exactly_the_difference(hilbench_bin, tmp_path):
    trace = record(hilbench_bin, "stepper_move_mqtt.yaml", tmp_path / "move.jsonl")

    def bump(payload):
        doc = json.loads(payload)
        doc["result"]["est_ms"] += 1
        return json.dumps(doc, separators=(",", ":"))

    changed = change_first(trace, tmp_path / "changed.jsonl",
                           lambda e: e.get("topic", "").endswith("/cmd/resp") and '"est_ms"' in e["payload"], bump)
    result = hilbench(hilbench_bin, "replay", changed)
    assert result.returncode == 1
    assert result.stdout.count("\n@ ") + result.stdout.startswith("@ ") == 1, result.stdout
    assert "cmd/resp" in result.stdout and "result.est_ms: expected 551, got 550" in result.stdout
    assert result.stdout.strip().endswith("1 differences")


def test_a_console_line_changed_by_one_is_exactly_the_difference(hilbench_bin, tmp_path):
    trace = record(hilbench_bin, "stepper_move_serial.yaml", tmp_path / "move.jsonl")
    changed = change_first(trace, tmp_path / "changed.jsonl", lambda e: "est_ms=550" in e["payload"],
                           lambda p: p.replace("est_ms=550", "est_ms=551"))
    result = hilbench(hilbench_bin, "replay", changed)
    assert result.returncode == 1
    assert "est_ms: expected 551, got 550" in result.stdout
    assert result.stdout.strip().endswith("1 differences")


def test_a_trace_recorded_from_a_sim_process_replays_with_no_difference(hilbench_bin, procs, tmp_path):
    broker = procs.start("broker", name="broker")
    sim = procs.start("sim", "stepper", "--node-id", "24a1601b2c3d", "--broker", broker.info["url"],
                      "--serial", "pty", "--time-scale", "10", name="sim")
    target = tmp_path / "target.yaml"
    target.write_text(f"devices:\n  node: {{serial: {sim.info['serial']}, mqtt: {broker.info['url']}}}\n")
    trace = record(hilbench_bin, "stepper_move_mqtt.yaml", tmp_path / "process.jsonl",
                   "--target", target, "--time-scale", "10")
    assert '"clock":"real"' in trace.read_text().splitlines()[0]
    result = hilbench(hilbench_bin, "replay", trace)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("no differences")


def test_a_malformed_trace_is_refused_with_its_line(hilbench_bin, tmp_path):
    trace = record(hilbench_bin, "stepper_help.yaml", tmp_path / "help.jsonl")
    lines = trace.read_text().splitlines()
    lines[3] = '{"t_us":"soon"}'
    trace.write_text("\n".join(lines) + "\n")
    result = hilbench(hilbench_bin, "replay", trace)
    assert result.returncode == 2
    assert "help.jsonl:4:1: 't_us' must be an integer" in result.stderr


def test_a_climate_trace_replays_device_to_device_traffic_without_feeding_it_twice(hilbench_bin, tmp_path):
    trace = record(hilbench_bin, "climate_ha_commands.yaml", tmp_path / "climate.jsonl")
    entries = [json.loads(line) for line in trace.read_text().splitlines()[1:]]
    # The bridge's frame reaches the blaster over the in-process broker: an input marked with its sender.
    assert any(e["device"] == "blaster" and e["dir"] == "in" and e.get("from") == "ac" for e in entries)
    result = hilbench(hilbench_bin, "replay", trace)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("no differences")

    def warmer(payload):
        doc = json.loads(payload)
        doc["settings"]["temperature"] += 1
        return json.dumps(doc, separators=(",", ":"))

    changed = change_first(trace, tmp_path / "changed.jsonl", lambda e: e["link"] == "ir", warmer)
    result = hilbench(hilbench_bin, "replay", changed)
    assert result.returncode == 1
    assert "settings.temperature: expected 25, got 24" in result.stdout, result.stdout


BAD_HEADERS = [
    ({"seed": "one"}, "'seed' must be a whole number from 0 to 2^64-1, got \"one\""),
    ({"seed": -1}, "'seed' must be a whole number from 0 to 2^64-1, got -1"),
    ({"version": "1"}, "'version' must be 1, got \"1\""),
    ({"clock": 5}, "'clock' must be virtual, paced or real, got 5"),
    ({"clock": "sundial"}, "'clock' must be virtual, paced or real, got \"sundial\""),
    ({"scenario": ["x"]}, "'scenario' must be a string"),
    ({"devices": {"node": {}}}, "'devices' must be a list"),
    ({"devices": [5]}, "'devices[0]' must be an object, got 5"),
    ({"devices": [{"name": 7, "kind": "stepper"}]}, "'devices[0].name' must be a non-empty string"),
    ({"devices": [{"name": "node", "kind": 3}]}, "'devices[0].kind' must be a string"),
    ({"devices": [{"name": "node", "kind": "stepper", "node_id": 42}]},
     "'devices[0].node_id' must be text, got 42"),
]


@pytest.mark.parametrize("change,error", BAD_HEADERS, ids=[e for _, e in BAD_HEADERS])
def test_a_trace_header_field_of_the_wrong_type_is_refused_naming_it(hilbench_bin, tmp_path, help_trace, change, error):
    assert_refused_with_one_line_changed(hilbench_bin, help_trace, tmp_path / "bad.jsonl", 0, change, error)


def assert_refused_with_one_line_changed(hilbench_bin, trace, changed, index, change, error):
    lines = trace.read_text().splitlines()
    lines[index] = json.dumps({**json.loads(lines[index]), **change})
    changed.write_text("\n".join(lines) + "\n")
    result = hilbench(hilbench_bin, "replay", changed)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{changed.name}:{index + 1}:1: {error}" in result.stderr


BAD_LINES = [
    ({"lost": "yes"}, "'lost' must be true or false"),
    ({"t_us": -1}, "'t_us' must be from 0 to 31622400000000 (366 days)"),
    ({"t_us": 2**63 - 1}, "'t_us' must be from 0 to 31622400000000 (366 days)"),
    ({"t_us": 2**64 - 1}, "'t_us' must be from 0 to 31622400000000 (366 days)"),
    ({"from": 1}, "'from' must be a string"),
]


@pytest.mark.parametrize("change,error", BAD_LINES, ids=[e for _, e in BAD_LINES])
def test_a_trace_line_field_of_the_wrong_type_is_refused_naming_it(hilbench_bin, tmp_path, help_trace, change, error):
    assert_refused_with_one_line_changed(hilbench_bin, help_trace, tmp_path / "bad.jsonl", 2, change, error)


def test_a_trace_whose_times_go_backwards_is_refused(hilbench_bin, tmp_path, help_trace):
    lines = help_trace.read_text().splitlines()
    later, earlier = json.loads(lines[1]), json.loads(lines[2])
    later["t_us"], earlier["t_us"] = 5000, 4000
    lines[1], lines[2] = json.dumps(later), json.dumps(earlier)
    trace = tmp_path / "bad.jsonl"
    trace.write_text("\n".join(lines) + "\n")
    result = hilbench(hilbench_bin, "replay", trace)
    assert result.returncode == 2
    assert "bad.jsonl:3:1: 't_us' goes backwards: 4000 after 5000" in result.stderr
