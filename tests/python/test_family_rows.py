# Device families are rows: the engine's files name none of them, the listing and the docs' tables
# come from the rows, and every layer takes the same kind names (and the old spellings as aliases).

import json
import re
import subprocess
from pathlib import Path

import pytest

import hilbench

ROOT = Path(__file__).resolve().parents[2]
# The engine and the CLI's generic commands: they iterate over the rows and name no family.
ENGINE = sorted((ROOT / "bench" / "scenario").glob("*.[ch]*")) + [
    ROOT / "bench" / "cli" / name for name in
    ("run_command.cpp", "replay_command.cpp", "record_command.cpp", "kinds_command.cpp", "sim_command.cpp")]


def code_without_comments(path):
    return "\n".join(line.split("//", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())


def family_names():
    names = set()
    for row in hilbench.kinds():
        names.add(row["kind"])
        names.update(row["aliases"])
    return sorted(names)


@pytest.mark.parametrize("path", ENGINE, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_engine_names_no_family(path):
    code = code_without_comments(path)
    # (not as markup: the report's <head> is no device family)
    named = [name for name in family_names() if re.search(rf"(?<![\w</-]){re.escape(name)}(?![\w>-])", code)]
    assert not named, f"{path.relative_to(ROOT)} names {named}: that belongs in the family's row"


def run(hilbench_bin, *args):
    return subprocess.run([str(hilbench_bin), *args], capture_output=True, text=True, timeout=30)


def test_the_listing_is_the_rows_for_people_editors_and_python(hilbench_bin):
    listing = json.loads(run(hilbench_bin, "kinds").stdout)
    assert [row["kind"] for row in listing["kinds"]] == ["stepper", "hvac", "ir_blaster", "mcu", "esp32-audio", "audio-service", "head"]
    assert listing == json.loads(run(hilbench_bin, "run", "--list-kinds").stdout)
    assert listing["kinds"] == hilbench.kinds()
    blaster = next(row for row in listing["kinds"] if row["kind"] == "ir_blaster")
    assert blaster["aliases"] == ["ir-blaster"]
    assert [link["name"] for link in blaster["links"]] == ["mqtt", "ir"]
    room = next(option for option in blaster["options"] if option["key"] == "room_temperature")
    assert room == {"key": "room_temperature", "type": "number", "description": room["description"], "default": 26.0,
                    "min": -40.0, "max": 60.0}


def test_the_docs_tables_are_the_generated_ones(hilbench_bin):
    docs = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
    start = docs.index("\n", docs.index("<!-- The tables below are generated")) + 1
    end = docs.index("<!-- end of the generated tables -->")
    assert docs[start:end] == run(hilbench_bin, "kinds", "--markdown").stdout, \
        "regenerate them: build/bin/hilbench kinds --markdown"


@pytest.mark.parametrize("kind", ["ir_blaster", "ir-blaster"])
def test_the_sim_command_takes_the_kind_and_its_old_spelling(hilbench_bin, kind):
    result = run(hilbench_bin, "sim", kind, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: hilbench sim ir_blaster --name NAME")


def test_an_unknown_kind_is_an_error_on_the_command_line_and_in_python(hilbench_bin):
    result = run(hilbench_bin, "sim", "servo")
    assert result.returncode == 2
    assert "unknown device kind 'servo' (known: stepper, ir_blaster, mcu, esp32-audio)" in result.stderr
    with pytest.raises(ValueError, match="unknown device kind 'servo'; expected one of stepper, hvac, ir_blaster, mcu"):
        hilbench.Bench().add("servo", "s")


def test_python_add_checks_options_against_the_row():
    bench = hilbench.Bench()
    with pytest.raises(ValueError, match=r"'battery_pct' must be a number from 0 to 100, got 150"):
        bench.add("mcu", "m", battery_pct=150)
    with pytest.raises(ValueError, match=r"no option 'speed'; its options: node_id, seed, station_ip"):
        bench.add("stepper", "n", speed=5)
    with pytest.raises(TypeError, match="node_id: a value of type object cannot be an option"):
        bench.add("stepper", "n", node_id=object())
    assert bench.add("supervisor", "mcu", battery_pct=50, line_rate=115200) == "mcu"  # an alias
    assert bench.add_mcu("mcu2") == "mcu2"
    bench.send("mcu", serial='{"id":"1","cmd":"ping"}')
    assert bench.expect("mcu", serial=r'"id":"1"', timeout_ms=100).json()["ok"] is True
    bench.send("mcu", serial='{"id":"2","cmd":"ping"}')
    assert bench.expect("mcu", link="serial", subset={"id": "2", "ok": True}, timeout_ms=100).json()["id"] == "2"
