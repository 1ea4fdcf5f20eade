"""`python3 -m hilbench.junit_merge OUT IN...`: the JUnit XML files of a suite's shards as one file, as
one unsharded run would have written it.

Suites of the same name (`hilbench` from `hilbench run --junit`, `pytest` from pytest's --junitxml)
become one suite holding every testcase of every input once, in the order given; its tests,
failures, errors, skipped and time are the sums of the inputs' (a total an input leaves out is
counted from its cases). An input that is not JUnit XML, or a case found twice (the same suite,
classname and name: a file that ran in two shards), is refused with exit status 2 and nothing is
written.

Written on the standard library's ElementTree rather than Debian's python3-junitparser 2.8: that
one merges two suites only when their hostname and timestamp match (shards of several machines
stay apart), recounts totals from the cases instead of summing them, sees no duplicates, has no
types for mypy and needs python3-future.
"""

from __future__ import annotations

import argparse
import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from hilbench.errors import InputError

COUNTS = {"tests": None, "failures": "failure", "errors": "error", "skipped": "skipped"}
"""The whole-number totals of a suite, and the element a case holds to count in it (None: every case)."""


class MergedSuite:
    """One suite of the merged file: the cases, properties and output of every input suite of its name."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.totals = dict.fromkeys(COUNTS, 0)
        self.time_s = 0.0
        self.timestamps: list[str] = []
        self.hostnames: set[str | None] = set()
        self.properties: dict[tuple[str, str], ET.Element] = {}
        self.cases: list[ET.Element] = []
        self.outputs: list[ET.Element] = []

    def take(self, suite: ET.Element, where: str) -> None:
        """Adds an input suite: its totals to the sums, its children to the merged suite's."""
        cases = suite.findall("testcase")
        for total, tag in COUNTS.items():
            counted = len([case for case in cases if tag is None or case.find(tag) is not None])
            self.totals[total] += whole(suite, total, where) if total in suite.attrib else counted
        self.time_s += seconds(suite, "time", where) if "time" in suite.attrib else sum(
            seconds(case, "time", where) for case in cases if "time" in case.attrib)
        if "timestamp" in suite.attrib:
            self.timestamps.append(suite.attrib["timestamp"])
        self.hostnames.add(suite.get("hostname"))
        for prop in suite.iterfind("properties/property"):
            self.properties.setdefault((prop.get("name", ""), prop.get("value", "")), prop)
        self.cases += cases
        self.outputs += [child for child in suite if child.tag in ("system-out", "system-err")]

    def element(self) -> ET.Element:
        """The merged <testsuite>: totals, the earliest timestamp, the hostname if every input had the
        same, then properties, cases and output in the order of the schema."""
        suite = ET.Element("testsuite", {"name": self.name, **{k: str(v) for k, v in self.totals.items()},
                                         "time": f"{self.time_s:.3f}"})
        if self.timestamps:
            suite.set("timestamp", min(self.timestamps))
        if len(self.hostnames) == 1 and (hostname := next(iter(self.hostnames))) is not None:
            suite.set("hostname", hostname)
        if self.properties:
            ET.SubElement(suite, "properties").extend(self.properties.values())
        suite.extend(self.cases + self.outputs)
        return suite


def whole(element: ET.Element, attribute: str, where: str) -> int:
    """The attribute as a whole number; InputError naming the file if it is not one."""
    try:
        return int(element.attrib[attribute])
    except ValueError:
        raise not_a_number(element, attribute, where, "a whole number") from None


def seconds(element: ET.Element, attribute: str, where: str) -> float:
    """The attribute as a number of seconds; InputError naming the file if it is not one."""
    try:
        return float(element.attrib[attribute])
    except ValueError:
        raise not_a_number(element, attribute, where, "a number") from None


def not_a_number(element: ET.Element, attribute: str, where: str, wanted: str) -> InputError:
    """The error for an attribute that should hold a number."""
    return InputError(f"{where}: <{element.tag} name=\"{element.get('name', '')}\"> has "
                      f"{attribute}=\"{element.attrib[attribute]}\", not {wanted}")


def input_suites(path: str) -> list[ET.Element]:
    """The <testsuite> elements of one JUnit file; InputError if it cannot be read or is not JUnit XML."""
    try:
        root = ET.parse(path).getroot()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    except ET.ParseError as error:
        raise InputError(f"{path} is not JUnit XML: {error}") from None
    if root.tag not in ("testsuites", "testsuite"):
        raise InputError(f"{path} is not JUnit XML: its root is <{root.tag}>, not <testsuites> or <testsuite>")
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    for suite in suites:
        if suite.find("testsuite") is not None:
            raise InputError(f"{path}: suite '{suite.get('name', '')}' holds suites of its own, which this merge "
                             "does not take")
    return suites


def merge_junit(paths: Sequence[str | os.PathLike[str]]) -> ET.ElementTree:
    """The JUnit files at `paths` as one document (see the module's docstring); InputError for an input
    that is not JUnit XML or a case found twice."""
    merged: dict[str, MergedSuite] = {}
    first_seen: dict[tuple[str, str, str], str] = {}
    files = [os.fspath(given) for given in paths]
    if twice := sorted({path for path in files if files.count(path) > 1}):
        raise InputError(f"{', '.join(twice)} given twice: each shard's file once")
    for path in files:
        for suite in input_suites(path):
            name = suite.get("name", "")
            for case in suite.findall("testcase"):
                key = (name, case.get("classname", ""), case.get("name", ""))
                if key in first_seen:
                    where = "twice in " + path if first_seen[key] == path else f"in {first_seen[key]} and {path}"
                    raise InputError(f"the case '{key[2]}' (classname '{key[1]}') of suite '{name}' is {where}: "
                                     "a file ran in two shards, or twice (did every shard get the same I/N count "
                                     "and the same files?)")
                first_seen[key] = path
            merged.setdefault(name, MergedSuite(name)).take(suite, path)
    suites = [suite.element() for suite in merged.values()]
    root = ET.Element("testsuites", {total: str(sum(int(s.get(total, "0")) for s in suites)) for total in COUNTS})
    root.set("time", f"{sum(float(s.get('time', '0')) for s in suites):.3f}")
    root.extend(suites)
    ET.indent(root)
    return ET.ElementTree(root)


def main(argv: Sequence[str] | None = None) -> int:
    """The command: writes OUT from the INs; 0 when written, 2 for bad input (one line on stderr)."""
    parser = argparse.ArgumentParser(
        prog="python3 -m hilbench.junit_merge",
        description="Merge the JUnit XML files of a suite's shards (hilbench run --shard, pytest --hilbench-shard) "
                    "into one, as one unsharded run would have written it.")
    parser.add_argument("out", metavar="OUT", help="the merged file to write")
    parser.add_argument("inputs", metavar="IN", nargs="+", help="the JUnit XML file of each shard")
    args = parser.parse_args(argv)
    try:
        tree = merge_junit(args.inputs)
        try:
            with open(args.out, "wb") as out:
                tree.write(out, encoding="UTF-8", xml_declaration=True)
                out.write(b"\n")
        except OSError as error:
            raise InputError(f"cannot write {args.out}: {error.strerror or error}") from None
    except InputError as error:
        print(f"{parser.prog}: {error}", file=sys.stderr)
        return 2
    root = tree.getroot()
    print(f"{args.out}: {len(args.inputs)} files, {root.get('tests')} tests, {root.get('failures')} failures, "
          f"{root.get('errors')} errors, {root.get('skipped')} skipped")
    return 0


__all__ = ["COUNTS", "MergedSuite", "input_suites", "main", "merge_junit", "not_a_number", "seconds", "whole"]

if __name__ == "__main__":
    sys.exit(main())
