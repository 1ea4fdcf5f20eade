# The supervisor family end to end: `hilbench supv` (the Pi's client) talks to `hilbench sim mcu`
# (the simulated supervisor) through a PTY, a real tty driver. The MCU's log shows what crossed
# the UART ("[uart] pi> ..." and "[uart] mcu> ..."), the client's JSON lines what it merged.

import json
import re
import subprocess
import time

import pytest

WAIT = 15.0


class StateLines:
    """The JSON state lines of `hilbench supv --json`."""

    def __init__(self, proc):
        self.proc = proc
        self.last = None

    def wait(self, predicate, what, timeout=WAIT):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.proc.stdout_lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except Exception:
                continue
            assert line is not None, f"hilbench supv exited\n{self.proc.log_tail()}"
            self.last = json.loads(line)
            if predicate(self.last):
                return self.last
        raise AssertionError(f"no state with {what}; last: {self.last}\n{self.proc.log_tail()}")


def control(mcu, doc):
    mcu.popen.stdin.write((json.dumps(doc) + "\n").encode())
    mcu.popen.stdin.flush()


def pi_requests(mcu):
    """The commands the Pi sent, in the order the MCU received them."""
    return [json.loads(m)["cmd"] for m in re.findall(r"\[uart\] pi>\s+(\{.*\})", mcu.log_text())
            if "cmd" in json.loads(m)]


@pytest.fixture
def mcu(procs):
    proc = procs.start("sim", "mcu", "--serial", "pty", name="sim-mcu", stdin=subprocess.PIPE)
    yield proc
    proc.popen.stdin.close()


def test_the_client_and_the_simulated_mcu_follow_the_boot_timeline_through_a_pty(procs, mcu):
    control(mcu, {"message": {"from": "node-7"}})  # one unread before the Pi starts
    supv = procs.start("supv", "--serial", mcu.info["serial"], "--json", "--mesh-live", name="supv")
    states = StateLines(supv)
    synced = states.wait(lambda s: s["synced"] and s["link"] == "up", "the sync done")
    assert synced["battery_pct"] == 78 and synced["pack_mv"] == 11750 and synced["mcu_temp_c"] == 36.5
    assert synced["switch"] == {"lte": True, "wifi": False, "bt": True, "bridge_enable": True,
                                "lid_open": False, "charger_online": True}
    assert synced["heltec"] == "ok" and synced["mcu"] == "proto-0.1"
    # clear_unread once subscribed: the unread count the MCU had goes to 0
    states.wait(lambda s: s["unread_ext"] == 0, "unread cleared")
    assert pi_requests(mcu)[:3] == ["get_status", "get_switches", "clear_unread"]
    # telemetry keeps coming; a switch flipped on the board reaches the merged state
    states.wait(lambda s: s["uptime_s"] is not None and s["uptime_s"] >= 4, "telemetry")
    control(mcu, {"switch": {"wifi": True, "lid_open": True}})
    states.wait(lambda s: s["switch"].get("wifi") and s["switch"].get("lid_open"), "the switches flipped")
    control(mcu, {"radio": "fault"})
    states.wait(lambda s: s["heltec"] == "fault", "the radio fault")


def test_unplugging_the_uart_loses_no_state_the_host_had(procs, mcu):
    supv = procs.start("supv", "--serial", mcu.info["serial"], "--json", "--quiet-ms", "3000", name="supv")
    states = StateLines(supv)
    before = states.wait(lambda s: s["synced"] and s["battery_pct"] is not None, "the sync done")
    control(mcu, {"unplug_ms": 6000})
    quiet = states.wait(lambda s: s["link"] == "quiet", "the link quiet", timeout=10)
    for key in ("battery_pct", "pack_mv", "switch", "heltec", "mcu"):
        assert quiet[key] == before[key], key
    syncs_before = len([c for c in pi_requests(mcu) if c == "get_status"])
    back = states.wait(lambda s: s["link"] == "up" and s["synced"], "back and synced", timeout=15)
    assert back["battery_pct"] == before["battery_pct"]
    assert len([c for c in pi_requests(mcu) if c == "get_status"]) > syncs_before  # synchronized again


def test_the_poweroff_handshake_between_the_two_processes(procs, mcu, tmp_path):
    marker = tmp_path / "powered-off"
    result = subprocess.run([str(procs.hilbench), "supv", "poweroff", "--serial", mcu.info["serial"],
                             "--poweroff-cmd", f"touch {marker}"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["poweroff_ok"] is True
    assert marker.exists()
    mcu.wait_for_log("power-off prepared", WAIT)
    control(mcu, {"heartbeat": False})
    mcu.wait_for_log("Pi power cut", WAIT)


def test_a_low_battery_aborts_the_poweroff(procs, mcu, tmp_path):
    control(mcu, {"battery": {"pct": 10, "charger": False}})
    mcu.wait_for_log("battery set to 10", WAIT)
    marker = tmp_path / "powered-off"
    result = subprocess.run([str(procs.hilbench), "supv", "poweroff", "--serial", mcu.info["serial"],
                             "--poweroff-cmd", f"touch {marker}"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "battery_low" in result.stderr
    assert not marker.exists()


def test_a_supervisor_scenario_runs_against_the_process_through_a_target(procs, mcu, tmp_path):
    scenario = tmp_path / "uart.yaml"
    scenario.write_text("""name: supervisor requests over a real PTY
devices:
  - {name: mcu, kind: mcu}
steps:
  - send: {serial: {json: {id: t1, cmd: get_status}}}
  - expect: {serial: {json: {id: t1, ok: true, status: {battery_pct: 78, pack_mv: 11750, mcu: proto-0.1}}}, timeout_ms: 1000}
  - send: {serial: {json: {id: t2, cmd: reboot}}}
  - expect: {serial: {json: {id: t2, ok: false, error: unknown_cmd}}, timeout_ms: 1000}
  - expect: {serial: {json: {event: telemetry}}, timeout_ms: 3000}
""")
    target = tmp_path / "target.yaml"
    target.write_text(f"devices:\n  mcu: {{serial: {mcu.info['serial']}}}\n")
    result = subprocess.run([str(procs.hilbench), "run", scenario, "--target", target], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    no_serial = tmp_path / "bad-target.yaml"
    no_serial.write_text("devices:\n  mcu: {mqtt: mqtt://127.0.0.1:1}\n")
    result = subprocess.run([str(procs.hilbench), "run", scenario, "--target", no_serial], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode != 0
    assert "the mcu device 'mcu' needs a 'serial' connection in the target" in result.stdout + result.stderr
