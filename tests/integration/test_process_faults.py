# Faults at the process level, on real processes: a broker SIGKILLed under load, a PTY closed in the
# middle of a line, a trace cut in the middle of a record, a disk full while a trace is written.
# Each must give a clear error, keep serving where it can and lose nothing it had accepted.

import subprocess

DEADLINE = 30.0  # bounds a hang; nothing here measures speed
REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


def hilbench(bin_path, *args, timeout=120):
    return subprocess.run([str(bin_path), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


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
