# The robot head's controller from Python: the simulated head on the bench's virtual time, scripts
# and Bluetooth devices described by set(), the spec's topics and statuses.

import pytest

import hilbench
from hilbench.errors import InputError


@pytest.fixture
def bench():
    bench = hilbench.Bench(limit_ms=60_000)
    bench.add_head("head1")
    bench.set("head1", script={"path": "eyes.py", "forever": True})
    bench.set("head1", script={"path": "stubborn.py", "forever": True, "ignores_term": True})
    bench.set("head1", bluetooth_device={"address": "00:11:22:33:44:55", "connect_ms": 300})
    return bench


def test_a_script_runs_and_stops(bench):
    bench.send("head1", mqtt={"id": "eyes1", "path": "eyes.py"}, topic="~/control/script/start")
    running = bench.expect("head1", mqtt={"id": "eyes1"}, topic="~/status/script/eyes1", timeout_ms=100)
    assert running.json()["status"] == "running"
    bench.send("head1", mqtt={"id": "eyes1"}, topic="~/control/script/stop")
    stopped = bench.expect("head1", mqtt={"status": "stopped"}, topic="~/status/script/eyes1", timeout_ms=100)
    assert stopped.json()["signal"] == 15
    bench.expect("head1", link="processes", subset={"processes_alive": 0}, timeout_ms=0)


def test_a_stubborn_script_is_killed_after_the_grace_in_virtual_time(bench):
    bench.send("head1", mqtt={"id": "s", "path": "stubborn.py"}, topic="~/control/script/start")
    bench.expect("head1", mqtt={"status": "running"}, topic="~/status/script/s", timeout_ms=100)
    started = bench.now_ms
    bench.send("head1", mqtt={"id": "s"}, topic="~/control/script/stop")
    bench.expect("head1", mqtt={"status": "killed"}, topic="~/status/script/s", timeout_ms=6000)
    assert bench.now_ms - started == pytest.approx(5000, abs=5)


def test_a_speaker_connects_and_goes_away(bench):
    bench.send("head1", mqtt={"address": "00:11:22:33:44:55"}, topic="~/control/bluetooth/connect")
    bench.expect("head1", mqtt={"status": "connected"}, topic="~/status/bluetooth", timeout_ms=1000)
    bench.set("head1", bluetooth_drop="00:11:22:33:44:55")
    bench.expect("head1", mqtt={"status": "disconnected"}, topic="~/status/bluetooth", timeout_ms=1000)


def test_a_script_described_wrongly_is_refused(bench):
    with pytest.raises(InputError, match="unknown key 'runs'"):
        bench.set("head1", script={"path": "x.py", "runs": 5})
    with pytest.raises(InputError, match="needs its 'path'"):
        bench.set("head1", script={"runs_ms": 5})
