# `hilbench run --shard I/N` over the real scenarios/ folder: three shards whose JUnit files,
# merged by `python3 -m hilbench.junit_merge`, hold the cases of one unsharded run; the pytest
# plugin's --hilbench-shard picking the same files; bad shards, an empty shard and the merge's
# refusals.

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import hilbench

REPO = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(p for p in (REPO / "scenarios").glob("*.yaml") if not p.name.startswith("_"))
PACKAGE_PATH = str(Path(hilbench.__file__).resolve().parents[1])  # absolute: subprocesses run elsewhere


def run(hilbench_bin, *args, cwd=REPO):
    # From the checkout, with scenarios/ as given: a case's classname is the path, the same on every machine.
    return subprocess.run([str(hilbench_bin), "run", *map(str, args)], capture_output=True, text=True, timeout=120,
                          cwd=cwd)


def merge(out, *inputs):
    env = {**os.environ, "PYTHONPATH": PACKAGE_PATH}
    return subprocess.run([sys.executable, "-m", "hilbench.junit_merge", str(out), *map(str, inputs)],
                          capture_output=True, text=True, timeout=60, env=env)


def cases(junit):
    """The (classname, name) of every testcase, sorted, and the root's totals."""
    root = ET.parse(junit).getroot()
    found = sorted((case.get("classname"), case.get("name")) for case in root.iter("testcase"))
    return found, {total: root.get(total) for total in ("tests", "failures")}


def test_three_shards_merge_into_the_cases_of_one_unsharded_run(hilbench_bin, tmp_path):
    whole = run(hilbench_bin, "scenarios/", "--junit", tmp_path / "whole.xml")
    assert whole.returncode == 0, whole.stdout + whole.stderr
    shard_files = []
    for index in (1, 2, 3):
        junit = tmp_path / f"shard{index}.xml"
        result = run(hilbench_bin, "scenarios/", "--shard", f"{index}/3", "--junit", junit)
        assert result.returncode == 0, result.stdout + result.stderr
        mine = [p for p in SCENARIOS if hilbench.shard_of(p, 3) == index]
        assert f"shard {index}/3: {len(mine)} of {len(SCENARIOS)} scenario files" in result.stdout
        assert sorted(Path(c).name for c, _ in cases(junit)[0]) == [p.name for p in mine]
        shard_files.append(junit)

    merged = merge(tmp_path / "merged.xml", *shard_files)
    assert merged.returncode == 0, merged.stderr
    whole_cases, whole_totals = cases(tmp_path / "whole.xml")
    merged_cases, merged_totals = cases(tmp_path / "merged.xml")
    assert len(whole_cases) == len(SCENARIOS)
    assert merged_cases == whole_cases
    assert merged_totals == whole_totals == {"tests": str(len(SCENARIOS)), "failures": "0"}
    suites = ET.parse(tmp_path / "merged.xml").getroot().findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["hilbench"]


@pytest.mark.parametrize("shard, why", [
    ("0/3", "'0/3': shards count from 1"), ("4/3", "'4/3': there are only 3 shards"),
    ("x/y", "'x/y' is not I/N"), ("1/0", "'1/0' has no shards"), ("1/3/", "'1/3/' is not I/N"),
])
def test_a_bad_shard_is_a_usage_error(hilbench_bin, shard, why):
    result = run(hilbench_bin, "scenarios/", "--shard", shard)
    assert result.returncode == 2
    assert result.stderr.startswith(f"hilbench run: --shard: {why}")
    assert result.stdout == ""


def test_an_empty_shard_passes_and_writes_a_report_with_no_case(hilbench_bin, tmp_path):
    scenario = REPO / "scenarios" / "stepper_get.yaml"
    shutil.copy(scenario, tmp_path)
    shutil.copy(REPO / "scenarios" / "_boot.yaml", tmp_path)
    other = 1 if hilbench.shard_of(scenario, 2) == 2 else 2
    result = run(hilbench_bin, tmp_path, "--shard", f"{other}/2", "--junit", tmp_path / "empty.xml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines() == [f"shard {other}/2: 0 of 1 scenario files, nothing to run",
                                          "0 passed, 0 failed"]
    assert cases(tmp_path / "empty.xml") == ([], {"tests": "0", "failures": "0"})

    full = run(hilbench_bin, tmp_path, "--shard", f"{3 - other}/2", "--junit", tmp_path / "full.xml")
    assert full.returncode == 0, full.stdout + full.stderr
    assert merge(tmp_path / "merged.xml", tmp_path / "empty.xml", tmp_path / "full.xml").returncode == 0
    assert cases(tmp_path / "merged.xml")[0] == cases(tmp_path / "full.xml")[0] != []


def test_traces_go_where_an_unsharded_run_puts_them(hilbench_bin, tmp_path):
    # Two files in different shards of 2: each shard runs one, yet --record stays a folder.
    first = SCENARIOS[0]
    second = next(p for p in SCENARIOS if hilbench.shard_of(p, 2) != hilbench.shard_of(first, 2))
    folder = tmp_path / "suite"
    folder.mkdir()
    for path in (first, second, *(REPO / "scenarios").glob("_*.yaml")):  # with the fragments they include
        shutil.copy(path, folder)
    index = hilbench.shard_of(first, 2)
    result = run(hilbench_bin, folder, "--shard", f"{index}/2", "--record", tmp_path / "traces")
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (tmp_path / "traces").iterdir()) == [first.stem + ".jsonl"]


def test_the_pytest_plugin_picks_the_files_hilbench_run_picks(hilbench_bin, tmp_path):
    for index in (1, 2, 3):
        listed = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                                 "scenarios", "--hilbench-shard", f"{index}/3"], capture_output=True, text=True,
                                timeout=120, cwd=REPO, env={**os.environ, "PYTHONPATH": PACKAGE_PATH})
        assert listed.returncode == 0, listed.stdout + listed.stderr
        by_pytest = sorted(line.split("::")[0] for line in listed.stdout.splitlines() if "::" in line)
        junit = tmp_path / f"shard{index}.xml"
        assert run(hilbench_bin, "scenarios/", "--shard", f"{index}/3", "--junit", junit).returncode == 0
        by_run = sorted(classname for classname, _ in cases(junit)[0])
        assert by_pytest == by_run != []


def test_the_merge_refuses_a_case_found_twice(hilbench_bin, tmp_path):
    one = run(hilbench_bin, "scenarios/stepper_get.yaml", "--junit", tmp_path / "one.xml")
    again = run(hilbench_bin, "scenarios/stepper_get.yaml", "scenarios/stepper_set.yaml", "--junit",
                tmp_path / "again.xml")
    assert one.returncode == again.returncode == 0
    result = merge(tmp_path / "merged.xml", tmp_path / "one.xml", tmp_path / "again.xml")
    assert result.returncode == 2
    assert "classname 'scenarios/stepper_get.yaml'" in result.stderr
    assert f"is in {tmp_path / 'one.xml'} and {tmp_path / 'again.xml'}: a file ran in two shards" in result.stderr
    assert not (tmp_path / "merged.xml").exists()


@pytest.mark.parametrize("text, why", [
    ("<html><body/></html>", "is not JUnit XML: its root is <html>, not <testsuites> or <testsuite>"),
    ("{\"tests\": 3}", "is not JUnit XML: not well-formed (invalid token): line 1, column 0"),
    ("<testsuites><testsuite name='s' tests='three'/></testsuites>", "has tests=\"three\", not a whole number"),
    ("<testsuite name='a'><testsuite name='b'/></testsuite>", "suite 'a' holds suites of its own"),
])
def test_the_merge_refuses_what_is_not_junit(tmp_path, text, why):
    bad = tmp_path / "bad.xml"
    bad.write_text(text)
    result = merge(tmp_path / "merged.xml", bad)
    assert result.returncode == 2
    assert why in result.stderr
    assert not (tmp_path / "merged.xml").exists()
