# What `hilbench run` writes as a run goes: traces byte for byte those the Python bench pins
# (tests/python/trace_digests.txt) though the run keeps none of them in memory, dumps and a report
# for the whole suite, and a full disk named with the system's reason while the scenarios still run.

import hashlib
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DIGESTS = REPO / "tests" / "python" / "trace_digests.txt"
SCENARIOS = sorted(p for p in (REPO / "scenarios").glob("*.yaml") if not p.name.startswith("_"))
SMALL = REPO / "scenarios" / "stepper_move_serial.yaml"


def run(hilbench_bin, *args):
    return subprocess.run([str(hilbench_bin), "run", *map(str, args)], capture_output=True, text=True,
                          timeout=300, cwd=REPO)


def pinned():
    lines = DIGESTS.read_text().splitlines()
    return dict(line.split() for line in lines if line and not line.startswith("#"))


def test_traces_written_as_the_suite_runs_are_the_pinned_ones(hilbench_bin, tmp_path):
    done = run(hilbench_bin, "scenarios/", "--record", tmp_path / "traces", "--vcd", tmp_path / "dumps",
               "--html", tmp_path / "report.html")
    assert done.returncode == 0, done.stdout + done.stderr
    digests = pinned()
    for scenario in SCENARIOS:
        trace = (tmp_path / "traces" / scenario.with_suffix(".jsonl").name).read_bytes()
        assert hashlib.sha256(trace).hexdigest() == digests[scenario.name], scenario.name
        dump = (tmp_path / "dumps" / scenario.with_suffix(".vcd").name).read_text()
        assert dump.startswith("$comment ") and "$enddefinitions $end\n#0\n$dumpvars\n" in dump, scenario.name
    report = (tmp_path / "report.html").read_text()
    assert report.count("Timeline: ") == len(SCENARIOS)


@pytest.mark.parametrize("option,what", [("--record", "trace"), ("--vcd", "dump")])
def test_a_full_disk_is_named_and_the_run_goes_on(hilbench_bin, option, what):
    assert SMALL.is_file()
    done = run(hilbench_bin, SMALL, option, "/dev/full")
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"hilbench run: cannot write the {what} /dev/full: No space left on device" in done.stderr
    assert "1 passed, 0 failed" in done.stdout


def test_a_report_on_a_full_disk_is_named_too(hilbench_bin):
    done = run(hilbench_bin, SMALL, "--html", "/dev/full", "--junit", "/dev/full")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "hilbench run: cannot write /dev/full: No space left on device" in done.stderr
