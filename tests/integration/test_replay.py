# `hilbench replay`: a recorded trace fed back to a simulated node, diffed protocol-aware; a trace
# replays with no difference, and one changed response is reported as exactly that difference.

import json
import subprocess

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
