# One log: every line a process writes on stderr has a timestamp, a level and its component, and
# --log-level drops the lines below it. Usage errors are not log lines (test_flags.py).

import re
import subprocess

LOG_LINE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (DEBUG|INFO|WARNING|ERROR) \[([^\]]+)\] .*")
WAIT = 10.0


def log_lines(proc):
    return proc.log_text().splitlines()


def test_every_stderr_line_of_a_sim_node_is_a_log_line(procs, broker):
    sim = procs.start("sim", "stepper", "--node-id", "0log0log0log", "--broker", broker.url,
                      "--serial", "pty", name="sim")
    sim.wait_for_log("NET:CONNECTED", WAIT)
    sim.wait_for_log("[mqtt] connected", WAIT)
    lines = log_lines(sim)
    assert lines
    for line in lines:
        assert LOG_LINE.fullmatch(line), line
    components = {LOG_LINE.fullmatch(line).group(2) for line in lines}
    assert {"console", "mqtt"} <= components, components


def test_log_level_warning_drops_info_lines(procs):
    mcu = procs.start("sim", "mcu", "--serial", "pty", "--log-level", "warning", name="mcu",
                      stdin=subprocess.PIPE)
    for line in (b'{"charger": false}\n', b"nonsense\n"):  # taken (info), then refused (warning)
        mcu.popen.stdin.write(line)
        mcu.popen.stdin.flush()
    mcu.wait_for_log("[control] refused: not JSON: nonsense", WAIT)
    text = mcu.log_text()
    assert "applied" not in text and " INFO " not in text, text
    assert all(LOG_LINE.fullmatch(line) for line in text.splitlines()), text


def test_a_failure_to_start_is_an_error_log_line_with_exit_1(hilbench_bin, tmp_path):
    missing = tmp_path / "no-such-tty"
    result = subprocess.run([str(hilbench_bin), "sim", "mcu", "--serial", str(missing), "--no-stdin"],
                            capture_output=True, text=True, timeout=WAIT)
    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    match = LOG_LINE.fullmatch(line)
    assert match and match.group(1) == "ERROR" and f"cannot open {missing}" in line, line


def test_an_unknown_log_level_is_a_usage_error(hilbench_bin):
    result = subprocess.run([str(hilbench_bin), "kinds", "--log-level", "verbose"],
                            capture_output=True, text=True, timeout=WAIT)
    assert result.returncode == 2
    assert result.stderr == ("hilbench kinds: --log-level must be debug, info, warning or error, "
                             "not 'verbose'\n")
