# `hilbench head --bluetooth bluez` against dbusmock's BlueZ on a private dbus-daemon: connects, disconnects, shutdown.

import json
import os
import shutil
import signal
import subprocess

import pytest

from head_clients import MQTT_TIMEOUT, Head, StatusWatch, wait_until

SPEAKER = "AA:BB:CC:DD:EE:01"
SPEAKER_PATH = "/org/bluez/hci0/dev_AA_BB_CC_DD_EE_01"
UNKNOWN = "AA:BB:CC:DD:EE:99"  # no device has it
EXIT_DEADLINE = 10.0  # bounds the wait for the service's exit; not a measurement

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("dbus-daemon", "busctl", "gdbus", "mosquitto_pub", "mosquitto_sub")),
    reason="needs dbus-daemon, busctl, gdbus and mosquitto-clients")


class PrivateBluez:
    """A dbus-daemon of this test and dbusmock's bluez5 template on it, driven with busctl."""

    def __init__(self, log_dir):
        self._logs = [open(log_dir / "dbus-daemon.log", "wb"), open(log_dir / "dbusmock.log", "wb")]
        # A session-type bus: no root and no system policy needed; BlueZ's names are the same on it.
        self.bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._logs[0], text=True)
        self.mock = None
        self.address = self.bus.stdout.readline().strip()
        assert self.address, "dbus-daemon printed no address"
        env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS=self.address)
        self.mock = subprocess.Popen(["/usr/bin/python3", "-m", "dbusmock", "--template", "bluez5", "--system"],
                                     stdin=subprocess.DEVNULL, stdout=self._logs[1], stderr=subprocess.STDOUT, env=env)
        subprocess.run(["gdbus", "wait", "--address", self.address, "--timeout", "10", "org.bluez"],
                       check=True, timeout=15, stdin=subprocess.DEVNULL)

    def call(self, path, interface, method, signature="", *args):
        """busctl call on the mock; returns busctl's JSON answer ({"type": ..., "data": [...]}) or None."""
        res = subprocess.run(["busctl", f"--address={self.address}", "--json=short", "call", "org.bluez", path,
                              interface, method, *([signature, *args] if signature else [])],
                             capture_output=True, text=True, timeout=MQTT_TIMEOUT, stdin=subprocess.DEVNULL)
        assert res.returncode == 0, f"busctl {method}: {res.stderr}"
        return json.loads(res.stdout) if res.stdout.strip() else None

    def method_calls(self, path, method):
        """How often `method` of the mock object at `path` was called (dbusmock's call log)."""
        answer = self.call(path, "org.freedesktop.DBus.Mock", "GetMethodCalls", "s", method)
        return len(answer["data"][0])

    def close(self):
        for proc in (self.mock, self.bus):  # the mock before its bus
            if proc is not None and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=MQTT_TIMEOUT)
        self.bus.stdout.close()
        for log in self._logs:
            log.close()


@pytest.fixture
def bluez(tmp_path):
    b = PrivateBluez(tmp_path)
    try:
        b.call("/", "org.bluez.Mock", "AddAdapter", "ss", "hci0", "bench")
        b.call("/", "org.bluez.Mock", "AddDevice", "sss", "hci0", SPEAKER, "speaker")
        yield b
    finally:
        b.close()


@pytest.fixture
def head(bluez, procs, tmp_path, monkeypatch):
    """`hilbench head --name head1 --bluetooth bluez` with the private bus as its system bus."""
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    broker = procs.start("broker", "--port", "0", name="broker").info
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", bluez.address)  # the head's environment
    proc = procs.start("head", "--name", "head1", "--host", "127.0.0.1", "--port", str(broker["port"]),
                       "--scripts-dir", str(scripts), "--bluetooth", "bluez", "--bluetooth-adapter", "hci0",
                       "--stop-grace-s", "1", name="head")
    assert proc.info["bluetooth"] == "bluez", proc.info
    watch = StatusWatch(broker["port"], "head1", tmp_path / "mosquitto_sub.log")
    yield Head(proc, broker["port"], watch)
    watch.close()


def connect(head, address):
    """Publishes the spec's connect example for `address`; returns the status/bluetooth answer."""
    start = head.watch.mark()
    head.control("bluetooth/connect", {"address": address})
    return head.watch.wait_for(lambda m: m.topic == "heads/head1/status/bluetooth"
                               and m.json()["address"] == address.upper()
                               and m.json()["status"] in ("connected", "failed"),
                               start=start, what=f"the outcome of connecting {address}").json()


def test_connecting_a_known_speaker_reports_connected(head):
    outcome = connect(head, SPEAKER)
    assert outcome["status"] == "connected" and outcome["address"] == SPEAKER and "error" not in outcome, outcome


def test_a_page_timeout_fails_with_bluez_error_name_and_message(bluez, head):
    bluez.call(SPEAKER_PATH, "org.freedesktop.DBus.Mock", "AddMethod", "sssss", "org.bluez.Device1", "Connect", "", "",
               "raise dbus.exceptions.DBusException('br-connection-page-timeout', name='org.bluez.Error.Failed')")
    outcome = connect(head, SPEAKER)
    assert outcome["status"] == "failed", outcome
    assert outcome["error"] == "org.bluez.Error.Failed: br-connection-page-timeout"


def test_an_unknown_address_fails_as_not_available(head):
    outcome = connect(head, UNKNOWN.lower())
    assert outcome["status"] == "failed" and outcome["address"] == UNKNOWN, outcome
    assert outcome["error"] == f"org.bluez.Error.DoesNotExist: Device {UNKNOWN} not available"


def test_a_remote_disconnect_is_reported_once(bluez, head):
    assert connect(head, SPEAKER)["status"] == "connected"
    start = head.watch.mark()
    bluez.call("/", "org.bluez.Mock", "DisconnectDevice", "ss", "hci0", SPEAKER)
    head.watch.wait_for(lambda m: m.topic == "heads/head1/status/bluetooth" and m.json()["status"] == "disconnected",
                        start=start, what="disconnected")
    # A barrier: BlueZ answers this after everything it sent before, so a second report would be in by then.
    assert connect(head, UNKNOWN)["status"] == "failed"
    reports = [m.json() for m in head.watch.on_topic("heads/head1/status/bluetooth", start)]
    assert [(r["status"], r["address"]) for r in reports] == [("disconnected", SPEAKER), ("failed", UNKNOWN)], reports


def test_sigterm_to_the_service_disconnects_the_connected_speaker(bluez, head):
    assert connect(head, SPEAKER)["status"] == "connected"
    assert bluez.method_calls(SPEAKER_PATH, "Disconnect") == 0
    start = head.watch.mark()
    head.proc.signal(signal.SIGTERM)
    assert head.proc.popen.wait(timeout=EXIT_DEADLINE) == 0
    assert bluez.method_calls(SPEAKER_PATH, "Disconnect") == 1
    offline = head.watch.wait_for(lambda m: m.topic == "heads/head1/availability" and m.payload == "offline",
                                  start=start, what="availability offline")
    reports = [m.json() for m in head.watch.on_topic("heads/head1/status/bluetooth", start)]
    assert [(r["status"], r["address"]) for r in reports] == [("disconnected", SPEAKER)], reports
    assert head.watch.on_topic("heads/head1/status/bluetooth", start)[0].index < offline.index



def test_sigterm_during_a_pending_connect_sends_bluez_the_disconnect_that_cancels_it(bluez, head, tmp_path):
    # Bug: the cancel waited for a device lookup that the exiting service never saw answered, so BlueZ
    # never got the Disconnect and could finish connecting the speaker after the service was gone.
    called = tmp_path / "connect-called"
    bluez.call(SPEAKER_PATH, "org.freedesktop.DBus.Mock", "AddMethod", "sssss", "org.bluez.Device1", "Connect", "", "",
               f"open({str(called)!r}, 'w').close(); time.sleep(1)")  # BlueZ paging: the mock answers nothing
    start = head.watch.mark()
    head.control("bluetooth/connect", {"address": SPEAKER})
    wait_until(called.exists, what="the Connect call in the mock")
    head.proc.signal(signal.SIGTERM)
    assert head.proc.popen.wait(timeout=EXIT_DEADLINE) == 0
    outcome = head.watch.wait_for(lambda m: m.topic == "heads/head1/status/bluetooth", start=start, what="the outcome")
    assert outcome.json()["status"] == "failed" and "shutting down" in outcome.json()["error"], outcome
    assert bluez.method_calls(SPEAKER_PATH, "Disconnect") == 1  # answered once the mock is awake
