# `hilbench fleet` for the kinds beyond the stepper node, against a real mosquitto: a fleet of Zigbee IR
# blasters (the simulated ZS06 each) that a paho-mqtt host drives as Zigbee2MQTT's clients do, and the
# fleet's own host probing them.

import base64
import json
import subprocess

import pytest

from fleet_clients import DEADLINE, Host, report, start_fleet, wait_until


def daikin_cool_code(temperature):
    """A Tuya code (literal blocks, as Zigbee2MQTT writes them) of a DAIKIN frame: cool, fan auto, on.
    Layout and timings from shared/specs/ir-and-home-assistant-notes.md ("Daikin")."""
    frame = bytearray(35)
    frame[0:8] = bytes([0x11, 0xDA, 0x27, 0x00, 0xC5, 0x00, 0x00, 0x00])
    frame[8:16] = bytes([0x11, 0xDA, 0x27, 0x00, 0x42, 0x00, 0x00, 0x00])
    frame[16:19] = bytes([0x11, 0xDA, 0x27])
    frame[21] = 0x01 | 0x08 | (3 << 4)  # power, the bit always set, mode cool
    frame[22] = temperature * 2
    frame[24] = 0xA0  # fan auto
    frame[27], frame[28], frame[31] = 0x06, 0x60, 0xC0  # timers unused, weekly timer off
    for end, start in ((7, 0), (15, 8), (34, 16)):
        frame[end] = sum(frame[start:end]) & 0xFF
    train = [428, 428] * 5 + [428, 29428]
    for section in (frame[0:8], frame[8:16], frame[16:35]):
        train += [3650, 1623]
        train += [d for byte in section for bit in range(8) for d in (428, 1280 if byte >> bit & 1 else 428)]
        train += [428, 29428]
    raw = b"".join(d.to_bytes(2, "little") for d in train[:-1])  # a code ends on its last mark
    blocks = b"".join(bytes([len(raw[i:i + 32]) - 1]) + raw[i:i + 32] for i in range(0, len(raw), 32))
    return base64.b64encode(blocks).decode()


def test_two_hundred_ir_blasters_connect_and_emit_the_frames_a_paho_host_sends(procs, private_broker):
    fleet = start_fleet(procs, private_broker, "ir_blaster", 200)
    assert fleet.info["connected"] == 200 and fleet.info["failed"] == 0, fleet.info
    sample = [f"fleet-{i:06d}" for i in range(0, 200, 37)]
    host = Host(private_broker, ["zigbee2mqtt/+/availability"] + [f"hilbench/ir/{b}/emitted" for b in sample])
    try:
        # Each blaster's retained availability is there for a host that comes later.
        wait_until(lambda: len({t for t, _ in host.received()}) == 200, DEADLINE, message="200 retained availabilities")
        assert {p for _, p in host.received()} == {'{"state":"online"}'}
        for i, blaster in enumerate(sample):
            host.client.publish(f"zigbee2mqtt/{blaster}/set",
                                json.dumps({"ir_code_to_send": daikin_cool_code(18 + i)}), qos=1)
        emitted = lambda topic, payload: topic.endswith("/emitted")
        wait_until(lambda: len(host.received(emitted)) == len(sample), DEADLINE, message="every frame emitted")
        for topic, payload in host.received(emitted):
            blaster = topic.split("/")[2]
            report_ = json.loads(payload)
            assert report_["protocol"] == "daikin" and report_["durations"] == 583, report_
            settings = report_["settings"]
            assert (settings["mode"], settings["fan_mode"], settings["power"]) == ("cool", "auto", True)
            assert settings["temperature"] == 18 + sample.index(blaster), (blaster, settings)
    finally:
        host.close()


def test_the_fleets_host_probes_ir_blasters_and_loses_none(procs, private_broker):
    fleet = start_fleet(procs, private_broker, "ir_blaster", 100, "--command-rate", "50")
    wait_until(lambda: report(fleet)["commands_answered"] >= 50, DEADLINE, message="50 probes answered")
    counts = report(fleet)
    assert counts["commands_answered"] > 0 and counts["commands_lost"] == 0, counts


@pytest.mark.parametrize("args,why", [
    (["--kind", "ir_blaster", "--count", "3", "--id-prefix", "room.a"], "'.'"),
    (["--kind", "ir_blaster", "--count", "3", "--id-prefix", "a+"], "'+'"),
    (["--kind", "hvac", "--count", "3"], "has no fleet form"),  # a host-side bridge, not a device
])
def test_bad_fleet_flags_for_other_kinds_say_why(hilbench_bin, args, why):
    result = subprocess.run([str(hilbench_bin), "fleet", "--broker", "mqtt://127.0.0.1:1", *args],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and why in result.stderr, result.stderr
