# `hilbench supv` against an MCU played by Python on the master side of a PTY: the boot timeline, state lines from events and both status shapes, garbage, the UART going away and coming back (mid-line too), a quiet link, and `supv poweroff` (agreed, battery_low, timeout, dry run).

import json
import os
import re
import select
import signal
import subprocess
import time
import tty
from pathlib import Path

import pytest

REQUEST_TIMEOUT = 10.0  # bounds a hang; the client sends at once

REFERENCE_SWITCHES = {"lte": True, "wifi": False, "bt": True, "bridge_enable": True,
                      "lid_open": False, "charger_online": True}
REFERENCE_STATUS = {"battery_pct": 78, "pack_mv": 11750, "pack_ma": -420, "mcu_temp_c": 36.5,
                    "unread_ext": 3, "last_msg_age_s": 40, "uptime_s": 12, "heltec": "ok",
                    "mcu": "proto-0.1", "switch": REFERENCE_SWITCHES}


class PtyMcu:
    """The MCU end of the UART: the master of a raw PTY. hilbench opens a stable name, a symlink
    to the slave (as /dev/serial/by-id/... points at /dev/ttyUSB1), so the board can be unplugged
    (master closed, name gone) and plugged back in (a new PTY behind the same name)."""

    def __init__(self, path):
        self.path = Path(path)
        self.master = None
        self.slave = None
        self.pending = b""
        self.plug()

    def plug(self):
        self.master, self.slave = os.openpty()
        tty.setraw(self.slave)  # no echo, no line editing: bytes as on a UART
        self.pending = b""
        self.path.symlink_to(os.ttyname(self.slave))

    def unplug(self):
        self.path.unlink()
        os.close(self.master)
        os.close(self.slave)
        self.master = self.slave = None

    def close(self):
        if self.master is not None:
            self.unplug()

    def send_raw(self, data):
        os.write(self.master, data)

    def send(self, obj):
        self.send_raw(json.dumps(obj).encode() + b"\n")

    def reply(self, request, **fields):
        self.send({"id": request["id"], **fields})

    def read_line(self, timeout=REQUEST_TIMEOUT):
        deadline = time.monotonic() + timeout
        while b"\n" not in self.pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                self.pending += os.read(self.master, 4096)
        line, self.pending = self.pending.split(b"\n", 1)
        return line.decode()

    def read_request(self, timeout=REQUEST_TIMEOUT):
        line = self.read_line(timeout)
        assert line is not None, f"no request from the Pi within {timeout} s"
        return json.loads(line)

    def expect(self, *commands):
        """Reads one request per command, in order; returns them."""
        requests = [self.read_request() for _ in commands]
        assert [r["cmd"] for r in requests] == list(commands), requests
        assert all(isinstance(r["id"], str) for r in requests), requests
        return requests

    def sync_like_the_reference_board(self, status=REFERENCE_STATUS, mesh_live=False):
        get_status, get_switches = self.expect("get_status", "get_switches")
        self.reply(get_status, ok=True, status=status)
        self.reply(get_switches, ok=True, switch=status["switch"])
        if mesh_live:
            (clear,) = self.expect("clear_unread")
            self.reply(clear, ok=True)


class StateLines:
    """The JSON state lines of a `hilbench supv --json` process."""

    def __init__(self, proc):
        self.proc = proc
        self.seen = []

    def wait(self, predicate, timeout=REQUEST_TIMEOUT, what="a state"):
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            assert remaining > 0, f"no state line with {what}; last: {self.seen[-3:]}\n{self.proc.log_tail()}"
            try:
                line = self.proc.stdout_lines.get(timeout=remaining)
            except Exception:
                continue
            assert line is not None, f"hilbench supv exited\n{self.proc.log_tail()}"
            state = json.loads(line)
            self.seen.append(state)
            if predicate(state):
                return state


@pytest.fixture
def mcu(tmp_path):
    board = PtyMcu(tmp_path / "ttyUSB1")
    yield board
    board.close()


def start_supv(procs, mcu, *extra):
    proc = procs.start("supv", "--serial", mcu.path, "--json", *extra, name="supv")
    assert proc.info["serial"] == str(mcu.path)
    assert proc.info["baud"] == 115200
    assert proc.info["output"] == "json"
    return proc, StateLines(proc)


def test_boot_timeline_arrives_in_order_and_the_state_follows(procs, mcu):
    proc, states = start_supv(procs, mcu, "--mesh-live")
    get_status, get_switches = mcu.expect("get_status", "get_switches")
    assert mcu.read_line(timeout=0.3) is None  # clear_unread waits for both replies
    mcu.reply(get_status, ok=True, status=REFERENCE_STATUS)
    mcu.reply(get_switches, ok=True, switch=REFERENCE_SWITCHES)
    (clear,) = mcu.expect("clear_unread")
    assert int(get_status["id"]) < int(get_switches["id"]) < int(clear["id"])
    mcu.reply(clear, ok=True)

    state = states.wait(lambda s: s["link"] == "up" and s["unread_ext"] == 0, what="the sync done")
    assert state == {"link": "up", "synced": True, "battery_pct": 78, "pack_mv": 11750, "pack_ma": -420,
                     "mcu_temp_c": 36.5, "unread_ext": 0, "last_msg_age_s": 40, "uptime_s": 12,
                     "switch": REFERENCE_SWITCHES, "heltec": "ok", "mcu": "proto-0.1", "watchdog": None}
    assert states.seen[0]["link"] == "syncing"


def test_what_the_mcu_said_before_the_pi_opened_the_uart_follows_the_sync_start(procs, mcu):
    mcu.send({"event": "switch", "switch": REFERENCE_SWITCHES})  # the boot switch event, queued
    proc, states = start_supv(procs, mcu)
    s = states.wait(lambda s: s["switch"], what="the queued switch event")
    assert s["link"] == "syncing"
    assert states.seen[0]["link"] == "syncing"  # never "closed" while bytes arrive
    mcu.sync_like_the_reference_board()
    states.wait(lambda s: s["synced"], what="synced")


def test_events_and_both_status_shapes_reach_the_state_lines(procs, mcu):
    proc, states = start_supv(procs, mcu)
    mcu.sync_like_the_reference_board()
    states.wait(lambda s: s["synced"], what="synced")

    mcu.send({"event": "telemetry", "battery_pct": 77, "pack_mv": 11700, "pack_ma": -400,
              "mcu_temp_c": 37.0, "unread_ext": 4, "last_msg_age_s": 2, "uptime_s": 14})
    s = states.wait(lambda s: s["battery_pct"] == 77, what="telemetry")
    assert (s["pack_mv"], s["pack_ma"], s["mcu_temp_c"], s["unread_ext"], s["uptime_s"]) == (11700, -400, 37.0, 4, 14)

    mcu.send({"event": "switch", "switch": {"lte": False, "wifi": True, "bt": False}})
    s = states.wait(lambda s: s["switch"]["lte"] is False, what="the switch event")
    assert s["switch"] == {**REFERENCE_SWITCHES, "lte": False, "wifi": True, "bt": False}

    mcu.send({"event": "heltec", "heltec": "disconnected"})
    states.wait(lambda s: s["heltec"] == "disconnected", what="heltec")
    mcu.send({"event": "unread", "unread_ext": 9, "last_msg_age_s": 1})
    states.wait(lambda s: s["unread_ext"] == 9 and s["last_msg_age_s"] == 1, what="unread")
    mcu.send({"event": "watchdog", "state": "armed", "uptime_s": 20})
    states.wait(lambda s: s["watchdog"] == "armed" and s["uptime_s"] == 20, what="watchdog")

    # The status structure with no `event`: bare fields, and the reply shape without an id.
    mcu.send({"battery_pct": 60, "pack_mv": 11000, "switch": {"lid_open": True}})
    s = states.wait(lambda s: s["battery_pct"] == 60, what="the bare status")
    assert s["pack_mv"] == 11000 and s["switch"]["lid_open"] is True
    mcu.send({"ok": True, "status": {"battery_pct": 59, "switch": {"charger_online": False}}})
    s = states.wait(lambda s: s["battery_pct"] == 59, what="the status shape without id")
    assert s["switch"]["charger_online"] is False
    assert proc.alive()


def test_garbage_from_the_mcu_is_logged_and_ignored(procs, mcu):
    proc, states = start_supv(procs, mcu)
    mcu.sync_like_the_reference_board()
    states.wait(lambda s: s["synced"], what="synced")
    mcu.send_raw(b"\x00\xff\xfegarbage\n")
    mcu.send_raw(b"{\"event\":\"telemetry\",\"battery_pct\":\n")
    mcu.send({"event": "reboot"})
    mcu.send({"id": "999", "ok": True, "status": {"battery_pct": 1}})
    mcu.send({"event": "telemetry", "battery_pct": 2, "pad": "x" * 600})
    mcu.send({"event": "telemetry", "battery_pct": 50})
    s = states.wait(lambda s: s["battery_pct"] != 78, what="the next good line")
    assert s["battery_pct"] == 50
    proc.wait_for_log("(not JSON): \\x00\\xff\\xfegarbage", 5)
    proc.wait_for_log('(unknown event "reboot")', 5)
    proc.wait_for_log("(a reply to no pending request)", 5)
    proc.wait_for_log("dropped 1 line(s) over 512 bytes", 5)
    assert proc.alive()


def test_the_uart_going_away_and_coming_back_keeps_the_state_and_resyncs(procs, mcu):
    proc, states = start_supv(procs, mcu, "--mesh-live")
    mcu.sync_like_the_reference_board(mesh_live=True)
    mcu.send({"event": "switch", "switch": {"wifi": True}})
    states.wait(lambda s: s["synced"] and s["switch"]["wifi"] is True, what="synced")

    mcu.unplug()
    s = states.wait(lambda s: s["link"] == "closed", what="the link closed")
    assert s["battery_pct"] == 78 and s["switch"]["wifi"] is True and s["heltec"] == "ok"
    proc.wait_for_log("reopening every 500 ms", 5)

    mcu.plug()
    get_status, get_switches = mcu.expect("get_status", "get_switches")
    s = states.wait(lambda s: s["link"] == "syncing", what="the resync")
    assert s["battery_pct"] == 78 and s["switch"]["wifi"] is True  # nothing lost meanwhile
    rebooted = {**REFERENCE_STATUS, "battery_pct": 70, "uptime_s": 3}
    mcu.reply(get_status, ok=True, status=rebooted)
    mcu.reply(get_switches, ok=True, switch=REFERENCE_SWITCHES)
    (clear,) = mcu.expect("clear_unread")
    mcu.reply(clear, ok=True)
    s = states.wait(lambda s: s["link"] == "up" and s["synced"] and s["unread_ext"] == 0, what="synced again")
    assert s["battery_pct"] == 70 and s["uptime_s"] == 3 and s["switch"]["wifi"] is False
    proc.wait_for_log("reopened", 5)


def test_a_line_cut_by_the_uart_going_away_is_dropped_and_the_next_board_is_heard_whole(procs, mcu):
    proc, states = start_supv(procs, mcu)
    mcu.sync_like_the_reference_board()
    states.wait(lambda s: s["synced"], what="synced")
    # A whole line and half of the next in one write, so one read takes both; seeing the first
    # applied says the half was read too (a hang-up discards what the slave has not read yet).
    mcu.send_raw(b'{"event": "switch", "switch": {"wifi": true}}\n{"event": "switch", "switch": {"lte": fa')
    states.wait(lambda s: s["switch"]["wifi"] is True, what="the whole line")
    mcu.unplug()
    states.wait(lambda s: s["link"] == "closed", what="the link closed")
    proc.wait_for_log("UART closed mid-line: the unfinished line is dropped", REQUEST_TIMEOUT)

    mcu.plug()
    get_status, get_switches = mcu.expect("get_status", "get_switches")
    mcu.reply(get_status, ok=True, status=REFERENCE_STATUS)  # the first line: not joined to the half
    mcu.reply(get_switches, ok=True, switch=REFERENCE_SWITCHES)
    s = states.wait(lambda s: s["link"] == "up" and s["synced"], what="synced again")
    assert s["switch"] == REFERENCE_SWITCHES and s["battery_pct"] == 78
    assert "not JSON" not in proc.log_text()
    assert proc.alive()


def test_a_quiet_link_is_shown_and_the_mcu_heard_again_triggers_a_resync(procs, mcu):
    proc, states = start_supv(procs, mcu, "--quiet-ms", "1500")
    mcu.sync_like_the_reference_board()
    states.wait(lambda s: s["synced"], what="synced")
    s = states.wait(lambda s: s["link"] == "quiet", what="the link quiet")
    assert s["battery_pct"] == 78
    mcu.send({"event": "switch", "switch": REFERENCE_SWITCHES})  # a rebooted MCU's first line
    mcu.expect("get_status", "get_switches")
    states.wait(lambda s: s["link"] == "syncing", what="the resync")


def live_view_screen(hilbench_bin, mcu, tmp_path, status, last_line, until):
    """Runs `hilbench supv` with a terminal as stdout, syncs with `status`, sends `last_line` raw
    and returns what reached the screen once `until` (bytes) is on it."""
    screen_master, screen_slave = os.openpty()  # stdout is a terminal: the live view
    log = open(tmp_path / "supv.stderr.log", "wb")
    proc = subprocess.Popen([hilbench_bin, "supv", "--serial", mcu.path], stdin=subprocess.DEVNULL,
                            stdout=screen_slave, stderr=log, start_new_session=True)
    os.close(screen_slave)
    try:
        mcu.sync_like_the_reference_board(status)
        mcu.send_raw(last_line)
        screen = b""
        deadline = time.monotonic() + REQUEST_TIMEOUT
        while until not in screen and time.monotonic() < deadline:
            ready, _, _ = select.select([screen_master], [], [], 0.5)
            if ready:
                screen += os.read(screen_master, 65536)
        return screen.decode()
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=REQUEST_TIMEOUT) == 0
        os.close(screen_master)
        log.close()


def test_on_a_terminal_the_view_is_redrawn_in_place(hilbench_bin, mcu, tmp_path):
    text = live_view_screen(hilbench_bin, mcu, tmp_path, REFERENCE_STATUS, b"garbage\n", b"(not JSON): garbage")
    assert '"output":"live"' in text
    assert re.search(r"\x1b\[12F\x1b\[J", text)  # back to the block's first line, erase below
    last = text.split("\x1b[J")[-1]  # the last redraw
    for row in ("link         up", "battery      78 %", "pack         11750 mV   -420 mA",
                "temperature  36.5 C", "radio        ok", "last message 40 s ago", "mcu          proto-0.1",
                "log          ignored a line from the MCU (not JSON): garbage"):
        assert row in last, last


def test_escape_sequences_from_the_uart_are_shown_escaped_in_the_live_view(hilbench_bin, mcu, tmp_path):
    status = {**REFERENCE_STATUS, "mcu": "\x1b]0;retitled\x07", "heltec": "\x1b[31mred\x1b[0m"}
    text = live_view_screen(hilbench_bin, mcu, tmp_path, status, b"\x1b[2Jcleared\n", b"cleared")
    # Only the view's own sequences reach the terminal: back to the block's first line, erase below.
    assert "\x1b" not in re.sub(r"\x1b\[\d+F\x1b\[J", "", text), repr(text)
    assert "\x07" not in text
    last = text.split("\x1b[J")[-1]
    for row in ("radio        \\x1b[31mred\\x1b[0m", "mcu          \\x1b]0;retitled\\x07",
                "(not JSON): \\x1b[2Jcleared"):
        assert row in last, last


def test_a_missing_serial_port_is_a_clear_error(hilbench_bin, tmp_path):
    done = subprocess.run([hilbench_bin, "supv", "--serial", tmp_path / "nope"], capture_output=True, text=True, timeout=10)
    assert done.returncode == 1
    assert f"cannot open {tmp_path / 'nope'}" in done.stderr
    done = subprocess.run([hilbench_bin, "supv", "--serial", tmp_path / "nope", "--attempts", "0"],
                          capture_output=True, text=True, timeout=10)
    assert done.returncode == 2 and "--attempts must be a whole number from 1 to 100" in done.stderr


def start_poweroff(procs, mcu, *extra):
    return procs.start("supv", "poweroff", "--serial", mcu.path, *extra, name="poweroff", wait_ready=False)


def finish(proc):
    """Waits for a one-shot command to exit; returns its exit code and its JSON result line."""
    rc = proc.popen.wait(timeout=REQUEST_TIMEOUT)
    lines = []
    while (line := proc.stdout_lines.get(timeout=REQUEST_TIMEOUT)) is not None:
        lines.append(line)
    assert lines, proc.log_tail()
    return rc, json.loads(lines[-1])


def test_poweroff_agreed_sets_the_gpio_then_runs_the_command(procs, mcu, tmp_path):
    gpio, seen, done = tmp_path / "gpio17_value", tmp_path / "seen", tmp_path / "done"
    proc = start_poweroff(procs, mcu, "--gpio", gpio, "--poweroff-cmd", f"cat {gpio} > {seen}; touch {done}")
    (arm,) = mcu.expect("arm_poweroff")
    mcu.reply(arm, ok=True, poweroff_ok=True)
    rc, result = finish(proc)
    assert rc == 0, proc.log_tail()
    assert result == {"poweroff_ok": True, "outcome": "powering_off", "dry_run": False}
    assert seen.read_text().strip() == "1"  # the GPIO was high before the command ran
    assert done.exists()


def test_poweroff_refused_with_battery_low_exits_1_and_touches_nothing(procs, mcu, tmp_path):
    gpio, done = tmp_path / "gpio17_value", tmp_path / "done"
    proc = start_poweroff(procs, mcu, "--gpio", gpio, "--poweroff-cmd", f"touch {done}")
    (arm,) = mcu.expect("arm_poweroff")
    mcu.reply(arm, ok=False, error="battery_low")
    rc, result = finish(proc)
    assert rc == 1
    assert result == {"poweroff_ok": False, "outcome": "refused", "error": "battery_low", "dry_run": False}
    assert "aborted: the MCU refused: battery_low" in proc.log_text()
    assert not gpio.exists() and not done.exists()


def test_poweroff_with_no_reply_retries_then_times_out(procs, mcu, tmp_path):
    done = tmp_path / "done"
    proc = start_poweroff(procs, mcu, "--poweroff-cmd", f"touch {done}", "--reply-timeout-ms", "200", "--attempts", "2")
    first, second = mcu.expect("arm_poweroff", "arm_poweroff")
    assert first == second  # the same id: a late reply to either attempt counts
    rc, result = finish(proc)
    assert rc == 1
    assert result["outcome"] == "no_reply"
    assert "timed out: no reply to arm_poweroff after 2 attempts of 200 ms" in proc.log_text()
    assert not done.exists()


def test_poweroff_without_a_command_is_a_dry_run(procs, mcu, tmp_path):
    gpio = tmp_path / "gpio17_value"
    proc = start_poweroff(procs, mcu, "--gpio", gpio)
    (arm,) = mcu.expect("arm_poweroff")
    mcu.reply(arm, ok=True, poweroff_ok=True)
    rc, result = finish(proc)
    assert rc == 0
    assert result == {"poweroff_ok": True, "outcome": "powering_off", "dry_run": True}
    log = proc.log_text()
    assert f"dry run: would write 1 to {gpio}" in log
    assert "dry run: would run `poweroff`" in log
    assert not gpio.exists()
