# hilbench.junit_merge on pytest-shaped files from two machines: one suite per name, totals summed
# as the inputs declare them (counted where they are left out), the earliest timestamp, the
# hostname only when every input agrees, properties once, and nothing written on a refusal.

import xml.etree.ElementTree as ET

import pytest

from hilbench import InputError
from hilbench.junit_merge import main, merge_junit

MACHINE_A = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" errors="1" failures="0" skipped="0" tests="3" time="2.5"
 timestamp="2025-06-01T10:00:05" hostname="ci-a">
 <properties><property name="commit" value="abc123"/></properties>
 <testcase classname="tests.test_a" name="test_one" time="1.0"/>
 <testcase classname="tests.test_a" name="test_two" time="1.0"><error message="teardown">boom</error></testcase>
</testsuite></testsuites>
"""

MACHINE_B = """<testsuite name="pytest" timestamp="2025-06-01T10:00:01" hostname="ci-b">
 <properties><property name="commit" value="abc123"/></properties>
 <testcase classname="tests.test_b" name="test_three" time="0.25"><skipped message="no board"/></testcase>
 <testcase classname="tests.test_b" name="test_four" time="0.5"><failure message="no">expected 1</failure></testcase>
</testsuite>
"""


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "a.xml").write_text(MACHINE_A)
    (tmp_path / "b.xml").write_text(MACHINE_B)
    return tmp_path / "a.xml", tmp_path / "b.xml"


def test_suites_of_one_name_become_one_with_summed_totals(inputs):
    root = merge_junit(inputs).getroot()
    [suite] = root.findall("testsuite")
    # a.xml declares 3 tests for 2 cases (pytest counts a teardown error beside its test): the sum
    # keeps what an unsharded run would have declared. b.xml declares nothing: its cases are counted.
    expected = {"tests": "5", "failures": "1", "errors": "1", "skipped": "1", "time": "3.250"}
    assert {key: suite.get(key) for key in expected} == expected
    assert {key: root.get(key) for key in expected} == expected
    assert suite.get("name") == "pytest"
    assert suite.get("timestamp") == "2025-06-01T10:00:01"
    assert suite.get("hostname") is None  # two machines
    assert [(p.get("name"), p.get("value")) for p in suite.iter("property")] == [("commit", "abc123")]
    assert [case.get("name") for case in suite.iter("testcase")] == ["test_one", "test_two", "test_three",
                                                                     "test_four"]
    assert suite.find("testcase[@name='test_four']/failure").text == "expected 1"


def test_suites_of_other_names_stay_apart(inputs, tmp_path):
    other = tmp_path / "c.xml"
    other.write_text('<testsuites><testsuite name="hilbench" tests="1" failures="0" time="0.1">'
                     '<testcase name="homing" classname="scenarios/stepper_home.yaml" time="0.1"/>'
                     "</testsuite></testsuites>")
    root = merge_junit([*inputs, other]).getroot()
    assert [suite.get("name") for suite in root.findall("testsuite")] == ["pytest", "hilbench"]
    assert root.get("tests") == "6"


def test_the_same_file_twice_is_refused(inputs):
    with pytest.raises(InputError, match="a.xml given twice"):
        merge_junit([inputs[0], inputs[1], inputs[0]])


def test_the_command_writes_nothing_when_it_refuses(inputs, tmp_path, capsys):
    out = tmp_path / "merged.xml"
    (tmp_path / "again.xml").write_text(MACHINE_B.replace("test_three", "test_five"))
    assert main([str(out), str(inputs[1]), str(tmp_path / "again.xml")]) == 2
    assert "the case 'test_four' (classname 'tests.test_b') of suite 'pytest' is in" in capsys.readouterr().err
    assert not out.exists()
    assert main([str(out), *map(str, inputs)]) == 0
    assert ET.parse(out).getroot().get("tests") == "5"
    assert capsys.readouterr().out == f"{out}: 2 files, 5 tests, 1 failures, 1 errors, 1 skipped\n"
