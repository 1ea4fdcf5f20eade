# `hilbench sim ir-blaster` on a real broker, driven by paho-mqtt as Zigbee2MQTT's clients drive a ZS06:
# codes on zigbee2mqtt/<name>/set, reports on hilbench/ir/<name>/emitted, availability, control, the room sensor.

import base64
import json
import signal
import time
import uuid

import pytest

# Daikin (280-bit) timing and IRremoteESP8266's default state, from
# shared/specs/ir-and-home-assistant-notes.md ("Daikin"); written here independently of the C++ encoder.
HDR_MARK, HDR_SPACE = 3650, 1623
BIT_MARK, ZERO_SPACE, ONE_SPACE = 428, 428, 1280
GAP = 29428
MODES = {"auto": 0, "dry": 2, "cool": 3, "heat": 4, "fan_only": 6}
FANS = {"auto": 0xA, "quiet": 0xB, "1": 3, "2": 4, "3": 5, "4": 6, "5": 7}
SEND_LATENCY_S = 0.150


def daikin_state(power, mode, temperature, fan="auto"):
    s = [0x11, 0xDA, 0x27, 0x00, 0xC5, 0x00, 0x00, 0x00,
         0x11, 0xDA, 0x27, 0x00, 0x42, 0x00, 0x00, 0x00,
         0x11, 0xDA, 0x27, 0x00, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00,
         0x00, 0x06, 0x60, 0x00, 0x00, 0xC0, 0x00, 0x00, 0x00]
    s[21] = (1 if power else 0) | 0x08 | (MODES[mode] << 4)
    s[22] = int(temperature * 2)
    s[24] = FANS[fan] << 4
    s[7] = sum(s[0:7]) & 0xFF
    s[15] = sum(s[8:15]) & 0xFF
    s[34] = sum(s[16:34]) & 0xFF
    return bytes(s)


def daikin_durations(state):
    """The pulse train, ending on its last mark as Tuya codes do (583 durations)."""
    d = []
    for _ in range(5):
        d += [BIT_MARK, ZERO_SPACE]
    d += [BIT_MARK, GAP]
    for section in (state[0:8], state[8:16], state[16:35]):
        d += [HDR_MARK, HDR_SPACE]
        for byte in section:
            for bit in range(8):
                d += [BIT_MARK, ONE_SPACE if (byte >> bit) & 1 else ZERO_SPACE]
        d += [BIT_MARK, GAP]
    return d[:-1]


def tuya_literal_code(durations):
    """A Tuya code the way Home Assistant's and Zigbee2MQTT's own encoders write it: literal blocks only."""
    raw = b"".join(v.to_bytes(2, "little") for v in durations)
    out = bytearray()
    for i in range(0, len(raw), 32):
        chunk = raw[i:i + 32]
        out.append(len(chunk) - 1)
        out += chunk
    return base64.b64encode(bytes(out)).decode("ascii")


def daikin_code(power=True, mode="cool", temperature=21, fan="auto"):
    state = daikin_state(power, mode, temperature, fan)
    durations = daikin_durations(state)
    return tuya_literal_code(durations), state, durations


class Blaster:
    """One `hilbench sim ir-blaster` process and a paho client subscribed to everything it publishes."""

    def __init__(self, proc, probe):
        self.proc = proc
        self.info = proc.info
        self.topics = proc.info["topics"]
        self.probe = probe

    def send(self, code):
        self.probe.publish(self.topics["set"], {"ir_code_to_send": code}, qos=1)

    def control(self, payload):
        self.probe.publish(self.topics["control"], payload, qos=1)

    def next_on(self, topic_key, start, timeout=10.0, what=None):
        topic = self.topics[topic_key]
        return self.probe.wait_for(lambda m: m.topic == topic, start=start, timeout=timeout,
                                   what=what or f"a message on {topic}")

    def on(self, topic_key, start=0):
        return self.probe.on_topic(self.topics[topic_key], start)


@pytest.fixture
def start_blaster(procs, broker, mqtt_probe):
    """Factory: start_blaster(*extra_args) -> Blaster; its probe subscribed before the process starts."""

    def start(*extra, name=None):
        name = name or f"ir_{uuid.uuid4().hex[:8]}"
        probe = mqtt_probe()
        probe.subscribe(f"zigbee2mqtt/{name}/#")  # the device topic zigbee2mqtt/<name> too
        probe.subscribe(f"zigbee2mqtt/{name}_room")
        probe.subscribe(f"hilbench/ir/{name}/#")
        proc = procs.start("sim", "ir-blaster", "--name", name, "--broker", broker.url, *extra,
                           name=f"ir-blaster-{name}")
        blaster = Blaster(proc, probe)
        # Ready means connected; the announcement follows at once (live, so not flagged retained,
        # unlike what an earlier process of the same name left on the broker).
        topic = blaster.topics["availability"]
        probe.wait_for(lambda m: m.topic == topic and not m.retain, what="the announcement")
        return blaster

    return start


def test_ready_line_names_the_topics_and_availability_is_retained(start_blaster, mqtt_probe, broker):
    b = start_blaster()
    name = b.info["name"]
    assert b.info["ready"] is True
    assert b.info["broker"] == broker.url
    assert b.topics == {
        "set": f"zigbee2mqtt/{name}/set",
        "availability": f"zigbee2mqtt/{name}/availability",
        "state": f"zigbee2mqtt/{name}",
        "emitted": f"hilbench/ir/{name}/emitted",
        "control": f"hilbench/ir/{name}/control",
        "control_error": f"hilbench/ir/{name}/control/error",
        "sensor": f"zigbee2mqtt/{name}_room",
    }
    assert b.on("availability")[0].json() == {"state": "online"}
    assert b.next_on("state", 0).json() == {"linkquality": 120}
    reading = b.next_on("sensor", 0).json()
    assert reading == {"temperature": 26.0, "humidity": 55.0}

    late = mqtt_probe()  # as Home Assistant subscribing later: the retained availability arrives
    late.subscribe(b.topics["availability"])
    retained = late.wait_for(lambda m: m.topic == b.topics["availability"], what="retained availability")
    assert retained.retain
    assert retained.json() == {"state": "online"}


def test_a_daikin_code_is_emitted_after_its_train_with_its_settings(start_blaster):
    b = start_blaster()
    code, state, durations = daikin_code(True, "cool", 21)
    train_s = sum(durations) / 1e6
    mark = b.probe.mark()
    sent_at = time.monotonic()
    b.send(code)
    report = b.next_on("emitted", mark)
    elapsed = time.monotonic() - sent_at
    assert report.json() == {
        "protocol": "daikin",
        "state": state.hex(),
        "settings": {"power": True, "mode": "cool", "hvac_mode": "cool", "temperature": 21, "fan_mode": "auto",
                     "swing_mode": "off", "powerful": False, "quiet": False, "econo": False,
                     "mold": False, "sensor": False, "comfort": False},
        "durations": 583,
        "code_chars": len(code),
    }
    assert not report.retain
    assert elapsed >= 0.9 * (SEND_LATENCY_S + train_s), (elapsed, train_s)


def test_a_second_send_in_flight_breaks_both(start_blaster):
    b = start_blaster()
    first, _, _ = daikin_code(True, "cool", 21)
    second, _, _ = daikin_code(True, "heat", 25)
    mark = b.probe.mark()
    b.send(first)
    b.send(second)
    report = b.next_on("emitted", mark).json()
    assert report["error"] == "unexpected sequence: a send arrived while one was in flight"
    assert report["code"] == second[:40]
    assert report["interrupted_code"] == first[:40]
    assert "unexpected sequence" in b.proc.log_text()

    # Both were cut, so the blaster is free: the next send goes through, and nothing of the first
    # two was emitted before its report.
    after = b.probe.mark()
    b.send(second)
    assert b.next_on("emitted", after).json()["settings"]["mode"] == "heat"
    assert len(b.on("emitted", mark)) == 2, b.on("emitted", mark)


def test_offline_via_control_ignores_sends_until_back_online(start_blaster):
    b = start_blaster()
    code, _, _ = daikin_code(True, "cool", 22)
    mark = b.probe.mark()
    b.control({"online": False})
    offline = b.next_on("availability", mark)
    assert offline.json() == {"state": "offline"}
    b.send(code)
    b.proc.wait_for_log("ignored a set message", 5)

    back = b.probe.mark()
    b.control({"online": True})
    assert b.next_on("availability", back).json() == {"state": "online"}
    b.send(code)
    assert b.next_on("emitted", back).json()["settings"]["temperature"] == 22
    assert len(b.on("emitted", mark)) == 1, "the send made while offline emitted nothing"


def test_starts_offline_when_asked(start_blaster):
    b = start_blaster("--offline")
    assert b.on("availability")[0].json() == {"state": "offline"}


def test_invalid_control_payloads_get_an_error_and_change_nothing(start_blaster):
    b = start_blaster()
    for payload, error in [
        ("nope", "control payload is not JSON"),
        ({"online": "no"}, '"online" must be true or false'),
        ({"room_temperature": 99}, '"room_temperature" must be a number from -40 to 60 (degrees C)'),
        ({"online": False, "colour": "red"}, 'unknown control key "colour" (online, room_temperature, outside_temperature)'),
    ]:
        mark = b.probe.mark()
        b.control(payload)
        reply = b.next_on("control_error", mark).json()
        assert reply["error"] == error, payload
    assert [m.json() for m in b.on("availability")] == [{"state": "online"}]


def test_sensor_reports_the_room_as_it_cools(start_blaster):
    # x20: the 30 s heartbeat comes every 1.5 s, and 0.5 C/min of cooling is 0.1 C per 0.6 s.
    b = start_blaster("--time-scale", "20", "--room-temp", "24", "--outside-temp", "31")
    first = b.next_on("sensor", 0).json()
    assert first == {"temperature": 24.0, "humidity": 55.0}
    code, _, _ = daikin_code(True, "cool", 21, "5")
    mark = b.probe.mark()
    b.send(code)
    b.next_on("emitted", mark)
    sensor = b.topics["sensor"]
    cooled = b.probe.wait_for(lambda m: m.topic == sensor and m.json()["temperature"] <= 23.0, start=mark,
                              timeout=20, what="a reading of 23.0 C or less")
    readings = [m.json()["temperature"] for m in b.on("sensor", mark) if m.index <= cooled.index]
    assert readings == sorted(readings, reverse=True), readings
    assert all(round(t, 1) == t for t in readings)

    mark = b.probe.mark()
    b.control({"room_temperature": 28.5})
    assert b.next_on("sensor", mark).json()["temperature"] == 28.5


def test_sensor_heartbeat_and_own_name(start_blaster, mqtt_probe):
    sensor = f"sensor_{uuid.uuid4().hex[:6]}"
    probe = mqtt_probe()
    probe.subscribe(f"zigbee2mqtt/{sensor}")
    # Beats are awaited, not counted over a sleep: the period is checked on virtual time
    # (test_climate_bench.py); the default 30 s would miss the waits' 10 s deadlines.
    b = start_blaster("--sensor", sensor, "--sensor-period-s", "2", "--room-temp", "30", "--outside-temp", "30")
    assert b.topics["sensor"] == f"zigbee2mqtt/{sensor}"
    topic = f"zigbee2mqtt/{sensor}"
    beats = []
    for count in range(1, 4):
        start = beats[-1].index + 1 if beats else 0
        beats.append(probe.wait_for(lambda m: m.topic == topic, start=start, what=f"reading {count}"))
    assert all(m.json() == {"temperature": 30.0, "humidity": 55.0} for m in beats)


def test_garbage_set_payloads_leave_it_serving(start_blaster):
    b = start_blaster()
    mark = b.probe.mark()
    for payload in ["garbage", b"\xff\xfe\x00", "[]", json.dumps({"learn_ir_code": "ON"}),
                    json.dumps({"ir_code_to_send": 7})]:
        b.probe.publish(b.topics["set"], payload, qos=1)
    b.send("this is not base64!")
    error = b.next_on("emitted", mark).json()
    assert error["error"].startswith("invalid Base64"), error
    assert error["code"] == "this is not base64!"
    mark = b.probe.mark()
    b.send("IAA=")  # a back reference before any output
    error = b.next_on("emitted", mark).json()
    assert "error" in error and error["code"] == "IAA="

    mark = b.probe.mark()
    code, _, _ = daikin_code(True, "dry", 24)
    b.send(code)
    assert b.next_on("emitted", mark).json()["settings"]["mode"] == "dry"
    log = b.proc.log_text()
    assert log.count("ignored") >= 5, log
    assert b.proc.alive()


def test_clean_stop_publishes_offline_and_a_kill_leaves_the_will(start_blaster, mqtt_probe):
    b = start_blaster()
    topic = b.topics["availability"]
    mark = b.probe.mark()
    assert b.proc.stop() == 0
    assert b.next_on("availability", mark).json() == {"state": "offline"}

    c = start_blaster(name=b.info["name"])
    mark = c.probe.mark()
    c.proc.signal(signal.SIGKILL)
    assert c.next_on("availability", mark, timeout=15).json() == {"state": "offline"}
    late = mqtt_probe()
    late.subscribe(topic)
    retained = late.wait_for(lambda m: m.topic == topic, what="retained availability")
    assert retained.json() == {"state": "offline"}
