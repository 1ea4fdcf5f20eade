# Every example in the README and the docs runs as written: the Python blocks of each file run in
# order (one namespace a file, from the project root), whole scenario files in YAML blocks load and
# pass, step fragments load inside a scenario that declares the devices they name, and each
# `hilbench ...` command line names a command that exists.

import math
import re
import struct
import subprocess
import wave
from pathlib import Path

import pytest
import yaml

import hilbench

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)

# The device names the docs' step fragments use, and their kinds.
FRAGMENT_DEVICES = {"node": "stepper", "left": "stepper", "right": "stepper", "mcu": "mcu",
                    "blaster": "ir_blaster", "ac": "hvac", "board": "esp32-audio", "service": "audio-service",
                    "head1": "head"}


def blocks(path, language):
    return [m.group(2) for m in FENCE.finditer(path.read_text(encoding="utf-8")) if m.group(1) == language]


def yaml_blocks():
    for path in DOCS:
        for index, text in enumerate(blocks(path, "yaml")):
            yield pytest.param(path, text, id=f"{path.name}-yaml{index}")


def shell_lines():
    for path in DOCS:
        for text in blocks(path, "sh"):
            for line in text.splitlines():
                if line.startswith("hilbench "):
                    yield pytest.param(line, id=f"{path.name}: {line[:60]}")


@pytest.mark.parametrize("path", [p for p in DOCS if blocks(p, "python")], ids=lambda p: p.name)
def test_python_examples_run_as_written(path, monkeypatch):
    monkeypatch.chdir(ROOT)  # examples name files relative to the project root
    namespace = {"hilbench": hilbench}
    for index, code in enumerate(blocks(path, "python")):
        try:
            exec(compile(code, f"{path.name}:python block {index}", "exec"), namespace)
        except Exception as error:  # the example's own words are the failure
            pytest.fail(f"{path.name}, python block {index}: {type(error).__name__}: {error}\n{code}")


def write_recording(path):
    """The recording the docs' microphone examples name: 100 ms of a quiet 16 kHz tone."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(struct.pack("<1600h", *(round(3000 * math.sin(i / 4)) for i in range(1600))))


def scenario_text(doc, devices):
    return yaml.safe_dump({"name": "docs example", "devices": devices, "steps": doc}, sort_keys=False)


def named_devices(steps):
    """The devices a fragment's steps name, each of its documented kind."""
    names = set(re.findall(r"device: (\w+)", yaml.safe_dump(steps)))
    return [{"name": name, "kind": FRAGMENT_DEVICES[name]} for name in sorted(names)] or [
        {"name": "node", "kind": "stepper"}]


@pytest.mark.parametrize("path,text", yaml_blocks())
def test_yaml_examples_load_and_whole_scenarios_pass(path, text, tmp_path):
    doc = yaml.safe_load(text)
    if isinstance(doc, dict) and "devices" in doc and "steps" in doc:
        if isinstance(doc["devices"], dict):
            pytest.skip("a target file: its connections are real ones")
        doc.setdefault("name", "docs example")
        (tmp_path / "_boot.yaml").write_text((ROOT / "scenarios" / "_boot.yaml").read_text())
        scenario = tmp_path / "example.yaml"
        scenario.write_text(yaml.safe_dump(doc, sort_keys=False))
        result = hilbench.run_scenario(scenario)
        assert result.passed, result.explain()
        return
    if isinstance(doc, dict) and set(doc) == {"devices"}:
        pytest.skip("a target file: its connections are real ones")
    steps = doc if isinstance(doc, list) else [doc]
    if not all(isinstance(step, dict) for step in steps):
        pytest.skip("not a scenario fragment")
    (tmp_path / "_boot.yaml").write_text((ROOT / "scenarios" / "_boot.yaml").read_text())
    (tmp_path / "_common.yaml").write_text("- advance: 1\n")
    write_recording(tmp_path / "hey.wav")
    # Each step is an example of its own (a list shows alternatives), with the devices it names.
    for step in steps:
        scenario = tmp_path / "fragment.yaml"
        scenario.write_text(scenario_text([step], named_devices([step])))
        try:
            hilbench.run_scenario(scenario)  # the run may fail alone (no context): only loading counts
        except hilbench.ScenarioError as error:
            pytest.fail(f"{path.name}: {yaml.safe_dump(step).strip()}: {error}")


@pytest.mark.parametrize("line", shell_lines())
def test_each_command_line_names_a_command_that_exists(line, hilbench_bin):
    words = []
    for word in line.split()[1:]:
        if word.startswith(("-", "[", "(")) or not re.fullmatch(r"[a-z_-]+", word) or len(words) == 2:
            break
        words.append(word)
    result = subprocess.run([str(hilbench_bin), *words, "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, f"hilbench {' '.join(words)} --help: {result.stderr}"
