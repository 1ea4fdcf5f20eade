# hilbench.ir: Daikin frames and Tuya codes from Python; round trips, errors with their reasons,
# and a golden state that `hilbench ir daikin` prints too.

import json
import subprocess

import pytest

import hilbench
from hilbench.ir import DaikinFrame, IrError

# DAIKIN, power on, cool, 21 C, fan auto, swing off, worked out by hand from the notes
# (shared/specs/ir-and-home-assistant-notes.md): byte 21 = power | 0x08 | cool 3 << 4 = 0x39,
# byte 22 = 21 * 2 = 0x2A, byte 24 = fan auto 0xA << 4 = 0xA0, on/off times 0x600 in bytes 26..28,
# byte 31 = 0xC0, byte 34 = sum(16..33) & 0xFF = 0x3B.
COOL_21_STATE = ("11da2700c50000d7" "11da270042000054"
                 "11da270000392a00a0000006600000c000003b")

NEC_LIKE = [9000, 4500] + [560, 560, 560, 1690] * 16 + [560]


def test_ir_is_exported_from_the_package():
    assert hilbench.ir.daikin is not None and "ir" in hilbench.__all__
    assert issubclass(IrError, ValueError)


def test_golden_state_for_cool_21_matches_the_cli(hilbench_bin):
    frame = hilbench.ir.daikin()  # defaults: cool, 21 C, fan auto, swing off, power on
    assert isinstance(frame, DaikinFrame)
    assert frame.protocol == "daikin" and frame.carrier_hz == 38000
    assert frame.state_hex == COOL_21_STATE and frame.state == bytes.fromhex(COOL_21_STATE)
    assert frame.settings == {"power": True, "mode": "cool", "hvac_mode": "cool", "temperature": 21.0,
                              "fan_mode": "auto", "swing_mode": "off", "powerful": False, "quiet": False,
                              "econo": False, "mold": False, "sensor": False, "comfort": False}
    assert len(frame.durations) == 583 and frame.durations[-1] == 428
    cli = subprocess.run([str(hilbench_bin), "ir", "daikin", "--mode", "cool", "--temp", "21", "--fan", "auto",
                          "--swing", "off"], capture_output=True, text=True, timeout=30, check=True)
    out = json.loads(cli.stdout)
    assert out["state"] == frame.state_hex
    assert out["settings"] == frame.settings
    assert out["durations"] == frame.durations
    assert out["tuya"] == frame.tuya


@pytest.mark.parametrize("kwargs", [
    {},
    {"mode": "heat", "temperature": 30, "fan": "5", "swing": "both", "powerful": True, "mold": True},
    {"mode": "off", "temperature": 18, "fan": "quiet", "swing": "vertical"},
    {"mode": "dry", "power": False, "econo": True, "sensor": True, "comfort": True},
    {"mode": "fan_only", "fan": 1, "swing": "horizontal", "quiet": True},
    {"model": "daikin312", "mode": "heat", "temperature": 22.5, "fan": "3", "swing": "both"},
    {"model": "daikin312", "mode": "auto", "temperature": 10, "powerful": True, "sensor": True},
])
def test_daikin_round_trips_through_durations_and_tuya_codes(kwargs):
    frame = hilbench.ir.daikin(**kwargs)
    assert hilbench.ir.decode_daikin(frame.durations) == frame
    from_code = hilbench.ir.decode(frame.tuya)
    assert from_code == frame and from_code.tuya == frame.tuya
    assert from_code.state_hex == frame.state_hex and from_code.settings == frame.settings
    assert hilbench.ir.decode_tuya(frame.tuya) == frame.durations


def test_mode_off_turns_the_power_off_and_daikin312_is_its_own_protocol():
    off = hilbench.ir.daikin(mode="off")
    assert off.settings["power"] is False and off.settings["hvac_mode"] == "off"
    frame = hilbench.ir.daikin(model="daikin312", temperature=25.5)
    assert frame.protocol == "daikin312" and frame.carrier_hz == 36700
    assert len(frame.state) == 39 and len(frame.durations) == 643
    assert "daikin312" in repr(frame) and "25.5 C" in repr(frame)


def test_daikin_takes_half_degrees_as_irremoteesp8266_does():
    # IRDaikinESP::setTemp(22.5) writes 45 (0x2D) into byte 22 (src/ir_Daikin.cpp, its PR 2036).
    frame = hilbench.ir.daikin(temperature=22.5)
    assert frame.state[22] == 0x2D and frame.settings["temperature"] == 22.5
    assert frame.state[34] == sum(frame.state[16:34]) & 0xFF
    whole = hilbench.ir.daikin(temperature=22).state
    assert [i for i in range(35) if frame.state[i] != whole[i]] == [22, 34]
    assert hilbench.ir.decode(frame.tuya) == frame


def test_decode_daikin_accepts_the_final_gap():
    frame = hilbench.ir.daikin(mode="heat", temperature=25)
    assert hilbench.ir.decode_daikin(frame.durations + [29428]) == frame


def test_tuya_round_trip_and_the_three_encoders():
    frame = hilbench.ir.daikin(mode="heat", temperature=23)
    sizes = {}
    for encoder in ("optimal", "greedy", "literal"):
        code = hilbench.ir.encode_tuya(frame.durations, encoder=encoder)
        assert hilbench.ir.decode_tuya(code) == frame.durations
        assert hilbench.ir.daikin(mode="heat", temperature=23, encoder=encoder).tuya == code
        sizes[encoder] = len(code)
    assert sizes["literal"] > sizes["greedy"] >= sizes["optimal"], sizes
    assert hilbench.ir.decode_tuya(hilbench.ir.encode_tuya(NEC_LIKE)) == NEC_LIKE
    assert hilbench.ir.decode_tuya(hilbench.ir.encode_tuya(tuple(NEC_LIKE), "greedy")) == NEC_LIKE
    assert hilbench.ir.encode_tuya([]) == "" and hilbench.ir.decode_tuya("") == []


def test_clamp_sends_over_range_durations_as_65535():
    code = hilbench.ir.encode_tuya([9000, 70000, 560], clamp=True)
    assert hilbench.ir.decode_tuya(code) == [9000, 65535, 560]


@pytest.mark.parametrize("durations, reason, index", [
    ([9000, 70000], "duration 1 is 70000 us; a Tuya code holds at most 65535", 1),
    ([9000, 4500, -5], "duration 2 is -5 us; durations cannot be negative", 2),
    ([9000, "560"], "duration 1 is '560', not an integer", 1),
    ([9000, 560.5], "duration 1 is 560.5, not an integer", 1),
    ([True], "duration 0 is True, not an integer", 0),
])
def test_encode_tuya_refuses_bad_durations_with_the_reason(durations, reason, index):
    with pytest.raises(IrError, match=reason) as raised:
        hilbench.ir.encode_tuya(durations)
    assert raised.value.index == index and raised.value.reason.startswith(f"duration {index}")


def test_encode_tuya_refuses_an_unknown_encoder_and_a_string():
    with pytest.raises(IrError, match="encoder must be one of optimal, smallest, greedy, literal, not 'best'"):
        hilbench.ir.encode_tuya(NEC_LIKE, encoder="best")
    with pytest.raises(IrError, match="not a string"):
        hilbench.ir.encode_tuya("9000,4500")


@pytest.mark.parametrize("code, offset, kind, reason", [
    ("AAA#", 3, "invalid_base64", "bad Base64 character '#' at offset 3"),
    ("IAAA", 0, "distance_beyond_output", "reaches 1 bytes back but only 0 are decoded"),
    ("AQ==", 0, "truncated_literal", "announces 2 bytes but only 0 follow"),
    ("AgECAw==", 2, "odd_length", "byte 2 is left over"),
])
def test_decode_tuya_raises_with_the_decoders_reason_and_offset(code, offset, kind, reason):
    with pytest.raises(IrError, match=reason) as raised:
        hilbench.ir.decode_tuya(code)
    assert raised.value.offset == offset and raised.value.kind == kind
    with pytest.raises(IrError, match=reason):
        hilbench.ir.decode(code)


def test_decoding_something_that_is_not_daikin_says_why():
    with pytest.raises(IrError, match=r"^not a Daikin frame: as DAIKIN, .*; as DAIKIN312, "):
        hilbench.ir.decode(hilbench.ir.encode_tuya(NEC_LIKE))
    with pytest.raises(IrError, match="not a Daikin frame"):
        hilbench.ir.decode_daikin(NEC_LIKE)
    frame = hilbench.ir.daikin()
    with pytest.raises(IrError, match=r"checksum of section 3 \(byte 34\)"):
        hilbench.ir.decode_daikin(_train_with_bit_flipped(frame.durations, 34 * 8))  # checksum's bit 0


def _train_with_bit_flipped(durations, bit):
    """The DAIKIN train with one state bit's space swapped (0 <-> 1): 12 durations of preamble,
    then each section's header (2), bits (2 each) and footer (2)."""
    sections = [(0, 8), (8, 8), (16, 19)]
    at = 12
    for first, length in sections:
        if first * 8 <= bit < (first + length) * 8:
            index = at + 2 + 2 * (bit - first * 8) + 1
            out = list(durations)
            out[index] = 1280 if out[index] == 428 else 428
            return out
        at += 2 + 2 * 8 * length + 2
    raise AssertionError("bit out of range")


@pytest.mark.parametrize("kwargs, reason", [
    ({"temperature": 40}, "temperature 40 C is out of range 10..32 C"),
    ({"temperature": 21.25}, "is not a multiple of 0.5 C"),
    ({"temperature": "warm"}, "temperature 'warm' is not a number"),
    ({"mode": "warm"}, '"warm" is not a valid hvac mode'),
    ({"fan": "turbo"}, '"turbo" is not a valid fan mode'),
    ({"swing": "diagonal"}, '"diagonal" is not a valid swing mode'),
    ({"model": "daikin2"}, "model must be daikin or daikin312"),
    ({"model": "daikin312", "comfort": True}, "DAIKIN312 cannot carry these settings"),
    ({"powerful": True, "econo": True}, "powerful and econo cannot both be on"),
    ({"encoder": "zip"}, "encoder must be one of"),
])
def test_daikin_refuses_settings_the_model_cannot_carry(kwargs, reason):
    with pytest.raises(IrError, match=reason):
        hilbench.ir.daikin(**kwargs)


def test_daikin_refuses_an_unknown_extra():
    with pytest.raises(TypeError, match="unknown extras turbo"):
        hilbench.ir.daikin(turbo=True)
