# `hilbench ir`: Daikin settings to a frame and its Tuya code, Tuya codes back to durations and
# settings, durations to Tuya codes; each error path with its exit code (2 bad flag or value, 1 a
# code that does not decode) and message.

import json
import pathlib
import subprocess

import pytest

# DAIKIN, power on, cool, 21 C, fan auto, swing off, worked out by hand from the notes
# (shared/specs/ir-and-home-assistant-notes.md): byte 21 = power | 0x08 | cool 3 << 4 = 0x39,
# byte 22 = 21 * 2 = 0x2A, byte 24 = fan auto 0xA << 4 = 0xA0, on/off times 0x600 in bytes 26..28,
# byte 31 = 0xC0 (weekly timer off), byte 34 = sum(16..33) & 0xFF = 0x3B.
COOL_21_STATE = ("11da2700c50000d7" "11da270042000054"
                 "11da270000392a00a0000006600000c000003b")

# The same at 22.5 C: byte 22 = 22.5 * 2 = 0x2D, as IRremoteESP8266's IRDaikinESP::setTemp(22.5)
# writes it (src/ir_Daikin.cpp, since its PR 2036); byte 34 follows, 0x3E.
COOL_22_5_STATE = ("11da2700c50000d7" "11da270042000054"
                   "11da270000392d00a0000006600000c000003e")

# lastmyle/maestro-tuya-ir's DAIKIN_USER_CODE (tests/test_daikin_e2e.py): a ZS06 learned it from a
# real remote, one zero space stretched to 596 us; that test decodes it as DAIKIN.
LEARNED_CODE = (pathlib.Path(__file__).parents[1] / "fuzz" / "corpus" / "tuya_decoder" /
                "daikin_learned").read_text().strip()

NEC_LIKE = [9000, 4500] + [560, 560, 560, 1690] * 16 + [560]


def hilbench(bin_path, *args, stdin=None):
    return subprocess.run([str(bin_path), "ir", *map(str, args)], input=stdin, capture_output=True,
                          text=True, timeout=30)


def ok_json(result):
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("}\n") and result.stdout.count("\n") == 1, result.stdout  # one compact line
    return json.loads(result.stdout)


def test_daikin_prints_the_frame_its_durations_and_its_tuya_code(hilbench_bin):
    out = ok_json(hilbench(hilbench_bin, "daikin", "--mode", "cool", "--temp", "21", "--fan", "auto",
                           "--swing", "off"))
    assert list(out) == ["protocol", "settings", "state", "durations", "carrier_hz", "tuya", "tuya_chars"]
    assert out["protocol"] == "daikin" and out["carrier_hz"] == 38000
    assert out["state"] == COOL_21_STATE
    assert out["settings"] == {"power": True, "mode": "cool", "hvac_mode": "cool", "temperature": 21,
                               "fan_mode": "auto", "swing_mode": "off", "powerful": False, "quiet": False,
                               "econo": False, "mold": False, "sensor": False, "comfort": False}
    durations = out["durations"]
    assert len(durations) == 583 and durations[-1] == 428  # ends on the last mark, as Tuya codes do
    assert durations[:12] == [428] * 11 + [29428] and durations[12:14] == [3650, 1623]
    assert out["tuya_chars"] == len(out["tuya"])
    assert ok_json(hilbench(hilbench_bin, "decode", "--tuya", out["tuya"]))["durations"] == durations


@pytest.mark.parametrize("flags", [
    [],
    ["--mode", "heat", "--temp", "30", "--fan", "5", "--swing", "both", "--powerful", "--mold"],
    ["--mode", "off", "--temp", "18", "--fan", "quiet", "--swing", "vertical"],
    ["--mode", "dry", "--power", "off", "--econo", "--sensor", "--comfort"],
    ["--mode", "fan_only", "--fan", "1", "--swing", "horizontal", "--quiet"],
    ["--model", "daikin312", "--mode", "heat", "--temp", "22.5", "--fan", "3", "--swing", "both"],
    ["--model", "daikin312", "--mode", "auto", "--temp", "10", "--powerful", "--sensor", "--mold"],
])
def test_daikin_then_decode_gives_back_the_same_settings_and_state(hilbench_bin, flags):
    made = ok_json(hilbench(hilbench_bin, "daikin", *flags))
    decoded = ok_json(hilbench(hilbench_bin, "decode", "--tuya", made["tuya"]))
    assert decoded["count"] == len(decoded["durations"]) == len(made["durations"])
    assert "not_daikin" not in decoded
    frame = decoded["daikin"]
    assert frame["protocol"] == made["protocol"]
    assert frame["state"] == made["state"]
    assert frame["settings"] == made["settings"]
    assert frame["carrier_hz"] == made["carrier_hz"]


def test_mode_off_powers_off_and_daikin312_has_its_own_shape(hilbench_bin):
    off = ok_json(hilbench(hilbench_bin, "daikin", "--mode", "off"))["settings"]
    assert off["power"] is False and off["hvac_mode"] == "off"
    made = ok_json(hilbench(hilbench_bin, "daikin", "--model", "daikin312", "--temp", "25.5"))
    assert made["protocol"] == "daikin312" and made["carrier_hz"] == 36700
    assert len(made["state"]) == 2 * 39 and len(made["durations"]) == 643
    assert made["settings"]["temperature"] == 25.5


def test_daikin_half_degrees_give_irremoteesp8266s_state(hilbench_bin):
    made = ok_json(hilbench(hilbench_bin, "daikin", "--temp", "22.5"))
    assert made["state"] == COOL_22_5_STATE
    assert made["settings"]["temperature"] == 22.5
    decoded = ok_json(hilbench(hilbench_bin, "decode", "--tuya", made["tuya"]))
    assert decoded["daikin"]["settings"] == made["settings"]


def test_decode_takes_a_learned_code_with_a_stretched_space(hilbench_bin):
    decoded = ok_json(hilbench(hilbench_bin, "decode", "--tuya", LEARNED_CODE))
    assert decoded["durations"][341] == 596
    frame = decoded["daikin"]
    assert frame["protocol"] == "daikin" and frame["state"].endswith("1f")
    assert {key: frame["settings"][key] for key in ("power", "mode", "temperature", "fan_mode")} == {
        "power": False, "mode": "auto", "temperature": 25, "fan_mode": "auto"}


def test_decode_reads_the_code_from_stdin(hilbench_bin):
    made = ok_json(hilbench(hilbench_bin, "daikin", "--temp", "24"))
    decoded = ok_json(hilbench(hilbench_bin, "decode", "--tuya", "-", stdin=made["tuya"] + "\n"))
    assert decoded["daikin"]["state"] == made["state"]


def test_decode_of_a_valid_code_that_is_not_daikin_says_why(hilbench_bin):
    code = ok_json(hilbench(hilbench_bin, "encode", "--tuya", "--durations", ",".join(map(str, NEC_LIKE))))["tuya"]
    decoded = ok_json(hilbench(hilbench_bin, "decode", "--tuya", code))
    assert decoded["durations"] == NEC_LIKE and decoded["count"] == len(NEC_LIKE)
    assert decoded["daikin"] is None
    assert decoded["not_daikin"].startswith("not a Daikin frame: as DAIKIN, ")
    assert "as DAIKIN312, " in decoded["not_daikin"]


@pytest.mark.parametrize("code, offset, reason", [
    ("AAA#", 3, "bad Base64 character '#' at offset 3"),
    ("IAAA", 0, "reaches 1 bytes back but only 0 are decoded"),  # a match as the first block
    ("AQ==", 0, "literal"),                                      # a literal announcing 2 bytes, 0 left
    ("AgECAw==", 2, "byte 2 is left over"),                      # three bytes: no whole last duration
])
def test_decode_rejects_a_malformed_code_with_reason_and_offset(hilbench_bin, code, offset, reason):
    result = hilbench(hilbench_bin, "decode", "--tuya", code)
    assert result.returncode == 1, result.stdout + result.stderr
    assert reason in result.stderr and f"offset {offset}" in result.stderr
    error = json.loads(result.stdout)
    assert reason in error["error"] and error["offset"] == offset


def test_encode_then_decode_gives_back_the_durations(hilbench_bin):
    out = ok_json(hilbench(hilbench_bin, "encode", "--tuya", "--durations", ",".join(map(str, NEC_LIKE))))
    assert list(out)[:3] == ["tuya", "chars", "durations"]
    assert out["durations"] == len(NEC_LIKE) and out["chars"] == len(out["tuya"])
    assert ok_json(hilbench(hilbench_bin, "decode", "--tuya", out["tuya"]))["durations"] == NEC_LIKE


@pytest.mark.parametrize("text", [
    " ".join(map(str, NEC_LIKE)),
    "\n".join(", ".join(map(str, NEC_LIKE[i:i + 8])) for i in range(0, len(NEC_LIKE), 8)) + "\n",
    json.dumps(NEC_LIKE),
])
def test_encode_reads_durations_from_stdin_in_any_of_its_forms(hilbench_bin, text):
    out = ok_json(hilbench(hilbench_bin, "encode", "--tuya", "--stdin", stdin=text))
    assert ok_json(hilbench(hilbench_bin, "decode", "--tuya", out["tuya"]))["durations"] == NEC_LIKE


def test_the_three_encoders_give_decodable_codes_literal_longest(hilbench_bin):
    made = ok_json(hilbench(hilbench_bin, "daikin", "--mode", "heat", "--temp", "23"))
    listed = ",".join(map(str, made["durations"]))
    sizes = {}
    for encoder in ("optimal", "greedy", "literal"):
        via_daikin = ok_json(hilbench(hilbench_bin, "daikin", "--mode", "heat", "--temp", "23", "--encoder", encoder))
        via_encode = ok_json(hilbench(hilbench_bin, "encode", "--tuya", "--durations", listed, "--encoder", encoder))
        assert via_daikin["tuya"] == via_encode["tuya"]
        decoded = ok_json(hilbench(hilbench_bin, "decode", "--tuya", via_encode["tuya"]))
        assert decoded["durations"] == made["durations"] and decoded["daikin"]["state"] == made["state"]
        sizes[encoder] = via_encode["chars"]
    assert sizes["literal"] > sizes["greedy"] >= sizes["optimal"], sizes
    assert sizes["literal"] == 1604  # literal blocks only, as the notes measure for a Daikin frame


def test_clamp_sends_over_range_durations_as_65535(hilbench_bin):
    out = ok_json(hilbench(hilbench_bin, "encode", "--tuya", "--durations", "9000,70000,560", "--clamp"))
    assert out["clamped"] == 1
    assert ok_json(hilbench(hilbench_bin, "decode", "--tuya", out["tuya"]))["durations"] == [9000, 65535, 560]


@pytest.mark.parametrize("listed, message", [
    ("9000,4500,abc,560", 'item 3 of the durations ("abc") is not a number'),
    ("9000,-5", 'item 2 of the durations ("-5") is negative'),
    ("9000 4500 560.5", 'item 3 of the durations ("560.5") is not a whole number'),
    ("9000,70000", 'item 2 of the durations ("70000") is over 65535 us'),
    ("9000,,560", "item 2 of the durations is empty"),
    ("[9000, null]", "item 2 of the durations (null) is not a number"),
    ("[9000, 4500", "not a JSON array of numbers"),
    ("", "no durations given"),
])
def test_encode_refuses_a_bad_duration_naming_it_and_its_position(hilbench_bin, listed, message):
    for args, stdin in ((["--durations", listed], None), (["--stdin"], listed)):
        result = hilbench(hilbench_bin, "encode", "--tuya", *args, stdin=stdin)
        assert result.returncode == 2, result.stdout + result.stderr
        assert message in result.stderr and result.stdout == ""


@pytest.mark.parametrize("args, message", [
    (["daikin", "--temp", "40"], "temperature 40 C is out of range 10..32 C"),
    (["daikin", "--temp", "21.25"], "temperature 21.25 C is not a multiple of 0.5 C"),
    (["daikin", "--temp", "warm"], "--temp"),
    (["daikin", "--mode", "warm"], '"warm" is not a valid hvac mode'),
    (["daikin", "--fan", "turbo"], '"turbo" is not a valid fan mode'),
    (["daikin", "--swing", "diagonal"], '"diagonal" is not a valid swing mode'),
    (["daikin", "--power", "maybe"], "--power must be on or off"),
    (["daikin", "--mode", "off", "--power", "on"], "--power on contradicts --mode off"),
    (["daikin", "--powerful", "--quiet"], "--powerful and --quiet cannot both be given"),
    (["daikin", "--model", "daikin312", "--comfort"], "--comfort is for --model daikin only"),
    (["daikin", "--model", "daikin2"], "--model must be daikin or daikin312"),
    (["daikin", "--encoder", "zip"], "--encoder must be optimal, smallest, greedy or literal"),
    (["daikin", "--turbo"], "unrecognised option '--turbo'"),
    (["decode"], "--tuya"),
    (["encode", "--durations", "1,2"], "--tuya"),
    (["encode", "--tuya"], "exactly one of --durations LIST and --stdin"),
    (["encode", "--tuya", "--durations", "1", "--stdin"], "exactly one of --durations LIST and --stdin"),
    (["encode", "--tuya", "--durations", "1", "--encoder", "best"], "--encoder must be"),
    (["transmit"], "unknown subcommand 'transmit'"),
    ([], "usage: hilbench ir"),
])
def test_bad_flags_and_values_exit_2_with_a_message(hilbench_bin, args, message):
    result = hilbench(hilbench_bin, *args, stdin="")
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and result.stdout == ""


def test_help_goes_to_stdout_with_exit_0(hilbench_bin):
    for args in (["--help"], ["daikin", "--help"], ["decode", "--help"], ["encode", "--help"]):
        result = hilbench(hilbench_bin, *args)
        assert result.returncode == 0 and "usage: hilbench ir" in result.stdout, args
