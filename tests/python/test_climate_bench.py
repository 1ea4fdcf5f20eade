"""The climate family on the Python Bench: the bridge and a blaster on the bench's own broker, in
virtual time, driven as Home Assistant drives them."""

import pytest

import hilbench


def climate_bench(**blaster_options):
    bench = hilbench.Bench(seed=1)
    bench.add_hvac("ac", device_id="living_room", entity_name="Living Room AC", blaster="ir_blaster_01",
                   sensor_topic="zigbee2mqtt/ir_blaster_01_room")
    bench.add_ir_blaster("blaster", zigbee_name="ir_blaster_01", **blaster_options)
    return bench


def test_a_json_command_comes_out_of_the_blaster_as_the_matching_daikin_frame():
    bench = climate_bench(room_temperature=28)
    config = bench.expect("ac", mqtt={"unique_id": "daikin_ac_living_room"}, topic="~/config", timeout_ms=0)
    assert config.json()["mode_command_topic"] == "homeassistant/climate/living_room/set"
    bench.send("ac", mqtt={"mode": "cool", "temperature": 22, "fan_mode": "2", "swing_mode": "both"})
    state = bench.expect("ac", mqtt={"mode": "cool", "temperature": 22}, timeout_ms=0)
    assert state.topic == "homeassistant/climate/living_room/state"
    frame = bench.expect("blaster", ir={"protocol": "daikin"}, timeout_ms=1000)
    assert frame.link == "ir"
    assert frame.json()["settings"] == {
        "power": True, "mode": "cool", "hvac_mode": "cool", "temperature": 22, "fan_mode": "2",
        "swing_mode": "both", "powerful": False, "quiet": False, "econo": False, "mold": False,
        "sensor": False, "comfort": False}
    # What a frame takes: 150 ms of Zigbee, then 583 marks and spaces of about 400 ms.
    assert 500 < frame.time_ms < 700
    # The same report on the blaster's MQTT topic, for clients outside the bench.
    emitted = bench.expect("blaster", mqtt={"settings": {"temperature": 22}}, timeout_ms=0)
    assert emitted.topic == "hilbench/ir/ir_blaster_01/emitted"


def test_each_raw_attribute_command_of_home_assistant_sends_the_whole_state():
    bench = climate_bench()
    for payload, expected in [
        ('{"mode": "heat"}', {"mode": "heat", "temperature": 24}),
        ('{"temperature": 26.0}', {"mode": "heat", "temperature": 26}),
        ('{"fan_mode": "quiet"}', {"fan_mode": "quiet", "temperature": 26}),
        ('{"swing_mode": "horizontal"}', {"swing_mode": "horizontal", "fan_mode": "quiet"}),
        ('{"mode": "off"}', {"power": False, "mode": "heat"}),
    ]:
        bench.send("ac", mqtt=payload)
        bench.expect("blaster", ir={"settings": expected}, timeout_ms=1000)
        bench.advance(2000)


def test_a_bad_command_gets_the_error_state_and_sends_nothing():
    bench = climate_bench()
    bench.send("ac", mqtt="not json")
    bench.expect("ac", regex=r'"error":"Invalid command: \\"not json\\" is not JSON', timeout_ms=0)
    bench.expect_none("blaster", ir={}, for_ms=3000)
    bench.send("ac", mqtt={"mode": "auto"})
    good = bench.expect("ac", mqtt={"mode": "auto"}, timeout_ms=0)
    assert "error" not in good.json()


def test_an_offline_blaster_gets_the_waiting_frame_when_it_returns():
    bench = climate_bench()
    bench.set("blaster", online=False)
    bench.send("ac", mqtt={"mode": "fan_only"})
    bench.expect_none("blaster", ir={}, for_ms=5000)
    bench.set("blaster", online=True)
    bench.expect("blaster", ir={"settings": {"mode": "fan_only"}}, timeout_ms=1000)


def test_the_room_follows_the_unit_and_feeds_current_temperature():
    bench = climate_bench(room_temperature=20, outside_temperature=5)
    bench.send("ac", mqtt={"mode": "heat", "temperature": 24})
    bench.expect("ac", mqtt={"action": "heating", "current_temperature": 20}, timeout_ms=0)
    bench.expect("ac", mqtt={"current_temperature": 22}, timeout_ms=15 * 60 * 1000)
    bench.set("blaster", room_temperature={"celsius": 30})
    bench.expect("ac", mqtt={"current_temperature": 30, "action": "idle"}, timeout_ms=2000)


def test_blaster_settings_are_checked():
    bench = climate_bench()
    with pytest.raises(ValueError, match="expected {celsius: C}"):
        bench.set("blaster", room_temperature=30)
    with pytest.raises(ValueError, match="unknown setting 'stall' for an ir_blaster"):
        bench.set("blaster", stall={"motor": 0})
    with pytest.raises(ValueError, match="has no simulated state"):
        bench.set("ac", online=False)
    with pytest.raises(ValueError, match="bad option for the ir_blaster device 'b2'"):
        bench.add_ir_blaster("b2", room_temperature="warm")
    with pytest.raises(ValueError, match="model"):
        bench.add_hvac("ac2", model="mitsubishi")
    with pytest.raises(ValueError, match="ir_blaster device 'b3'"):
        bench.add_ir_blaster("b3", zigbee_name="")
    with pytest.raises(ValueError, match="ir_blaster device 'b4'"):
        bench.add_ir_blaster("b4", sensor_name="room/+")


def test_the_room_sensor_beats_every_30_s_of_virtual_time():
    bench = climate_bench(room_temperature=30, outside_temperature=30)
    beats = [bench.expect("blaster", mqtt={"temperature": 30.0, "humidity": 55.0},
                          topic="zigbee2mqtt/ir_blaster_01_room", timeout_ms=31_000) for _ in range(4)]
    assert [beat.time_ms for beat in beats] == [0.0, 30_000.0, 60_000.0, 90_000.0]
