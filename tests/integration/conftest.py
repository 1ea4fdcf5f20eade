# Fixtures of the integration tests: paho-mqtt probes, a node command helper and a pyserial console (helpers in clients.py).

import pytest

from clients import Console, MqttProbe, NodeMqtt


@pytest.fixture
def mqtt_probe(broker):
    """Factory of paho clients on the module's broker (or another port); all closed at teardown."""
    made = []

    def make(port=None):
        probe = MqttProbe("127.0.0.1", port or broker.port)
        made.append(probe)
        return probe

    yield make
    for probe in made:
        probe.close()


@pytest.fixture
def node_mqtt(sim_node, mqtt_probe):
    """(sim node process, NodeMqtt speaking to it over paho)."""
    return sim_node, NodeMqtt(mqtt_probe(), sim_node.node_id)


@pytest.fixture(scope="module")
def shared_node_mqtt(shared_sim_node, broker):
    """NodeMqtt to the module's shared sim node (tests using it must not change its settings)."""
    probe = MqttProbe("127.0.0.1", broker.port)
    yield NodeMqtt(probe, shared_sim_node.node_id)
    probe.close()


@pytest.fixture
def console(start_sim):
    """(sim node, Console on its PTY). Serial only, device time x10 so Wi-Fi joins quickly;
    every duration the node reports stays in device milliseconds."""
    node = start_sim("--no-mqtt", "--time-scale", "10", broker_url=False)
    con = Console(node.serial)
    yield node, con
    con.close()

