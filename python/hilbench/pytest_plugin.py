"""pytest plugin of hilbench: fixtures (`stepper_node`, `stepper_node_factory`, `bench`) and
scenario files collected as test items.

An installed hilbench registers it through the `pytest11` entry point; a checkout that is only on
PYTHONPATH names it in a conftest.py: `pytest_plugins = ["hilbench.pytest_plugin"]`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hilbench.errors import ScenarioError, ScenarioFailed
from hilbench.scenario import Bench, run_scenario
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


def pytest_addoption(parser: pytest.Parser) -> None:
    """--hilbench-seed: the seed of the scenario items' runs."""
    parser.addoption("--hilbench-seed", type=int, default=1, help="seed of hilbench scenario runs")


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


__all__ = ["ScenarioFailed", "ScenarioFile", "ScenarioItem", "StepperNodeFactory", "bench", "pytest_addoption",
           "pytest_collect_file", "stepper_node", "stepper_node_factory"]
