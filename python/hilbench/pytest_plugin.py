"""pytest fixtures for hilbench: `stepper_node` is a fresh simulated node per test."""

import pytest

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
