# The sim's console over a real PTY (`--serial pty`) with pyserial: banner, HELP, MOVE, batches, conflicts, overflow, garbage, case.

import os
import re
import select
import time

import pytest

from stepper_math import est_ms

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def is_done(line):
    return line.startswith("CTRL:DONE")


def is_final(line):
    return line.startswith(("CTRL:DONE", "CTRL:ERR"))


def test_ready_banner_is_waiting_on_the_pty_for_the_first_reader(start_sim):
    # pyserial flushes the input queue when it opens a port, so read the banner as a terminal
    # program (cat, minicom) would: open the tty and read what is queued.
    node = start_sim("--no-mqtt", broker_url=False, wait_wifi=False)
    fd = os.open(node.serial, os.O_RDWR | os.O_NOCTTY)
    try:
        data = b""
        deadline = time.monotonic() + 10
        while b"CTRL:READY" not in data or not data.endswith(b"\r\n"):
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no banner on {node.serial}: {data!r}"
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                data += os.read(fd, 4096)
    finally:
        os.close(fd)
    first = data.split(b"\r\n")[0].decode("utf-8")
    assert first == "CTRL:READY Serial v1 — send HELP"


def test_help_prints_every_line_then_done(console):
    _, con = console
    lines = con.command("HELP", is_done)
    assert lines[0] == "HELP"
    assert lines[-1] == "CTRL:DONE action=HELP status=done"
    assert "Shortcuts: M=MOVE, H=HOME, ST=STATUS" in lines
    assert len(lines) == 27


def test_move_prints_ack_with_estimate_then_done_with_same_id(console):
    _, con = console
    lines = con.command("MOVE:0,1200", is_final)
    ack = re.fullmatch(rf"CTRL:ACK msg_id=({UUID}) est_ms=(\d+)", lines[0])
    assert ack, lines
    assert int(ack.group(2)) == 550
    done = re.fullmatch(rf"CTRL:DONE cmd_id=({UUID}) action=MOVE actual_ms=(\d+) status=done", lines[-1])
    assert done, lines
    assert done.group(1) == ack.group(1)
    assert abs(int(done.group(2)) - 550) <= 60


def test_batch_acks_each_move_then_a_summary_ack_with_the_largest_estimate(console):
    _, con = console
    con.write_line("MOVE:0,400;MOVE:1,1200")
    dones_seen = []
    lines = con.read_until(lambda l: is_done(l) and dones_seen.append(l) is None and len(dones_seen) == 2)
    acks = [re.fullmatch(rf"CTRL:ACK msg_id=({UUID}) est_ms=(\d+)", l) for l in lines if l.startswith("CTRL:ACK")]
    assert len(acks) == 3 and all(acks), lines
    assert [int(a.group(2)) for a in acks] == [est_ms(400), est_ms(1200), est_ms(1200)]
    assert len({a.group(1) for a in acks}) == 3  # the summary ACK has an id of its own
    dones = [l for l in lines if is_done(l)]
    assert {re.search(r"cmd_id=(\S+)", d).group(1) for d in dones} == {acks[0].group(1), acks[1].group(1)}


def test_batch_touching_one_motor_twice_is_multi_cmd_conflict_and_nothing_runs(console):
    _, con = console
    lines = con.command("MOVE:2,100;MOVE:2,200", is_final)
    assert len(lines) == 1
    assert re.fullmatch(rf"CTRL:ERR msg_id={UUID} E03 BAD_PARAM MULTI_CMD_CONFLICT", lines[0]), lines
    timing = con.command("GET LAST_OP_TIMING:2", is_final)[-1]
    assert "est_ms=0" in timing and "started_ms=0" in timing, timing


def test_line_over_255_chars_is_buffer_overflow_and_next_command_works(console):
    _, con = console
    lines = con.command("MOVE:0,1;" + "X" * 291, is_final)
    assert lines == ["CTRL:ERR E03 BAD_PARAM buffer_overflow"]
    lines = con.command("GET SPEED", is_final)
    assert re.fullmatch(rf"CTRL:DONE cmd_id={UUID} action=GET SPEED=4000 status=done", lines[-1]), lines
    # nothing of the dropped line ran
    timing = con.command("GET LAST_OP_TIMING:0", is_final)[-1]
    assert "started_ms=0" in timing, timing


def test_binary_garbage_is_bad_cmd_and_the_console_keeps_working(console):
    _, con = console
    con.write_line(b"\x00\xff\xfe\x1b[2J\x7f\x80garbage")
    err = con.read_until(is_final)[-1]
    assert err.startswith("CTRL:ERR") and "E01 BAD_CMD" in err, err
    lines = con.command("GET ACCEL", is_final)
    assert lines[-1].endswith("action=GET ACCEL=16000 status=done"), lines


@pytest.mark.parametrize("line,expect", [
    ("get speed", r"action=GET SPEED=4000 status=done"),
    ("m:3,20", r"action=MOVE actual_ms=\d+ status=done"),
    ("Get Thermal_Limiting", r"action=GET THERMAL_LIMITING=ON max_budget_s=90 status=done"),
])
def test_lower_and_mixed_case_commands_are_accepted(console, line, expect):
    _, con = console
    lines = con.command(line, is_final)
    assert re.search(expect, lines[-1]), lines


def test_status_prints_an_ack_and_one_line_per_motor(console):
    _, con = console
    con.write_line("STATUS")
    lines = [con.read_line() for _ in range(9)]
    assert re.fullmatch(rf"CTRL:ACK msg_id={UUID}", lines[0]), lines
    for i, line in enumerate(lines[1:]):
        assert line.startswith(f"id={i} pos=0 moving=0 awake=0 homed=0 "), line
