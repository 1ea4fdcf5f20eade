# `hilbench fleet` against a real mosquitto: ten thousand stepper nodes (the real firmware each) in
# one process answering a paho-mqtt host, and the fleet's faults seen from the broker's side.

import json
import subprocess

import pytest

from fleet_clients import DEADLINE, Host, control, wait_until
from fleet_clients import start_fleet as start_kind


def start_fleet(procs, broker, count, *extra):
    return start_kind(procs, broker, "stepper", count, *extra)


def test_ten_thousand_stepper_nodes_in_one_process_answer_a_paho_host(procs, private_broker):
    fleet = start_fleet(procs, private_broker, 10_000)
    assert fleet.info["connected"] == 10_000 and fleet.info["failed"] == 0, fleet.info
    sample = [f"fleet-{i:06d}" for i in range(0, 10_000, 997)]
    host = Host(private_broker, [f"devices/{node}/cmd/resp" for node in sample])
    try:
        for node in sample:
            host.client.publish(f"devices/{node}/cmd", json.dumps(
                {"cmd_id": f"m-{node}", "action": "MOVE", "params": {"target_ids": 0, "position_steps": 200}}), qos=1)
        done = lambda topic, payload: json.loads(payload).get("status") == "done"
        wait_until(lambda: len(host.received(done)) == len(sample), DEADLINE, message="every sampled node done")
        assert {t.split("/")[1] for t, _ in host.received(done)} == set(sample)
    finally:
        host.close()


def test_a_cut_share_of_the_fleet_leaves_its_wills_and_comes_back(procs, private_broker):
    fleet = start_fleet(procs, private_broker, 200)
    host = Host(private_broker, ["devices/+/status"])
    try:
        answer = control(fleet, {"cut": 25, "for_ms": 500})
        assert answer == {"ok": True, "cut": 25, "for_ms": 500}
        offline = lambda topic, payload: '"offline"' in payload
        wait_until(lambda: len({t for t, _ in host.received(offline)}) == 50, DEADLINE,
                   message="50 wills from the broker")
        # Both at once: the wills can reach the host before the fleet counts its devices cut.
        def back():
            report = control(fleet, {"report": True})
            return report["connected"] == 200 and report["reconnects"] == 50
        wait_until(back, DEADLINE, message="the cut devices back, each reconnected once")
    finally:
        host.close()


def test_a_reconnect_storm_and_power_cycles(procs, private_broker):
    fleet = start_fleet(procs, private_broker, 100)
    assert control(fleet, {"reconnect_storm": True})["ok"]
    wait_until(lambda: control(fleet, {"report": True})["reconnects"] == 100, DEADLINE,
               message="every device back after the storm")
    assert control(fleet, {"power_cycle": 10}) == {"ok": True, "power_cycle": 10}
    wait_until(lambda: control(fleet, {"report": True})["reconnects"] == 110, DEADLINE,
               message="the power-cycled devices back")
    assert control(fleet, {"power_cycle": 101})["ok"] is False
    assert "control line" in control(fleet, {"explode": True})["error"]


def test_shards_of_one_fleet_run_each_device_once(procs, private_broker):
    first = start_fleet(procs, private_broker, 10, "--shard", "1/2")
    second = start_fleet(procs, private_broker, 10, "--shard", "2/2")
    assert (first.info["devices"], second.info["devices"]) == (5, 5)
    assert (first.info["first_id"], second.info["first_id"]) == ("fleet-000000", "fleet-000001")
    assert (first.info["last_id"], second.info["last_id"]) == ("fleet-000008", "fleet-000009")


@pytest.mark.parametrize("args,why", [
    (["--kind", "mcu", "--count", "3"], "has no fleet form"),
    (["--kind", "stepper"], "give --count N"),
    (["--kind", "stepper", "--count", "3", "--shard", "3/2"], "--shard must be I/N"),
    (["--kind", "stepper", "--count", "3", "--id-prefix", "a/b"], "no '/'"),
])
def test_bad_fleet_flags_say_why(hilbench_bin, args, why):
    result = subprocess.run([str(hilbench_bin), "fleet", "--broker", "mqtt://127.0.0.1:1", *args],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert why in result.stderr


def test_the_fleets_own_host_times_commands_counts_the_lost_and_draws_them(procs, private_broker, tmp_path):
    html = tmp_path / "fleet.html"
    fleet = procs.start("fleet", "--kind", "stepper", "--count", "50", "--broker", private_broker.url,
                        "--report-s", "0", "--command-rate", "200", "--command-timeout-s", "1",
                        "--html", str(html), "--control-topic", "fleet/control",
                        name="commanded", stdin=subprocess.PIPE, timeout=DEADLINE)
    assert fleet.info["control_topic"] == "fleet/control"
    wait_until(lambda: control(fleet, {"report": True})["commands_answered"] >= 200, DEADLINE,
               message="200 commands answered")
    report = control(fleet, {"report": True})
    assert report["commands_lost"] == 0, report
    trips = report["round_trip_ms_overall"]
    assert 0 < trips["p50"] <= trips["p90"] <= trips["p99"], trips

    # Every device cut for 3 s through the control topic: the commands sent meanwhile go nowhere (clean
    # sessions) and are counted lost after the 1 s timeout.
    host = Host(private_broker, ["fleet/control/answer"])
    try:
        host.client.publish("fleet/control", json.dumps({"cut": 100, "for_ms": 3000}), qos=1)
        wait_until(lambda: host.received(), DEADLINE, message="the control topic's answer")
        assert json.loads(host.received()[0][1]) == {"ok": True, "cut": 100, "for_ms": 3000}
    finally:
        host.close()
    wait_until(lambda: control(fleet, {"report": True})["commands_lost"] > 0, DEADLINE,
               message="commands lost while the devices were cut")
    wait_until(lambda: control(fleet, {"report": True})["connected"] == 50, DEADLINE, message="devices back")
    wait_until(lambda: "Command round trip" in html.read_text(), DEADLINE, message="the HTML report")
    page = html.read_text()
    assert page.count("<svg") == 4 and "commands_lost" in page
