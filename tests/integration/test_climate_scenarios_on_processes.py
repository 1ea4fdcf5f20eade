# The climate scenarios run unchanged against `hilbench hvac` and `hilbench sim ir-blaster`
# processes on a real broker (a target file), as they run in process: the same files test the
# simulation and the processes.

import json
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PORTABLE = ["climate_ha_commands.yaml"]


def run(hilbench_bin, *args):
    return subprocess.run([str(hilbench_bin), "run", *map(str, args)], capture_output=True, text=True, timeout=180)


@pytest.fixture
def target(procs, tmp_path):
    """A fresh broker, the blaster and the bridge the climate scenarios name, and a target file."""
    broker = procs.start("broker", name="broker")
    url = broker.info["url"]
    procs.start("sim", "ir-blaster", "--name", "ir_blaster_01", "--broker", url, name="blaster")
    procs.start("hvac", "--broker", url, "--device", "living_room", "--name", "Living Room AC",
                "--blaster", "ir_blaster_01", name="hvac")
    path = tmp_path / "target.yaml"
    path.write_text(f"devices:\n  ac: {{mqtt: {url}}}\n  blaster: {{mqtt: {url}}}\n")
    return path


@pytest.mark.parametrize("scenario", PORTABLE)
def test_climate_scenario_passes_unchanged_against_the_processes(hilbench_bin, target, tmp_path, scenario):
    trace = tmp_path / "trace.jsonl"
    result = run(hilbench_bin, REPO / "scenarios" / scenario, "--target", target, "--record", trace)
    assert result.returncode == 0, result.stdout + result.stderr
    header, *messages = [json.loads(line) for line in trace.read_text().splitlines()]
    assert header["clock"] == "real"
    frames = [json.loads(m["payload"]) for m in messages if m["link"] == "ir"]
    assert [f["settings"]["temperature"] for f in frames] == [24, 22, 22, 22, 25, 29, 29]


def test_set_reaches_the_simulated_blaster_through_its_control_topic(hilbench_bin, target, tmp_path):
    scenario = tmp_path / "offline.yaml"
    scenario.write_text("""name: blaster unplugged through its control topic
devices:
  - {name: ac, kind: hvac, device_id: living_room, blaster: ir_blaster_01}
  - {name: blaster, kind: ir_blaster, zigbee_name: ir_blaster_01}
steps:
  - include: %s/_climate_devices.yaml
  - set: {device: blaster, online: false}
  - expect: {device: blaster, mqtt: {topic: "~/availability", json: {state: offline}}, timeout_ms: 2000}
  - send: {device: ac, mqtt: {json: {mode: cool, temperature: 19}}}
  - expect_none: {device: blaster, ir: {}, for_ms: 1500}
  - set: {device: blaster, online: true}
  - expect: {device: blaster, ir: {settings: {mode: cool, temperature: 19}}, timeout_ms: 3000}
  - set: {device: blaster, room_temperature: {celsius: 31}}
  - expect: {device: blaster, mqtt: {topic: zigbee2mqtt/ir_blaster_01_room, json: {temperature: 31}}, timeout_ms: 3000}
""" % (REPO / "scenarios"))
    result = run(hilbench_bin, scenario, "--target", target)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_fault_on_a_climate_process_fails_with_a_reason(hilbench_bin, target, tmp_path):
    result = run(hilbench_bin, REPO / "scenarios" / "climate_bridge_outage.yaml", "--target", target)
    assert result.returncode == 1
    assert "cannot cut the mqtt link of 'ac': it is a real connection" in result.stdout
