"""pytest plugin of hilbench: fixtures (`stepper_node`, `stepper_node_factory`, `bench`) and
scenario files collected as test items."""

import pytest

from hilbench.scenario import Bench, ScenarioError, run_scenario
from hilbench.stepper import StepperNode


@pytest.fixture
def stepper_node_factory():
    """Makes as many independent nodes as a test needs: factory(node_id=..., seed=...)."""

    def make(node_id="24a1601b2c3d", seed=1, **kwargs):
        return StepperNode(node_id=node_id, seed=seed, **kwargs)

    return make


@pytest.fixture
def stepper_node(stepper_node_factory):
    """A simulated stepper node on virtual time, booted and connected to its (captured) broker."""
    node = stepper_node_factory()
    node.advance(2000)  # let it join Wi-Fi as a provisioned board does
    return node


@pytest.fixture
def bench():
    """A Bench: add devices, then send / expect(...) (returns the matched Message) / advance."""
    return Bench()


def pytest_addoption(parser):
    parser.addoption("--hilbench-seed", type=int, default=1, help="seed of hilbench scenario runs")


def pytest_collect_file(file_path, parent):
    """Scenario files in a folder named `scenarios` run as test items (fragments `_*.yaml` do not)."""
    if file_path.suffix in (".yaml", ".yml") and file_path.parent.name == "scenarios" \
            and not file_path.name.startswith("_"):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFailed(Exception):
    pass


class ScenarioFile(pytest.File):
    def collect(self):
        yield ScenarioItem.from_parent(self, name=self.path.stem)


class ScenarioItem(pytest.Item):
    def runtest(self):
        result = run_scenario(self.path, seed=self.config.getoption("--hilbench-seed"))
        if not result.passed:
            raise ScenarioFailed(result.explain())

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, (ScenarioFailed, ScenarioError)):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, f"scenario: {self.name}"
