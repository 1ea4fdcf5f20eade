# Faults at the process level, on real processes: a broker SIGKILLed under load, a PTY closed in the
# middle of a line, a trace cut in the middle of a record, a disk full while a trace is written.
# Each must give a clear error, keep serving where it can and lose nothing it had accepted.

import json
import subprocess
import time
import uuid

import serial

DEADLINE = 30.0  # bounds a hang; nothing here measures speed
REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


def hilbench(bin_path, *args, timeout=120):
    return subprocess.run([str(bin_path), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


# --- a PTY closed in the middle of a line ---------------------------------------------------------

def read_syscalls(pid):
    """How many read-type system calls the process has made: a loop spinning on EIO makes millions."""
    with open(f"/proc/{pid}/io") as io:
        return int(next(line for line in io if line.startswith("syscr:")).split()[1])


def assert_idle_while_no_peer(proc):
    # Nothing to wait for here: the test is that nothing happens, so it watches for a while.
    before = read_syscalls(proc.pid)
    time.sleep(1.0)
    calls = read_syscalls(proc.pid) - before
    assert calls < 1000, f"{calls} reads in a second with no one on the PTY: a busy loop"


def read_lines_until(port, predicate, what):
    """CRLF or LF lines from a pyserial port until predicate(line); returns the matching line."""
    deadline = time.monotonic() + DEADLINE
    buf = b""
    while time.monotonic() < deadline:
        buf += port.read(4096)
        *lines, buf = buf.split(b"\n")
        for raw in lines:
            line = raw.rstrip(b"\r").decode("utf-8", "replace")
            if predicate(line):
                return line
    raise AssertionError(f"no line with {what} within {DEADLINE} s (partial {buf!r})")


def test_a_console_peer_closing_mid_line_is_reported_and_the_next_peer_is_served(procs):
    node = procs.start("sim", "stepper", "--node-id", uuid.uuid4().hex[:12], "--no-mqtt", "--serial", "pty",
                       name="sim-console")
    path = node.info["serial"]
    first = serial.Serial(path, baudrate=115200, timeout=0.1)
    first.write(b"MOVE:0,12")  # half of MOVE:0,1200, and the peer is gone
    first.flush()
    first.close()
    node.wait_for_log(f"WARNING [serial] {path}: the peer closed it", DEADLINE)
    node.wait_for_log("WARNING [console] the peer left an unfinished line (9 bytes): dropped, none of it runs",
                      DEADLINE)
    assert_idle_while_no_peer(node)

    second = serial.Serial(path, baudrate=115200, timeout=0.1)
    try:
        second.write(b"HELP\n")  # joined to the half line it would be MOVE:0,12HELP, an error
        second.flush()
        done = read_lines_until(second, lambda line: line.startswith(("CTRL:DONE", "CTRL:ERR")), "HELP's end")
        assert done == "CTRL:DONE action=HELP status=done"
    finally:
        second.close()
    assert node.alive()


def test_the_supervisor_sim_drops_a_line_its_pi_left_unfinished_and_answers_the_next_pi(procs):
    mcu = procs.start("sim", "mcu", "--serial", "pty", name="sim-mcu")
    path = mcu.info["serial"]
    first = serial.Serial(path, baudrate=115200, timeout=0.1)
    first.write(b'{"id": "half", "cm')
    first.flush()
    first.close()
    mcu.wait_for_log(f"WARNING [serial] {path}: the peer closed it", DEADLINE)
    mcu.wait_for_log("WARNING [uart] the Pi left an unfinished line: dropped", DEADLINE)
    assert_idle_while_no_peer(mcu)

    second = serial.Serial(path, baudrate=115200, timeout=0.1)
    try:
        second.write(b'{"id": "whole", "cmd": "ping"}\n')
        second.flush()
        reply = read_lines_until(second, lambda line: '"whole"' in line, "the reply to the second Pi")
        assert json.loads(reply)["ok"] is True
    finally:
        second.close()
    assert mcu.alive()


# --- a trace cut in the middle of a record -------------------------------------------------------

def recorded_trace(hilbench_bin, folder):
    trace = folder / "move.jsonl"
    result = hilbench(hilbench_bin, "run", REPO / "scenarios" / "stepper_move_mqtt.yaml", "--record", trace)
    assert result.returncode == 0, result.stdout + result.stderr
    return trace.read_bytes()


def cut_inside_line(data, line_index):
    """The file as a recorder that stopped halfway through line `line_index` (0-based) leaves it."""
    lines = data.split(b"\n")
    kept = b"".join(line + b"\n" for line in lines[:line_index])
    return kept + lines[line_index][: len(lines[line_index]) // 2]


def test_a_trace_cut_inside_its_last_record_replays_the_complete_records_with_a_warning(hilbench_bin, tmp_path):
    data = recorded_trace(hilbench_bin, tmp_path)
    count = data.count(b"\n")  # the header and every record end with a newline
    for name, line_index in (("end", count - 1), ("middle", count // 2)):
        cut = tmp_path / f"cut-{name}.jsonl"
        cut.write_bytes(cut_inside_line(data, line_index))
        result = hilbench(hilbench_bin, "replay", cut)
        assert result.returncode == 0, result.stdout + result.stderr
        assert (f"WARNING [replay] {cut}:{line_index + 1}:1: the last line is cut short" in result.stderr
                and f"the {line_index - 1} complete records before it are used" in result.stderr), result.stderr
        assert result.stdout.strip().endswith("no differences"), result.stdout


def test_a_damaged_record_before_the_end_or_a_cut_header_is_refused_with_its_line(hilbench_bin, tmp_path):
    data = recorded_trace(hilbench_bin, tmp_path)
    lines = data.split(b"\n")
    damaged = tmp_path / "damaged.jsonl"
    # A record cut short with the recording going on after it is not a crash's tail: refused.
    damaged.write_bytes(b"\n".join(lines[:3] + [lines[3][:20]] + lines[4:]))
    result = hilbench(hilbench_bin, "replay", damaged)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{damaged}:4:1: not a JSON line" in result.stderr
    header_only = tmp_path / "header.jsonl"
    header_only.write_bytes(lines[0][:30])
    result = hilbench(hilbench_bin, "replay", header_only)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{header_only}:1:1: the header line is cut short (no newline)" in result.stderr


# --- a disk full while a trace is written ---------------------------------------------------------

def test_record_to_a_full_disk_says_the_write_failed_and_exits_non_zero(procs, broker, mqtt_probe):
    recorder = procs.start("record", "--broker", broker.url, "--out", "/dev/full", name="record")
    probe = mqtt_probe()
    probe.publish("devices/0123456789ab/status", {"node_state": "ready", "motors": {}}, qos=1)
    rc = recorder.stop(timeout=DEADLINE)  # SIGTERM: the trace is written now
    log = recorder.log_text()
    assert rc == 1, log
    assert "ERROR [record] cannot write /dev/full: No space left on device (0 of " in log, log
    assert "messages written" not in log, log


def test_record_refuses_an_out_path_it_cannot_open_before_recording(hilbench_bin, broker, tmp_path):
    missing = tmp_path / "no-such-folder" / "trace.jsonl"
    result = hilbench(hilbench_bin, "record", "--broker", broker.url, "--out", missing, "--duration", "1")
    assert result.returncode == 2, result.stderr
    assert f"--out: cannot open {missing}: No such file or directory" in result.stderr
