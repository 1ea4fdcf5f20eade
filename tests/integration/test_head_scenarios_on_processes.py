# The head scenarios run unchanged against `hilbench head` with the real scripts of
# scenarios/head_scripts/ on a real broker (a target file), as they run in process against the
# simulated head: the same files test the simulation and the service.

import json
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PORTABLE = ["head_scripts.yaml", "head_refusals.yaml"]


@pytest.fixture
def target(procs, tmp_path):
    """A fresh broker, `hilbench head --name head1` on the scenarios' scripts, and a target file."""
    broker = procs.start("broker", name="broker")
    procs.start("head", "--name", "head1", "--broker", broker.info["url"],
                "--scripts-dir", REPO / "scenarios" / "head_scripts", name="head")
    path = tmp_path / "target.yaml"
    path.write_text(f"devices:\n  head1: {{mqtt: {broker.info['url']}}}\n")
    return path


@pytest.mark.parametrize("scenario", PORTABLE)
def test_head_scenario_passes_unchanged_against_the_service(hilbench_bin, target, tmp_path, scenario):
    trace = tmp_path / "trace.jsonl"
    result = subprocess.run([str(hilbench_bin), "run", str(REPO / "scenarios" / scenario), "--target", str(target),
                             "--record", str(trace)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    header = json.loads(trace.read_text().splitlines()[0])
    assert header["clock"] == "real"
