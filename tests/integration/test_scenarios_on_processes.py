# The same scenario files run unchanged against `hilbench sim stepper` processes, reached through a
# real broker and a PTY named in a target file (`hilbench run --target`), on the wall clock.

import os
import subprocess

import pytest

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]
# Device time runs 10x faster in the sim and in the runner, so this stays quick; 2x under the
# sanitizers (tools/sanitizers/run.sh sets HILBENCH_SANITIZERS), whose processes answer slower
# than a scenario's 300 ms of device time, 30 ms of wall time at 10x.
SANITIZED = bool(os.environ.get("HILBENCH_SANITIZERS"))
SCALE = "2" if SANITIZED else "10"

# Scenarios that hold no absolute device times and use no faults or set steps (which need a
# simulated device). The others pin what only a fresh simulation shows: the boot timeline, a
# position mid-move, the forced sleep to the millisecond (see scenarios/README.md).
PORTABLE = [
    "stepper_batch.yaml",
    "stepper_console_overflow.yaml",
    "stepper_duplicates.yaml",
    "stepper_get.yaml",
    "stepper_help.yaml",
    "stepper_home.yaml",
    "stepper_move_mqtt.yaml",
    "stepper_move_serial.yaml",
    "stepper_mqtt_bad_payload.yaml",
    "stepper_mqtt_config.yaml",
    "stepper_set.yaml",
    # Asleep, a motor's budget grows a whole second in 0.67 s of device time (67 ms of wall time at
    # 10x): the E11 it pins after SLEEP holds while the steps between take less, which the
    # sanitized processes do not promise even at 2x.
    pytest.param("stepper_thermal_errors.yaml",
                 marks=pytest.mark.skipif(SANITIZED, reason="pins a step latency the sanitizers slow")),
    "stepper_thermal_limiting_off.yaml",
    "stepper_wake_sleep.yaml",
]


def run(hilbench_bin, *args):
    return subprocess.run([str(hilbench_bin), "run", *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.fixture
def target(procs, tmp_path):
    """A fresh broker and sim process (the node id the scenarios use) and a target file naming them."""
    broker = procs.start("broker", name="broker")
    sim = procs.start("sim", "stepper", "--node-id", "24a1601b2c3d", "--broker", broker.info["url"],
                      "--serial", "pty", "--time-scale", SCALE, name="sim")
    path = tmp_path / "target.yaml"
    path.write_text(f"devices:\n  node: {{serial: {sim.info['serial']}, mqtt: {broker.info['url']}}}\n")
    return path


@pytest.mark.parametrize("scenario", PORTABLE)
def test_scenario_passes_unchanged_against_a_sim_process(hilbench_bin, target, tmp_path, scenario):
    trace = tmp_path / "trace.jsonl"
    result = run(hilbench_bin, REPO / "scenarios" / scenario, "--target", target, "--time-scale", SCALE,
                 "--record", trace)
    assert result.returncode == 0, result.stdout + result.stderr
    assert '"clock":"real"' in trace.read_text().splitlines()[0]


def test_a_fault_against_a_real_connection_fails_with_a_reason(hilbench_bin, target, tmp_path):
    scenario = tmp_path / "fault.yaml"
    scenario.write_text("name: fault\ndevices: [{name: node, kind: stepper, node_id: 24a1601b2c3d}]\n"
                        "steps:\n  - fault: {kind: power_cycle}\n")
    result = run(hilbench_bin, scenario, "--target", target, "--time-scale", SCALE)
    assert result.returncode == 1
    assert "cannot power-cycle 'node': it is a real device" in result.stdout


def test_a_bad_target_file_is_refused_with_its_location(hilbench_bin, tmp_path):
    bad = tmp_path / "target.yaml"
    bad.write_text("devices:\n  node: {serial: /dev/null, baud: 9600}\n")
    result = run(hilbench_bin, REPO / "scenarios" / "stepper_help.yaml", "--target", bad)
    assert result.returncode == 2
    assert "target.yaml:2:29: unknown key 'baud'" in result.stderr
