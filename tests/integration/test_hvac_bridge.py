# The climate family end to end: a client behaving as Home Assistant reads the discovery of
# `hilbench hvac`, sends what HA sends for each attribute, and `hilbench sim ir-blaster` reports the
# Daikin frame it received. Also a broker with passwords, an ACL and TLS, a broker outage and an
# offline blaster.

import json
import subprocess

import pytest

from clients import MqttProbe
from tls_files import free_port, make_tls_files

DEVICE = "living_room"
BLASTER = "ir_blaster_01"
PREFIX = f"homeassistant/climate/{DEVICE}"
EMITTED = f"hilbench/ir/{BLASTER}/emitted"
CONTROL = f"hilbench/ir/{BLASTER}/control"
SENSOR = f"zigbee2mqtt/{BLASTER}_room"
WAIT = 15.0  # a frame takes about 1 s on air, the rate limit 1 s per command beyond a burst of 3

DISCOVERY_KEYS = {
    "name", "unique_id", "object_id", "default_entity_id", "device",
    "mode_command_topic", "mode_command_template", "mode_state_topic", "mode_state_template",
    "temperature_command_topic", "temperature_command_template", "temperature_state_topic",
    "temperature_state_template", "current_temperature_topic", "current_temperature_template",
    "fan_mode_command_topic", "fan_mode_command_template", "fan_mode_state_topic", "fan_mode_state_template",
    "swing_mode_command_topic", "swing_mode_command_template", "swing_mode_state_topic",
    "swing_mode_state_template", "action_topic", "action_template", "availability_topic",
    "payload_available", "payload_not_available", "modes", "fan_modes", "swing_modes", "min_temp",
    "max_temp", "temp_step", "precision", "temperature_unit", "qos", "retain", "optimistic",
}


class HomeAssistant:
    """What HA's MQTT climate platform does with a discovered entity: render its command templates."""

    def __init__(self, probe):
        self.probe = probe
        probe.subscribe(f"{PREFIX}/#")
        probe.subscribe(f"hilbench/ir/{BLASTER}/#")
        probe.subscribe(f"zigbee2mqtt/{BLASTER}/availability")
        config = probe.wait_for(lambda m: m.topic == f"{PREFIX}/config" and m.payload, what="discovery")
        self.discovery = config.json()
        self.config_message = config

    def command(self, attribute, value):
        """Publishes as HA does: `{{ value }}` in the attribute's command template (raw value without one)."""
        template = self.discovery.get(f"{attribute}_command_template")
        payload = template.replace("{{ value }}", str(value)) if template else str(value)
        self.probe.publish(self.discovery[f"{attribute}_command_topic"], payload)

    def state(self, start=0, predicate=lambda s: True, what="a state"):
        msg = self.probe.wait_for(lambda m: m.topic == f"{PREFIX}/state" and m.payload and predicate(m.json()),
                                  timeout=WAIT, start=start, what=what)
        return msg.json()

    def emitted(self, start=0, **settings):
        """The first frame the blaster emitted after `start` whose decoded settings include these."""
        def matches(m):
            if m.topic != EMITTED:
                return False
            doc = m.json()
            return all(doc.get("settings", {}).get(k) == v for k, v in settings.items())
        return self.probe.wait_for(matches, timeout=WAIT, start=start, what=f"an emitted frame with {settings}").json()


def start_climate(procs, broker_url, *hvac_extra, blaster_extra=()):
    blaster = procs.start("sim", "ir-blaster", "--name", BLASTER, "--broker", broker_url, *blaster_extra,
                          name="blaster")
    hvac = procs.start("hvac", "--broker", broker_url, "--device", DEVICE, "--blaster", BLASTER,
                       "--name", "Living Room AC", "--sensor-topic", SENSOR, *hvac_extra, name="hvac")
    return blaster, hvac


@pytest.fixture
def ha(procs, private_broker):
    start_climate(procs, private_broker.url)
    probe = MqttProbe(private_broker.host, private_broker.port)
    yield HomeAssistant(probe)
    probe.close()


def retained(broker, topic):
    """The message a client subscribing now gets for `topic`: the broker's retained copy."""
    probe = MqttProbe(broker.host, broker.port)
    try:
        probe.subscribe(topic)
        return probe.wait_for(lambda m: m.topic == topic, what=f"the retained {topic}")
    finally:
        probe.close()


def test_discovery_is_what_current_home_assistant_accepts(ha, procs, private_broker):
    d = ha.discovery
    # Asked of a later subscriber: HA's own subscription may precede the bridge's announcement.
    assert retained(private_broker, f"{PREFIX}/config").retain
    assert set(d) == DISCOVERY_KEYS, set(d) ^ DISCOVERY_KEYS
    assert d["default_entity_id"] == f"climate.{d['object_id']}"
    assert d["device"]["identifiers"] and d["device"]["manufacturer"] == "Daikin"
    assert d["modes"] == ["off", "cool", "heat", "dry", "fan_only", "auto"]
    assert d["fan_modes"] == ["auto", "quiet", "1", "2", "3", "4", "5"]
    assert d["swing_modes"] == ["off", "vertical", "horizontal", "both"]
    assert d["precision"] in (0.1, 0.5, 1.0) and d["temperature_unit"] == "C"
    assert all(d[f"{a}_command_topic"] == f"{PREFIX}/set" for a in ("mode", "temperature", "fan_mode", "swing_mode"))
    ha.probe.wait_for(lambda m: m.topic == f"{PREFIX}/availability", what="availability")
    avail = retained(private_broker, f"{PREFIX}/availability")
    assert avail.payload == b"online" and avail.retain
    state = ha.state(what="the initial state")
    assert {"mode": "off", "temperature": 24, "fan_mode": "auto", "swing_mode": "off"}.items() <= state.items()


def test_each_attribute_as_home_assistant_sends_it_reaches_the_unit(ha):
    start = ha.probe.mark()
    ha.command("mode", "cool")
    assert ha.emitted(start, power=True, mode="cool")["protocol"] == "daikin"
    ha.command("temperature", 21.0)
    ha.command("fan_mode", "3")
    ha.command("swing_mode", "vertical")  # the fourth within a second: merged, sent when the limit allows
    frame = ha.emitted(start, mode="cool", temperature=21, fan_mode="3", swing_mode="vertical")
    assert frame["state"].startswith("11da2700c50000d7")
    state = ha.state(start, lambda s: s.get("swing_mode") == "vertical", "the state after four commands")
    assert {"mode": "cool", "temperature": 21, "fan_mode": "3", "swing_mode": "vertical"}.items() <= state.items()
    assert "error" not in state


def test_raw_payloads_without_a_template_are_understood(ha):
    start = ha.probe.mark()
    ha.probe.publish(f"{PREFIX}/set", "heat")
    ha.emitted(start, power=True, mode="heat")
    ha.probe.publish(f"{PREFIX}/set", "23.0")
    ha.emitted(start, mode="heat", temperature=23)
    ha.probe.publish(f"{PREFIX}/set", "off")
    ha.emitted(start, power=False)


def test_a_bad_command_gets_the_error_state_and_the_next_good_one_clears_it(ha):
    start = ha.probe.mark()
    ha.probe.publish(f"{PREFIX}/set", json.dumps({"temperature": 99}))
    bad = ha.state(start, lambda s: "error" in s, "an error state")
    assert "temperature" in bad["error"].lower() and "16" in bad["error"] and "32" in bad["error"]
    ha.probe.publish(f"{PREFIX}/set", "{not json")
    ha.state(start, lambda s: "error" in s and "temperature" not in s["error"].lower(), "a second error state")
    ha.command("mode", "dry")
    ha.emitted(start, mode="dry")
    good = ha.state(start, lambda s: s.get("mode") == "dry", "the state after a good command")
    assert "error" not in good


def test_home_assistant_coming_online_gets_discovery_again(ha):
    start = ha.probe.mark()
    ha.probe.publish("homeassistant/status", "online", retain=False)
    again = ha.probe.wait_for(lambda m: m.topic == f"{PREFIX}/config" and m.payload, start=start,
                              what="discovery after HA's birth message")
    assert json.loads(again.payload) == ha.discovery


def test_the_room_sensor_feeds_current_temperature_and_the_action(ha):
    start = ha.probe.mark()
    ha.command("mode", "cool")
    ha.command("temperature", 18.0)
    state = ha.state(start, lambda s: s.get("current_temperature") is not None and s.get("temperature") == 18,
                     "a state with the room temperature")
    assert state["action"] == ("cooling" if state["current_temperature"] > 18 else "idle")


def test_frames_wait_for_an_offline_blaster_and_the_newest_state_goes_when_it_returns(ha):
    start = ha.probe.mark()
    ha.probe.publish(CONTROL, json.dumps({"online": False}))
    ha.probe.wait_for(lambda m: m.topic == f"zigbee2mqtt/{BLASTER}/availability" and b"offline" in m.payload,
                      start=start, what="the blaster offline")
    ha.command("mode", "heat")
    ha.command("temperature", 25.0)
    ha.state(start, lambda s: s.get("mode") == "heat" and s.get("temperature") == 25, "both commands accepted")
    ha.probe.publish(CONTROL, json.dumps({"online": True}))
    first = ha.emitted(start, mode="heat")
    assert first["settings"]["temperature"] == 25, "a frame carries the whole state: the waiting one was replaced"
    ha.command("mode", "cool")
    ha.emitted(start, mode="cool")
    frames = ha.probe.on_topic(EMITTED, start)
    assert len(frames) == 2, f"one frame for the waiting commands, one for the next: {frames}"


def test_a_broker_outage_delivers_the_waiting_frame_after_it_returns(procs):
    port = free_port()
    broker = procs.start("broker", "--port", str(port), name="broker")
    _, hvac = start_climate(procs, broker.info["url"])
    probe = MqttProbe("127.0.0.1", port)
    ha = HomeAssistant(probe)
    for value in ("cool", "heat", "dry"):
        ha.command("mode", value)  # the burst: three frames at once
    ha.command("temperature", 27.0)  # held by the rate limit
    ha.command("mode", "cool")       # merged with it
    probe.close()
    # The broker stops only once the bridge has the last command: stopped earlier, it drops them.
    hvac.wait_for_log(": command temperature", 10)
    after_temperature = hvac.log_text().index(": command temperature")
    hvac.wait_for_log(": command mode cool", 10, start=after_temperature)
    log_start = len(hvac.log_text())
    broker.stop()
    # The frame held for the merged commands waits while the broker is away.
    hvac.wait_for_log("broker unreachable: IR frames wait", 10, start=log_start)
    procs.start("broker", "--port", str(port), name="broker-again")
    probe = MqttProbe("127.0.0.1", port)
    try:
        probe.subscribe(EMITTED)
        frame = probe.wait_for(lambda m: m.topic == EMITTED and m.json().get("settings", {}).get("temperature") == 27,
                               timeout=30, what="the merged frame after the broker returned").json()
        assert frame["settings"]["mode"] == "cool"
    finally:
        probe.close()


def test_password_acl_and_tls_broker(procs, tmp_path):
    make_tls_files(tmp_path)
    acl = tmp_path / "acl"
    acl.write_text("user hvac\ntopic readwrite homeassistant/#\ntopic write zigbee2mqtt/+/set\n"
                   "topic read zigbee2mqtt/#\n\n"
                   "user z2m\ntopic readwrite zigbee2mqtt/#\ntopic readwrite hilbench/#\n\n"
                   "user ha\ntopic readwrite homeassistant/#\ntopic read hilbench/#\ntopic read zigbee2mqtt/#\n")
    tls_port = free_port()
    broker = procs.start("broker", "--user", "hvac:cold-air-1", "--user", "z2m:zigbee-2", "--user", "ha:assistant-3",
                         "--acl-file", str(acl), "--tls-port", str(tls_port), "--tls-cert", str(tmp_path / "server.pem"),
                         "--tls-key", str(tmp_path / "server.key"), name="secure-broker")
    procs.start("sim", "ir-blaster", "--name", BLASTER, "--broker", broker.info["url"], "--username", "z2m",
                "--password", "zigbee-2", name="blaster")
    procs.start("hvac", "--broker", broker.info["tls_url"], "--tls-ca", str(tmp_path / "ca.pem"), "--username", "hvac",
                "--password", "cold-air-1", "--device", DEVICE, "--blaster", BLASTER, name="hvac")
    probe = MqttProbe("127.0.0.1", broker.info["port"], username="ha", password="assistant-3")
    try:
        ha = HomeAssistant(probe)
        start = probe.mark()
        ha.command("mode", "fan_only")
        assert ha.emitted(start, mode="fan_only")["protocol"] == "daikin"
    finally:
        probe.close()


def test_remove_deletes_the_entity_from_home_assistant(procs, private_broker, hilbench_bin):
    _, hvac = start_climate(procs, private_broker.url)
    probe = MqttProbe(private_broker.host, private_broker.port)
    HomeAssistant(probe)  # the entity was announced
    probe.close()
    hvac.stop()  # one bridge per client id: the service goes before --remove runs
    result = subprocess.run([str(hilbench_bin), "hvac", "--broker", private_broker.url, "--device", DEVICE,
                             "--blaster", BLASTER, "--remove"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"removed": [DEVICE]}
    probe = MqttProbe(private_broker.host, private_broker.port)
    try:
        probe.subscribe(f"{PREFIX}/config")
        # The broker sends a retained message before anything published after the SUBACK.
        probe.subscribe("hilbench/test/marker")
        probe.publish("hilbench/test/marker", "after")
        probe.wait_for(lambda m: m.topic == "hilbench/test/marker", what="the marker")
        assert all(not m.payload for m in probe.on_topic(f"{PREFIX}/config")), "no retained discovery is left"
    finally:
        probe.close()


def test_remove_publishes_nothing_but_the_clearing_messages(private_broker, hilbench_bin):
    # Issue 13: --remove announced the entity (online, state, config) before deleting it, and
    # logged on exit that IR frames wait for the broker.
    probe = MqttProbe(private_broker.host, private_broker.port)
    try:
        probe.subscribe(f"{PREFIX}/#")
        result = subprocess.run([str(hilbench_bin), "hvac", "--broker", private_broker.url, "--device", DEVICE,
                                 "--blaster", BLASTER, "--remove"], capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result.stderr
        probe.subscribe("hilbench/test/marker")
        probe.publish("hilbench/test/marker", "after")
        probe.wait_for(lambda m: m.topic == "hilbench/test/marker", what="the marker")
        seen = [m for m in probe.messages if m.topic.startswith(PREFIX)]
        assert sorted(m.topic for m in seen) == [f"{PREFIX}/{leaf}" for leaf in ("availability", "config", "state")]
        assert all(m.payload == b"" for m in seen), seen
        assert "wait" not in result.stderr, result.stderr
    finally:
        probe.close()


def test_clearing_a_retained_command_leaves_the_state_without_an_error(procs, private_broker):
    # Issue 13: `mosquitto_pub -t .../set -n -r` put "Invalid command: empty payload" in the state.
    _, hvac = start_climate(procs, private_broker.url)
    probe = MqttProbe(private_broker.host, private_broker.port)
    try:
        ha = HomeAssistant(probe)
        start = probe.mark()
        subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(private_broker.port),
                        "-t", f"{PREFIX}/set", "-n", "-r"], check=True, timeout=10)
        hvac.wait_for_log("ignored an empty message", WAIT)
        ha.command("mode", "cool")
        state = ha.state(start, lambda s: s["mode"] == "cool", what="the cool state")
        assert "error" not in state
        assert all("error" not in m.json() for m in probe.messages[start:] if m.topic == f"{PREFIX}/state" and m.payload)
    finally:
        probe.close()
