# The suite split in Python: hilbench.shard_of and parse_shard (the C++ rule of `hilbench run
# --shard`), and the pytest plugin's --hilbench-shard / HILBENCH_SHARD on a folder of test files and
# scenario files, run by pytester in process.

import shutil
from pathlib import Path

import pytest

import hilbench

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
TEST_FILES = [f"test_part_{letter}.py" for letter in "abcdefghij"]
SCENARIO_FILES = ["stepper_get.yaml", "stepper_set.yaml", "stepper_help.yaml", "supervisor_uart.yaml"]
PLUGIN = ("-p", "hilbench.pytest_plugin", "-p", "no:cacheprovider")


@pytest.fixture(autouse=True)
def no_shard_from_outside(monkeypatch):
    """This run's own shard (if any) must not reach the inner runs."""
    monkeypatch.delenv("HILBENCH_SHARD", raising=False)


@pytest.fixture
def suite(pytester):
    """A folder of ten test files with two tests each, and a `scenarios` folder of four scenarios."""
    for name in TEST_FILES:
        pytester.makepyfile(**{name[:-3]: "def test_one():\n    pass\n\n\ndef test_two():\n    pass\n"})
    scenarios = pytester.mkdir("scenarios")
    for name in [*SCENARIO_FILES, "_boot.yaml"]:
        shutil.copy(ROOT / "scenarios" / name, scenarios)
    return pytester


def passed(recorder):
    """The node ids of the tests that passed."""
    return sorted(report.nodeid for report in recorder.listoutcomes()[0])


def test_shard_of_is_the_rule_of_hilbench_run():
    # The value pinned by the C++ test of the same hash (tests/scenario/suite_shard_test.cpp).
    assert hilbench.shard_of("scenarios/stepper_home.yaml", 3) == 0xC58388BC46575844 % 3 + 1
    assert hilbench.shard_of(ROOT / "elsewhere" / "stepper_home.yaml", 3) == hilbench.shard_of("stepper_home.yaml", 3)
    assert {hilbench.shard_of(f"case_{i}.yaml", 4) for i in range(100)} == {1, 2, 3, 4}
    with pytest.raises(hilbench.InputError, match="from 1 to 4294967295, not 0"):
        hilbench.shard_of("a.yaml", 0)


def test_parse_shard_reads_i_of_n_and_says_what_is_wrong():
    assert hilbench.parse_shard("2/3") == (2, 3)
    assert hilbench.parse_shard("1/1") == (1, 1)
    for text, why in [("0/3", "shards count from 1"), ("4/3", "there are only 3 shards"),
                      ("1/0", "has no shards"), ("x/y", "is not I/N"), ("", "is not I/N")]:
        with pytest.raises(hilbench.InputError, match=why):
            hilbench.parse_shard(text)


def test_every_file_runs_in_exactly_one_shard_with_all_its_tests(suite):
    everything = passed(suite.inline_run(*PLUGIN))
    assert len(everything) == 2 * len(TEST_FILES) + len(SCENARIO_FILES)
    shards = [passed(suite.inline_run(*PLUGIN, "--hilbench-shard", f"{index}/3")) for index in (1, 2, 3)]
    assert sorted(sum(shards, [])) == everything
    for index, ran in enumerate(shards, start=1):
        files = {nodeid.split("::")[0] for nodeid in ran}
        assert files == {f for f in [*TEST_FILES, *(f"scenarios/{s}" for s in SCENARIO_FILES)]
                         if hilbench.shard_of(f, 3) == index}
        assert len(ran) == sum(2 if f.endswith(".py") else 1 for f in files)


def test_the_shard_line_says_how_many_files_run(suite):
    result = suite.runpytest(*PLUGIN, "--hilbench-shard", "2/3")
    mine = [f for f in [*TEST_FILES, *SCENARIO_FILES] if hilbench.shard_of(f, 3) == 2]
    result.stdout.fnmatch_lines([f"hilbench shard 2/3: {len(mine)} of 14 test files"])
    assert result.ret == 0


def test_the_environment_names_the_shard_when_the_option_does_not(suite, monkeypatch):
    by_option = passed(suite.inline_run(*PLUGIN, "--hilbench-shard", "2/3"))
    monkeypatch.setenv("HILBENCH_SHARD", "2/3")
    assert passed(suite.inline_run(*PLUGIN)) == by_option
    monkeypatch.setenv("HILBENCH_SHARD", "1/3")
    assert passed(suite.inline_run(*PLUGIN, "--hilbench-shard", "2/3")) == by_option


@pytest.mark.parametrize("shard, why", [("0/3", "'0/3': shards count from 1"), ("4/3", "'4/3': there are only 3"),
                                        ("x/y", "'x/y' is not I/N"), ("1/0", "'1/0' has no shards")])
def test_a_bad_shard_is_a_usage_error(suite, monkeypatch, shard, why):
    result = suite.runpytest(*PLUGIN, "--hilbench-shard", shard)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: --hilbench-shard: {why}*"])
    monkeypatch.setenv("HILBENCH_SHARD", shard)
    result = suite.runpytest(*PLUGIN)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: HILBENCH_SHARD: {why}*"])


def test_a_shard_the_split_leaves_empty_passes(pytester):
    pytester.makepyfile(test_alone="def test_it():\n    pass\n")
    other = 1 if hilbench.shard_of("test_alone.py", 2) == 2 else 2
    result = pytester.runpytest(*PLUGIN, "--hilbench-shard", f"{other}/2")
    result.stdout.fnmatch_lines([f"hilbench shard {other}/2: 0 of 1 test files, nothing to run"])
    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(deselected=1)


def test_a_folder_with_no_test_at_all_still_says_so(pytester):
    # Only the shard's emptiness passes: a run that found nothing keeps pytest's "no tests ran".
    assert pytester.runpytest(*PLUGIN, "--hilbench-shard", "1/2").ret == pytest.ExitCode.NO_TESTS_COLLECTED
