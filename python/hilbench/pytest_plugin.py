"""pytest plugin of hilbench: fixtures (`stepper_node`, `stepper_node_factory`, `bench`),
scenario files collected as test items, and one shard of a suite split over machines
(`--hilbench-shard I/N` or HILBENCH_SHARD=I/N, by file name, as `hilbench run --shard`).

An installed hilbench registers it through the `pytest11` entry point; a checkout that is only on
PYTHONPATH names it in a conftest.py: `pytest_plugins = ["hilbench.pytest_plugin"]`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hilbench.errors import InputError, ScenarioError, ScenarioFailed
from hilbench.scenario import Bench, run_scenario
from hilbench.shards import parse_shard, shard_of
from hilbench.stepper import StepperNode

StepperNodeFactory = Callable[..., StepperNode]
"""What the stepper_node_factory fixture gives: factory(node_id=..., seed=..., mqtt_connected=...)."""


@pytest.fixture
def stepper_node_factory() -> StepperNodeFactory:
    """Makes as many independent nodes as a test needs: factory(node_id=..., seed=...)."""

    def make(node_id: str = "24a1601b2c3d", seed: int = 1, **kwargs: Any) -> StepperNode:
        return StepperNode(node_id=node_id, seed=seed, **kwargs)

    return make


@pytest.fixture
def stepper_node(stepper_node_factory: StepperNodeFactory) -> StepperNode:
    """A simulated stepper node on virtual time, booted and connected to its (captured) broker."""
    node = stepper_node_factory()
    node.advance(2000)  # let it join Wi-Fi as a provisioned board does
    return node


@pytest.fixture
def bench() -> Bench:
    """A Bench: add devices, then send / expect(...) (returns the matched Message) / advance."""
    return Bench()


SHARD_ENV = "HILBENCH_SHARD"
"""The environment variable that names the shard when --hilbench-shard is not given."""

_shard_key = pytest.StashKey[tuple[int, int] | None]()
_shard_line_key = pytest.StashKey[str]()
_empty_shard_key = pytest.StashKey[bool]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """--hilbench-seed: the seed of the scenario items' runs; --hilbench-shard: one shard of the suite."""
    parser.addoption("--hilbench-seed", type=int, default=1, help="seed of hilbench scenario runs")
    parser.addoption("--hilbench-shard", metavar="I/N", default=None,
                     help="run only shard I of N (from 1): the test and scenario files whose name hashes to I, "
                          f"as `hilbench run --shard`; {SHARD_ENV}=I/N when not given")


def pytest_configure(config: pytest.Config) -> None:
    """Reads the shard, from --hilbench-shard or else HILBENCH_SHARD (unset or empty: no shard); a
    malformed one is a usage error."""
    given, source = config.getoption("--hilbench-shard"), "--hilbench-shard"
    if given is None and os.environ.get(SHARD_ENV):
        given, source = os.environ[SHARD_ENV], SHARD_ENV
    try:
        config.stash[_shard_key] = None if given is None else parse_shard(given)
    except InputError as error:
        raise pytest.UsageError(f"{source}: {error}") from None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With a shard, deselects the items of the files of other shards: a file's items stay together,
    and the file's name alone places it, so every test file (not only scenarios) is split."""
    shard = config.stash.get(_shard_key, None)
    if shard is None:
        return
    index, count = shard
    shard_by_file = {path: shard_of(path, count) for path in {item.path for item in items}}
    kept = [item for item in items if shard_by_file[item.path] == index]
    dropped = [item for item in items if shard_by_file[item.path] != index]
    kept_files = [path for path, place in shard_by_file.items() if place == index]
    line = f"hilbench shard {index}/{count}: {len(kept_files)} of {len(shard_by_file)} test files"
    config.stash[_shard_line_key] = line + ("" if kept else ", nothing to run")
    config.stash[_empty_shard_key] = bool(items) and not kept
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


def pytest_report_collectionfinish(config: pytest.Config) -> list[str]:
    """The shard's line under pytest's 'collected N items': how many of the files it runs."""
    line = config.stash.get(_shard_line_key, None)
    return [] if line is None else [line]


def pytest_sessionfinish(session: pytest.Session) -> None:
    """A shard that the split left empty passes, as `hilbench run --shard` does: a count close to the
    number of files leaves some shards none, and every machine runs the same command line."""
    emptied = session.config.stash.get(_empty_shard_key, False)
    if emptied and session.exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.exitstatus = pytest.ExitCode.OK


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> ScenarioFile | None:
    """Scenario files in a folder named `scenarios` run as test items (fragments `_*.yaml` do not)."""
    if file_path.suffix in (".yaml", ".yml") and file_path.parent.name == "scenarios" \
            and not file_path.name.startswith("_"):
        scenario_file: ScenarioFile = ScenarioFile.from_parent(parent, path=file_path)
        return scenario_file
    return None


class ScenarioFile(pytest.File):
    """One scenario file, collected as one item."""

    def collect(self) -> Iterator[ScenarioItem]:
        """The file's one item, named after the file."""
        yield ScenarioItem.from_parent(self, name=self.path.stem)


class ScenarioItem(pytest.Item):
    """A scenario file run on virtual time; it fails with the run's explanation."""

    def runtest(self) -> None:
        """Runs the file with --hilbench-seed; ScenarioFailed (an AssertionError) if it fails."""
        result = run_scenario(self.path, seed=self.config.getoption("--hilbench-seed"))
        if not result.passed:
            raise ScenarioFailed(result.explain())

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException],
                     style: Any = None) -> str | Any:
        """The explanation alone for a failed or unloadable scenario, pytest's report otherwise."""
        if isinstance(excinfo.value, (ScenarioFailed, ScenarioError)):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int, str]:
        """Where the item comes from, for pytest's report."""
        return self.path, 0, f"scenario: {self.name}"


__all__ = ["SHARD_ENV", "ScenarioFailed", "ScenarioFile", "ScenarioItem", "StepperNodeFactory", "bench",
           "pytest_addoption", "pytest_collect_file", "pytest_collection_modifyitems", "pytest_configure",
           "pytest_report_collectionfinish", "pytest_sessionfinish", "stepper_node", "stepper_node_factory"]
