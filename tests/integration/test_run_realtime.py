# `hilbench run --realtime`: in-process simulations held to the wall clock give the same trace as a
# virtual-time run, and take at least the scenario's device time divided by the scale.

import json
import subprocess
import time

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]
SCENARIO = REPO / "scenarios" / "stepper_home.yaml"  # about 11.8 s of device time


def run(hilbench_bin, *args):
    return subprocess.run([str(hilbench_bin), "run", *map(str, args)], capture_output=True, text=True, timeout=120)


def test_a_paced_run_records_the_virtual_trace_at_the_wall_clock_pace(hilbench_bin, tmp_path):
    paced, virtual = tmp_path / "paced.jsonl", tmp_path / "virtual.jsonl"
    started = time.monotonic()
    result = run(hilbench_bin, SCENARIO, "--realtime", "--time-scale", "20", "--record", paced)
    wall_s = time.monotonic() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert run(hilbench_bin, SCENARIO, "--record", virtual).returncode == 0

    paced_lines, virtual_lines = paced.read_text().splitlines(), virtual.read_text().splitlines()
    assert json.loads(paced_lines[0])["clock"] == "paced"
    assert json.loads(virtual_lines[0])["clock"] == "virtual"
    assert paced_lines[1:] == virtual_lines[1:]
    device_s = json.loads(paced_lines[-1])["t_us"] / 1e6
    assert wall_s >= device_s / 20, "each event waited for its wall instant"


def test_time_scale_without_realtime_or_target_is_refused(hilbench_bin):
    result = run(hilbench_bin, SCENARIO, "--time-scale", "5")
    assert result.returncode == 2
    assert "--time-scale goes with --realtime or --target" in result.stderr


def test_a_paced_trace_replays_with_no_difference(hilbench_bin, tmp_path):
    trace = tmp_path / "paced.jsonl"
    assert run(hilbench_bin, SCENARIO, "--realtime", "--time-scale", "50", "--record", trace).returncode == 0
    result = subprocess.run([str(hilbench_bin), "replay", str(trace)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
