# `hilbench sim mcu --serial pty` with pyserial playing the Pi: the spec's boot timeline, telemetry every
# 2 s, switch events after stdin controls, the power-off handshake, bad input, unplug and replug, the watchdog.

import json
import os
import select
import subprocess
import time

import pytest
import serial


WAIT = 8.0  # generous: a bound on a hang, never a measurement

REFERENCE_SWITCHES = {"lte": True, "wifi": False, "bt": True, "bridge_enable": True,
                      "lid_open": False, "charger_online": True}
TELEMETRY_FIELDS = ["battery_pct", "pack_mv", "pack_ma", "mcu_temp_c", "unread_ext", "last_msg_age_s",
                    "uptime_s"]


class Pi:
    """The Pi's end of the MCU's PTY: JSON lines out; every line in is kept, parsed, in arrival order.
    pyserial by default; keep_queued opens the tty as a terminal program would, to read what waited
    there before the Pi opened it (pyserial flushes that when it opens a port)."""

    def __init__(self, path, keep_queued=False):
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY) if keep_queued else None
        self.port = None if keep_queued else serial.Serial(path, baudrate=115200, timeout=0.05)
        self.lines = []
        self._partial = b""
        self._first = not keep_queued  # opening mid-line (the flush) may cut the first line
        self._ids = 0

    def write_raw(self, data):
        if self.port is None:
            os.write(self.fd, data)
            return
        self.port.write(data)
        self.port.flush()

    def send(self, obj):
        self.write_raw(json.dumps(obj).encode("utf-8") + b"\n")

    def _read(self):
        if self.port is not None:
            return self.port.read(4096)
        ready, _, _ = select.select([self.fd], [], [], 0.05)
        return os.read(self.fd, 4096) if ready else b""

    def _pump(self):
        self._partial += self._read()
        while b"\n" in self._partial:
            raw, self._partial = self._partial.split(b"\n", 1)
            first, self._first = self._first, False
            try:
                doc = json.loads(raw.decode("utf-8"))
            except ValueError:
                if first:
                    continue
                raise AssertionError(f"the MCU wrote a line that is not JSON: {raw!r}") from None
            assert isinstance(doc, dict), raw
            self.lines.append(doc)

    def mark(self):
        self._pump()
        return len(self.lines)

    def wait_for(self, predicate, start=0, timeout=WAIT, what="a line"):
        """The first line at index >= start that satisfies predicate (reading more as needed)."""
        deadline = time.monotonic() + timeout
        while True:
            found = next((doc for doc in self.lines[start:] if predicate(doc)), None)
            if found is not None:
                return found
            if time.monotonic() >= deadline:
                raise AssertionError(f"no {what} within {timeout} s; received since: {self.lines[start:][-12:]}")
            self._pump()

    def event(self, name, start=0, timeout=WAIT, where=lambda doc: True):
        return self.wait_for(lambda d: d.get("event") == name and where(d), start, timeout, f"{name} event")

    def request(self, cmd, req_id=None, **extra):
        """Sends {"id", "cmd", ...} and returns its reply (the next line carrying that id and "ok")."""
        self._ids += 1
        req_id = req_id or f"t{self._ids}"
        start = self.mark()
        self.send({"id": req_id, "cmd": cmd, **extra})
        return self.wait_for(lambda d: d.get("id") == req_id and "ok" in d, start, what=f"reply to {cmd}")

    def replies(self, start=0):
        return [d for d in self.lines[start:] if "event" not in d]

    def quiet_for(self, seconds):
        """Reads for a while; returns what came."""
        start = self.mark()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self._pump()
        return self.lines[start:]

    def close(self):
        if self.port is not None:
            self.port.close()
        else:
            os.close(self.fd)


class Mcu:
    def __init__(self, proc):
        self.proc = proc
        self.serial = proc.info["serial"]

    def control(self, line):
        data = line if isinstance(line, str) else json.dumps(line)
        self.proc.popen.stdin.write(data.encode("utf-8") + b"\n")
        self.proc.popen.stdin.flush()

    def log_mark(self):
        return len(self.proc.log_text())

    def wait_log(self, needle, start=0, timeout=WAIT):
        return self.proc.wait_for_log(needle, timeout, start=start)


@pytest.fixture
def start_mcu(procs):
    made = []

    def start(*extra):
        proc = procs.start("sim", "mcu", "--serial", "pty", *extra, name=f"sim-mcu-{len(made)}",
                           stdin=subprocess.PIPE)
        made.append(proc)
        return Mcu(proc)

    yield start
    for proc in made:
        if proc.popen.stdin:
            proc.popen.stdin.close()


@pytest.fixture
def mcu_and_pi(start_mcu):
    mcu = start_mcu()
    pi = Pi(mcu.serial)
    yield mcu, pi
    pi.close()


def test_ready_line_names_the_pty_and_the_settings(start_mcu):
    mcu = start_mcu()
    info = mcu.proc.info
    assert info["serial"].startswith("/dev/pts/"), info
    assert info["device"] == "supervisor-mcu"
    assert info["baud"] == 115200 and info["line_rate"] is False and info["controls"] == "stdin"
    assert info["firmware"] == "proto-0.1" and info["watchdog_s"] == 120


def test_boot_sends_a_switch_event_then_arms_the_watchdog(start_mcu):
    mcu = start_mcu()
    pi = Pi(mcu.serial, keep_queued=True)
    try:
        pi.wait_for(lambda d: len(pi.lines) >= 2, what="two boot lines")
        assert pi.lines[:2] == [{"event": "switch", "switch": REFERENCE_SWITCHES},
                                {"event": "watchdog", "state": "armed", "uptime_s": 0}]
    finally:
        pi.close()


def test_boot_timeline_status_switches_clear_unread(mcu_and_pi):
    _, pi = mcu_and_pi
    status = pi.request("get_status", "4")
    assert list(status) == ["id", "ok", "status"]
    assert status["ok"] is True
    s = status["status"]
    assert list(s) == TELEMETRY_FIELDS + ["switch", "heltec", "mcu"]
    assert s["battery_pct"] == 78
    assert abs(s["pack_mv"] - 11750) <= 20
    assert s["pack_ma"] == -420
    assert s["mcu_temp_c"] == 36.5
    assert s["unread_ext"] == 0
    assert s["switch"] == REFERENCE_SWITCHES and s["heltec"] == "ok" and s["mcu"] == "proto-0.1"
    assert pi.request("get_switches", "5") == {"id": "5", "ok": True, "switch": REFERENCE_SWITCHES}
    # the first request satisfied the boot watchdog
    pi.event("watchdog", where=lambda d: d["state"] == "ok")
    assert pi.request("clear_unread", "7", source="telegram") == {"id": "7", "ok": True}


def test_telemetry_every_two_seconds_with_every_field(mcu_and_pi):
    _, pi = mcu_and_pi
    start = pi.mark()
    events = []
    for _ in range(3):
        events.append(pi.event("telemetry", start, where=lambda d: d not in events))
        start = pi.lines.index(events[-1]) + 1
    for ev in events:
        assert list(ev) == ["event"] + TELEMETRY_FIELDS, ev
        assert ev["uptime_s"] % 2 == 0, ev  # periodic events fall on whole 2 s of device time
    assert [b["uptime_s"] - a["uptime_s"] for a, b in zip(events, events[1:])] == [2, 2]


def test_ping_and_unknown_command(mcu_and_pi):
    _, pi = mcu_and_pi
    pong = pi.request("ping", "p1")
    assert list(pong) == ["id", "ok", "uptime_s"] and pong["ok"] is True
    assert pi.request("self_destruct", "u1") == {"id": "u1", "ok": False, "error": "unknown_cmd"}
    # a numeric id comes back as it was given
    start = pi.mark()
    pi.send({"id": 17, "cmd": "ping"})
    assert pi.wait_for(lambda d: d.get("id") == 17, start)["ok"] is True


def test_switch_event_after_a_control_line(mcu_and_pi):
    mcu, pi = mcu_and_pi
    start = pi.mark()
    mcu.control({"switch": {"lte": False}})
    ev = pi.event("switch", start)
    assert ev["switch"] == dict(REFERENCE_SWITCHES, lte=False)
    assert pi.request("get_switches")["switch"]["lte"] is False


def test_mesh_message_counts_and_clear_unread_resets(mcu_and_pi):
    mcu, pi = mcu_and_pi
    start = pi.mark()
    mcu.control({"message": {"from": "node-7"}})
    mcu.control({"message": {}})
    ev = pi.event("telemetry", start, where=lambda d: d["unread_ext"] == 2)
    assert ev["last_msg_age_s"] == 0
    start = pi.mark()
    assert pi.request("clear_unread", "c1") == {"id": "c1", "ok": True}
    pi.event("telemetry", start, where=lambda d: d["unread_ext"] == 0)
    assert pi.request("get_status")["status"]["unread_ext"] == 0


def test_charger_radio_and_temperature_controls(mcu_and_pi):
    mcu, pi = mcu_and_pi
    start = pi.mark()
    mcu.control({"charger": False})
    assert pi.event("switch", start)["switch"]["charger_online"] is False
    assert pi.event("telemetry", start, where=lambda d: d["pack_ma"] > 0)["pack_ma"] == 1080
    mcu.control({"radio": "fault"})
    assert pi.event("heltec", start) == {"event": "heltec", "heltec": "fault"}
    mcu.control({"mcu_temp_c": 41.5})
    pi.event("telemetry", start, where=lambda d: d["mcu_temp_c"] == 41.5)


def test_arm_poweroff_handshake_cuts_power_when_the_heartbeat_stops(mcu_and_pi):
    mcu, pi = mcu_and_pi
    assert pi.request("arm_poweroff", "off1") == {"id": "off1", "ok": True, "poweroff_ok": True}
    log_start = mcu.log_mark()
    start = pi.mark()
    mcu.control({"heartbeat": False})
    mcu.wait_log("Pi power cut", log_start)
    assert pi.event("watchdog", start)["state"] == "off"
    mcu.control({"power_button": True})
    assert pi.event("watchdog", start, where=lambda d: d["state"] != "off")["state"] == "armed"
    mcu.wait_log("Pi powered again", log_start)


def test_arm_poweroff_on_a_low_battery_is_refused(mcu_and_pi):
    mcu, pi = mcu_and_pi
    start = pi.mark()
    mcu.control({"battery": {"pct": 15}})
    pi.event("telemetry", start, where=lambda d: d["battery_pct"] == 15)
    assert pi.request("arm_poweroff", "off2") == {"id": "off2", "ok": False, "error": "battery_low"}


def test_garbage_overlong_and_cmdless_lines_get_no_reply(mcu_and_pi):
    _, pi = mcu_and_pi
    start = pi.mark()
    pi.write_raw(b"\x00\xff\xfe\x1b[2J\x7f\x80garbage\n")
    pi.write_raw(b"[    0.000000] Booting Linux on physical CPU 0x0\r\n")
    big = json.dumps({"id": "big", "cmd": "ping", "pad": "x" * 600}).encode()
    assert len(big) > 512
    pi.write_raw(big + b"\n")
    pi.send({"id": "nocmd", "command": "ping"})
    pi.write_raw(b"\n\r\n")
    assert pi.request("ping", "after")["ok"] is True
    assert [d["id"] for d in pi.replies(start)] == ["after"]


def test_a_line_written_in_halves_is_answered_once_complete(mcu_and_pi):
    _, pi = mcu_and_pi
    start = pi.mark()
    pi.write_raw(b'{"id":"half","cm')
    assert not [d for d in pi.quiet_for(0.5) if "ok" in d]
    pi.write_raw(b'd":"ping"}\r\n')
    assert pi.wait_for(lambda d: d.get("id") == "half", start)["ok"] is True


def test_unplug_for_a_while_then_replug(mcu_and_pi):
    mcu, pi = mcu_and_pi
    pi.request("ping")
    log_start = mcu.log_mark()
    mcu.control({"unplug_ms": 2500})
    mcu.wait_log("UART unplugged", log_start)
    start = pi.mark()
    pi.send({"id": "lost", "cmd": "ping"})
    mcu.wait_log("UART plugged in", log_start)
    assert pi.request("ping", "back")["ok"] is True
    pi.event("telemetry", pi.mark())  # the stream comes back
    assert "lost" not in [d.get("id") for d in pi.lines[start:]]
    assert "bytes from the Pi lost" in mcu.proc.log_text()[log_start:]


def test_unplug_and_plug_by_hand(mcu_and_pi):
    mcu, pi = mcu_and_pi
    pi.request("ping")
    log_start = mcu.log_mark()
    mcu.control({"unplug": True})
    mcu.wait_log("UART unplugged", log_start)
    pi.quiet_for(0.2)  # lines already on their way through the PTY arrive; they do not count
    quiet = pi.quiet_for(2.5)  # a telemetry period passes: nothing crosses
    assert quiet == [], quiet
    mcu.control({"plug": True})
    mcu.wait_log("UART plugged in", log_start)
    assert pi.request("ping", "replugged")["ok"] is True


def test_bad_control_lines_are_refused_with_a_reason_and_it_goes_on(mcu_and_pi):
    mcu, pi = mcu_and_pi
    log_start = mcu.log_mark()
    mcu.control("nonsense")
    mcu.control({"switch": {"gps": True}})
    mcu.control({"battery": {"pct": 150}})
    mcu.wait_log('[control] refused: not JSON: nonsense', log_start)
    mcu.wait_log('[control] refused: unknown switch "gps"', log_start)
    mcu.wait_log('[control] refused: "battery.pct" must be a number from 0 to 100', log_start)
    assert mcu.proc.alive()
    assert pi.request("get_status")["status"]["battery_pct"] == 78


def test_the_boot_watchdog_resets_a_silent_pi_and_rearms(start_mcu):
    mcu = start_mcu("--watchdog-s", "2")
    assert mcu.proc.info["watchdog_s"] == 2
    pi = Pi(mcu.serial)
    try:
        reset = pi.event("watchdog", where=lambda d: d["state"] == "reset")
        assert reset["uptime_s"] >= 2
        index = pi.lines.index(reset)
        assert pi.event("watchdog", index + 1)["state"] == "armed"
        mcu.wait_log("boot watchdog: Pi reset")
        start = pi.mark()
        pi.request("ping", "alive")
        assert pi.event("watchdog", start)["state"] == "ok"
    finally:
        pi.close()


def test_line_rate_and_time_scale(start_mcu):
    mcu = start_mcu("--line-rate", "--time-scale", "10")
    assert mcu.proc.info["line_rate"] is True and mcu.proc.info["time_scale"] == 10
    pi = Pi(mcu.serial)
    try:
        assert pi.request("get_status")["status"]["battery_pct"] == 78
        # device time x10: five periodic events (10 device seconds) in well under 10 wall seconds
        start = pi.mark()
        seen = []
        for _ in range(5):
            seen.append(pi.event("telemetry", start, timeout=4.0, where=lambda d: d not in seen))
        assert seen[-1]["uptime_s"] - seen[0]["uptime_s"] >= 8
    finally:
        pi.close()


def test_command_line_errors(hilbench_bin):
    out = subprocess.run([hilbench_bin, "sim", "--help"], capture_output=True, text=True, timeout=10)
    assert "mcu" in out.stdout
    out = subprocess.run([hilbench_bin, "sim", "mcu"], capture_output=True, text=True, timeout=10)
    assert out.returncode == 2 and "--serial" in out.stderr
    out = subprocess.run([hilbench_bin, "sim", "mcu", "--serial", "pty", "--time-scale", "0"],
                         capture_output=True, text=True, timeout=10)
    assert out.returncode == 2 and "--time-scale must be from 0.001 to 1000" in out.stderr
    out = subprocess.run([hilbench_bin, "sim", "mcu", "--serial", "/dev/does-not-exist"],
                         capture_output=True, text=True, timeout=10, stdin=subprocess.DEVNULL)
    assert out.returncode == 1 and "cannot open /dev/does-not-exist" in out.stderr
