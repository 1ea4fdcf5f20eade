# Faults at the process level, on real processes: a broker SIGKILLed under load, a PTY closed in the
# middle of a line, a trace cut in the middle of a record, a disk full while a trace is written.
# Each must give a clear error, keep serving where it can and lose nothing it had accepted.

import json
import subprocess
import threading
import time
import uuid

import serial

from fault_clients import CommandingHost, PersistentMosquitto
from fleet_clients import wait_until
from stepper_math import est_ms
from tls_files import free_port

DEADLINE = 30.0  # bounds a hang; nothing here measures speed
REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


def hilbench(bin_path, *args, timeout=120):
    return subprocess.run([str(bin_path), *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def start_stepper(procs, *args):
    node_id = uuid.uuid4().hex[:12]
    proc = procs.start("sim", "stepper", "--node-id", node_id, *args, name=f"sim-{node_id}")
    proc.wait_for_log("NET:CONNECTED", DEADLINE)
    return node_id, proc


# --- a broker killed under load ------------------------------------------------------------------

def test_a_broker_sigkilled_under_load_loses_no_saved_command_and_no_response_the_node_queued(procs, tmp_path):
    port = free_port()
    broker = PersistentMosquitto(tmp_path, port)
    broker.start()
    host = None
    stop_sending = threading.Event()
    sender = None
    try:
        node_id, node = start_stepper(procs, "--broker", f"mqtt://127.0.0.1:{port}", "--persistent-session")
        host = CommandingHost(port, node_id)

        def send_steadily():  # a steady stream of QoS 1 commands, through the outage too
            i = 0
            while not stop_sending.is_set():
                host.send(f"get-{i:04d}", "GET", {"resource": "SPEED"})
                i += 1
                stop_sending.wait(0.05)

        sender = threading.Thread(target=send_steadily, daemon=True)
        sender.start()
        host.wait(lambda: len(host.acked_at) >= 20 and host.finished("get-0000"), DEADLINE, "the first answers")
        # Both sessions (the node's subscription and the host's) are in the broker's saved database.
        wait_until(lambda: broker.db.exists() and broker.db.stat().st_mtime > host.subscribed_at, DEADLINE,
                   "the broker's first save")

        # A move whose DONE comes while the broker is away: the node must queue it and send it later.
        host.send("slow", "SET", {"speed_sps": 400})
        host.wait(lambda: host.finished("slow"), DEADLINE, "the SET's answer")
        move_ms = est_ms(1200, speed=400)
        host.send("move-1", "MOVE", {"target_ids": 2, "position_steps": 1200})
        host.wait(lambda: any(r["status"] == "ack" for r in host.responses.get("move-1", [])), DEADLINE,
                  "the MOVE's ack")
        acked_move_at = time.monotonic()
        log_mark = len(node.log_text())
        broker.kill()
        # mosquitto acknowledged a PUBLISH before saving it: what it acknowledged after its last save
        # is the broker's loss, not ours. The database's time says where that line is.
        saved_at = broker.db.stat().st_mtime
        node.wait_for_log(f"WARNING [mqtt] connection to 127.0.0.1:{port} lost", DEADLINE, start=log_mark)
        wait_until(lambda: time.monotonic() > acked_move_at + move_ms / 1000 + 1.5, DEADLINE,
                   "the end of the move, with the broker away")
        assert node.alive()
        broker.start()
        restarted_at = time.time()
        node.wait_for_log(f"[mqtt] connected to 127.0.0.1:{port}", DEADLINE, start=log_mark)
        host.wait(lambda: sum(t > restarted_at for t in host.acked_at.values()) >= 20, DEADLINE,
                  "commands acknowledged by the restarted broker")
        stop_sending.set()
        sender.join(DEADLINE)

        kept = [c for c, t in host.acked_at.items() if t < saved_at or t > restarted_at]
        unanswered = lambda: [c for c in kept + ["move-1"] if not host.finished(c)]  # noqa: E731
        host.wait(lambda: not unanswered(), DEADLINE,
                  "an answer to every command the broker had saved or acknowledged after its restart",
                  detail=lambda: f"(none for {unanswered()})")
        done = [r for r in host.responses["move-1"] if r["status"] == "done"]
        assert done and done[0]["result"]["actual_ms"] > 0, host.responses["move-1"]
        log = node.log_text()[log_mark:]
        assert "publishes queued while offline" in log, log
        assert "publishes made while offline were dropped" not in log, log
        assert node.alive()
    finally:
        stop_sending.set()
        if sender is not None:
            sender.join(DEADLINE)
        if host is not None:
            host.close()
        broker.stop()
        print(broker.log_text()[-4000:])  # shown by pytest only when the test failed


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


def test_ctl_says_at_once_when_the_device_pty_disappears_before_the_answer(procs, hilbench_bin):
    node = procs.start("sim", "stepper", "--node-id", uuid.uuid4().hex[:12], "--no-mqtt", "--serial", "pty",
                       name="sim-console")
    # A 12 s move: ctl would wait for its DONE for 29 s; the node is gone long before.
    ctl = subprocess.Popen([str(hilbench_bin), "ctl", "--serial", node.info["serial"], "--timeout", "5",
                            "SET SPEED=100", "MOVE:0,1200"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, start_new_session=True)
    try:
        seen = []
        for line in ctl.stdout:
            seen.append(line.rstrip("\n"))
            if line.startswith("[ACK]"):
                break
        assert seen and seen[-1].startswith("[ACK]"), seen
        node.kill()  # SIGKILL: the PTY goes with it, mid-move
        out, err = ctl.communicate(timeout=DEADLINE)
        assert ctl.returncode == 1, out + err
        assert out.splitlines()[-1] == "[ERR] the serial port went away before the node had answered", out
    finally:
        if ctl.poll() is None:
            ctl.kill()
            ctl.wait(DEADLINE)


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


def test_a_fleet_whose_html_report_cannot_be_written_says_so_and_exits_non_zero(procs, broker):
    report = "/dev/full/fleet.html"  # under a device, not a folder: no one can write it
    fleet = procs.start("fleet", "--kind", "stepper", "--count", "1", "--broker", broker.url, "--report-s", "0",
                        "--html", report, name="fleet")
    fleet.wait_for_log(f"ERROR [fleet report] the HTML report: cannot open {report}.partial: Not a directory", DEADLINE)
    assert fleet.stop(timeout=DEADLINE) == 1, fleet.log_tail()


def test_an_audio_board_whose_speaker_file_hits_a_full_disk_says_so_and_exits_non_zero(procs):
    service = procs.start("audio-service", "--port", "0", "--app", "echo", name="service")
    board = procs.start("sim", "esp32-audio", "--url", service.info["url"], "--speaker", "wav:/dev/full",
                        name="board")
    assert board.stop(timeout=DEADLINE) == 1, board.log_tail()  # the file is written at the end
    assert "cannot write /dev/full: System error : No space left on device" in board.log_text()
