# Every flag checked the same way: a bad value or a stray word is refused before anything starts,
# with exit code 2 and one line `hilbench <command>: <why>` naming the flag as the user typed it.
# Each test is named after the mistake it reproduces.

import pathlib
import subprocess

import pytest

SCENARIOS = pathlib.Path(__file__).resolve().parents[2] / "scenarios"

# Bounds a hang if a refused value were taken after all (the command would start and serve).
DEADLINE = 10


def hilbench(bin_path, *args):
    return subprocess.run([str(bin_path), *map(str, args)], capture_output=True, text=True,
                          timeout=DEADLINE, stdin=subprocess.DEVNULL)


def refused(bin_path, *args):
    """Runs a command line that must be refused; returns its one line of stderr."""
    result = hilbench(bin_path, *args)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# Enough for each command to get past its required flags, so only the flag under test is wrong.
BASE = {
    "sim stepper": ["sim", "stepper", "--node-id", "n1", "--broker", "mqtt://127.0.0.1:1"],
    "sim ir_blaster": ["sim", "ir_blaster", "--name", "b1", "--broker", "mqtt://127.0.0.1:1"],
    "sim mcu": ["sim", "mcu", "--serial", "pty", "--no-stdin"],
    "run": ["run", "scenarios"],
    "replay": ["replay", "trace.jsonl"],
    "record": ["record", "--broker", "mqtt://127.0.0.1:1", "--out", "trace.jsonl"],
    "ctl": ["ctl", "--broker", "mqtt://127.0.0.1:1", "--node", "n1"],
    "hvac": ["hvac", "--broker", "mqtt://127.0.0.1:1", "--device", "ac", "--blaster", "b1"],
    "supv": ["supv", "--serial", "/dev/null"],
    "supv poweroff": ["supv", "poweroff", "--serial", "/dev/null"],
    "broker": ["broker"],
    "ir daikin": ["ir", "daikin"],
    "qemu": ["qemu", "firmware.elf"],
}

# Every numeric flag of every subcommand, with the values it must refuse: not a number, NaN,
# infinity, and out of its range.
NUMERIC_FLAGS = [
    ("sim stepper", "--time-scale", ["nan", "inf", "0", "-1", "fast"]),
    ("sim stepper", "--seed", ["-1", "1.5", "x"]),
    ("sim ir_blaster", "--time-scale", ["nan", "0"]),
    ("sim ir_blaster", "--room-temp", ["nan", "61", "warm"]),
    ("sim ir_blaster", "--outside-temp", ["-inf", "-41"]),
    ("sim ir_blaster", "--sensor-period-s", ["-1", "nan"]),
    ("sim mcu", "--time-scale", ["nan", "0"]),
    ("sim mcu", "--baud", ["0", "-9600", "9600.5"]),
    ("sim mcu", "--watchdog-s", ["-1", "inf"]),
    ("sim mcu", "--poweroff-min-pct", ["101", "-1", "50.5"]),
    ("run", "--seed", ["-1", "1e3"]),
    ("run", "--time-scale", ["nan", "0"]),
    ("run", "--latency-ms", ["-1", "nan"]),
    ("run", "--sample-ms", ["-100", "0.5"]),
    ("replay", "--seed", ["-1"]),
    ("replay", "--time-scale", ["nan"]),
    ("replay", "--latency-ms", ["-1"]),
    ("replay", "--time-tolerance-ms", ["-1", "x"]),
    ("replay", "--telemetry-window-ms", ["-1"]),
    ("replay", "--reorder-window", ["-1", "nan"]),
    ("record", "--duration", ["-1", "0", "nan", "inf"]),
    ("ctl", "--timeout", ["0", "-1", "nan"]),
    ("hvac", "--min-temp", ["nan", "cold"]),
    ("hvac", "--max-temp", ["inf"]),
    ("supv", "--baud", ["0"]),
    ("supv", "--reply-timeout-ms", ["0", "-5"]),
    ("supv", "--attempts", ["0", "2.5"]),
    ("supv", "--quiet-ms", ["0"]),
    ("supv poweroff", "--attempts", ["-1"]),
    ("broker", "--port", ["70000", "-1", "x"]),
    ("broker", "--tls-port", ["0", "65536"]),
    ("broker", "--cluster", ["0", "10", "x"]),
    ("ir daikin", "--temp", ["nan", "warm"]),
    ("qemu", "--banner-timeout-s", ["0", "-1", "nan", "inf", "soon"]),
]


@pytest.mark.parametrize("command, flag, values", NUMERIC_FLAGS,
                         ids=[f"{c} {f}" for c, f, _ in NUMERIC_FLAGS])
def test_every_numeric_flag_refuses_words_nan_inf_and_out_of_range(hilbench_bin, tmp_path, command,
                                                                   flag, values):
    for value in values:
        line = refused(hilbench_bin, *BASE[command], flag, value)
        assert line.startswith(f"hilbench {command}: {flag}"), (value, line)


def test_time_scale_nan_is_refused_not_run_at_scale_one(hilbench_bin):
    line = refused(hilbench_bin, *BASE["sim stepper"], "--time-scale", "nan")
    assert line == "hilbench sim stepper: --time-scale must be from 0.001 to 1000, not 'nan'"


def test_record_negative_duration_is_refused_not_run_forever(hilbench_bin):
    line = refused(hilbench_bin, *BASE["record"], "--duration", "-1")
    assert line == "hilbench record: --duration must be > 0 and <= 31536000, not '-1'"


@pytest.mark.parametrize("words", [
    ["supv", "frobnicate", "--serial", "P"],
    ["kinds", "extra"],
    ["audio-devices", "extra"],
    ["broker", "9000"],
    ["record", "--broker", "mqtt://127.0.0.1:1", "--out", "t.jsonl", "devices/#"],
    ["hvac", "--broker", "mqtt://127.0.0.1:1", "--device", "ac", "--blaster", "b1", "now"],
    ["sim", "stepper", "--node-id", "n1", "fast"],
    ["sim", "mcu", "--serial", "pty", "extra"],
    ["sim", "ir_blaster", "--name", "b1", "extra"],
    ["ir", "daikin", "cool"],
    ["replay", "a.jsonl", "b.jsonl"],
    ["qemu", "a.elf", "b.elf"],
])
def test_supv_frobnicate_and_every_unknown_word_is_refused(hilbench_bin, words):
    line = refused(hilbench_bin, *words)
    assert "unexpected word '" in line, line


def test_run_negative_seed_is_refused(hilbench_bin):
    line = refused(hilbench_bin, "run", "scenarios", "--seed", "-1")
    assert line == "hilbench run: --seed must be a whole number >= 0, not '-1'"


def test_replay_negative_reorder_window_is_refused(hilbench_bin):
    line = refused(hilbench_bin, "replay", "t.jsonl", "--reorder-window", "-1")
    assert line == "hilbench replay: --reorder-window must be a whole number from 0 to 10000, not '-1'"


def test_ctl_timeout_zero_is_refused_not_a_connection_error_with_no_reason(hilbench_bin):
    line = refused(hilbench_bin, *BASE["ctl"], "--timeout", "0")
    assert line == "hilbench ctl: --timeout must be > 0 and <= 86400, not '0'"


def test_sim_stepper_names_only_the_flag_at_fault(hilbench_bin):
    line = refused(hilbench_bin, "sim", "stepper", "--node-id", "", "--time-scale", "2")
    assert line == "hilbench sim stepper: --node-id must not be empty"
    line = refused(hilbench_bin, "sim", "stepper", "--node-id", "n1", "--time-scale", "0")
    assert "--node-id" not in line and "--time-scale must be" in line


def test_hvac_model_lg_is_answered_in_the_case_the_flag_takes(hilbench_bin):
    line = refused(hilbench_bin, *BASE["hvac"], "--model", "lg")
    assert line == "hilbench hvac: --model must be daikin or daikin312, not 'lg'"


def test_a_bad_broker_url_names_the_flag(hilbench_bin):
    line = refused(hilbench_bin, "ctl", "--broker", "localhost:1883", "--node", "n1")
    assert line.startswith("hilbench ctl: --broker: broker URL must start with mqtt://")


def test_flags_that_go_with_another_say_so(hilbench_bin):
    assert refused(hilbench_bin, "run", "scenarios", "--latency-ms", "5") == \
        "hilbench run: --latency-ms goes with --target"
    assert refused(hilbench_bin, "replay", "t.jsonl", "--time-scale", "5") == \
        "hilbench replay: --time-scale goes with --target"
    assert refused(hilbench_bin, "sim", "stepper", "--node-id", "n1", "--no-mqtt", "--broker",
                   "mqtt://127.0.0.1:1") == "hilbench sim stepper: --no-mqtt and --broker contradict"
    assert refused(hilbench_bin, "broker", "--cluster", "3") == \
        "hilbench broker: --cluster goes with --engine nats"
    assert refused(hilbench_bin, "broker", "--engine", "nats", "--user", "a:b") == \
        "hilbench broker: --user goes with --engine mosquitto"
    assert refused(hilbench_bin, "broker", "--engine", "rabbitmq") == \
        "hilbench broker: --engine must be mosquitto or nats, not 'rabbitmq'"


def test_hvac_min_temp_errors_name_the_flag_not_min_temp_c(hilbench_bin):
    line = refused(hilbench_bin, *BASE["hvac"], "--min-temp", "40")
    assert line == ('hilbench hvac: entity "ac": --min-temp must be a set point daikin carries '
                    "(10..32 C in steps of 1), not 40")
    line = refused(hilbench_bin, *BASE["hvac"], "--min-temp", "30", "--max-temp", "20")
    assert line == 'hilbench hvac: entity "ac": --min-temp must be below --max-temp'
    line = refused(hilbench_bin, "hvac", "--broker", "mqtt://127.0.0.1:1", "--device", "a c",
                   "--blaster", "b1")
    assert "--device may hold only" in line


def test_hvac_config_file_errors_name_its_keys(hilbench_bin, tmp_path):
    config = tmp_path / "hvac.yaml"
    config.write_text("entities:\n  - {device: ac, name: AC, blaster: b1, min_temp: 40}\n")
    line = refused(hilbench_bin, "hvac", "--broker", "mqtt://127.0.0.1:1", "--config", config)
    assert "min_temp must be a set point daikin carries" in line and "min_temp_c" not in line
    config.write_text("entities:\n  - {device: ac, name: AC, blaster: b1, model: LG}\n")
    line = refused(hilbench_bin, "hvac", "--broker", "mqtt://127.0.0.1:1", "--config", config)
    assert line.endswith("model must be daikin or daikin312, not 'LG'")
    line = refused(hilbench_bin, "hvac", "--broker", "mqtt://127.0.0.1:1", "--config", config,
                   "--min-temp", "18")
    assert line == "hilbench hvac: --min-temp describes one entity: not with --config"


@pytest.mark.parametrize("command", ["run", "run --target", "hvac --config"])
def test_yaml_tab_error_says_tab_with_file_line_column(hilbench_bin, tmp_path, command):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: t\ndevices:\n  - name: n\n\t  kind: stepper\nsteps: []\n")
    args = {
        "run": ["run", bad],
        "run --target": ["run", SCENARIOS / "stepper_get.yaml", "--target", bad],
        "hvac --config": ["hvac", "--broker", "mqtt://127.0.0.1:1", "--config", bad],
    }[command]
    line = refused(hilbench_bin, *args)
    assert f"{bad}:4:1: invalid YAML: a tab in the indentation" in line, line


def test_ctl_no_connection_always_says_why(hilbench_bin, broker):
    """However short the timeout, a failed connection names its reason or the time it waited."""
    for timeout in ("0.001", "0.05", "1"):
        result = subprocess.run([str(hilbench_bin), "ctl", "--broker", broker.url, "--node", "n1",
                                 "--timeout", timeout], capture_output=True, text=True,
                                timeout=DEADLINE, stdin=subprocess.DEVNULL)
        if result.returncode == 0:
            continue  # it connected in time: nothing to explain
        assert result.returncode == 3, result.stderr
        error = [line for line in result.stderr.splitlines() if "[ctl]" in line][-1]
        reason = error.split("no connection to the broker", 1)[1]
        assert reason.startswith(" within ") or reason.startswith(": ") and reason[2:].strip(), error
