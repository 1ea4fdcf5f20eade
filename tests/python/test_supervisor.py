"""hilbench.SupervisorMcu and hilbench.SupvClient: the supervisor MCU family in process on
virtual time, checked against the protocol spec and the behaviour notes."""

import pytest

import hilbench

REFERENCE_SWITCHES = {"lte": True, "wifi": False, "bt": True, "bridge_enable": True, "lid_open": False,
                      "charger_online": True}


def test_the_mcu_announces_itself_at_power_on_and_answers_the_boot_requests():
    mcu = hilbench.SupervisorMcu()
    first = mcu.lines()
    assert first[0][1] == {"event": "switch", "switch": REFERENCE_SWITCHES}
    assert first[1][1] == {"event": "watchdog", "state": "armed", "uptime_s": 0}
    reply = mcu.send({"id": "4", "cmd": "get_status"})[0]
    assert reply["id"] == "4" and reply["ok"] is True
    assert {k: reply["status"][k] for k in ("battery_pct", "pack_mv", "pack_ma", "mcu_temp_c")} == {
        "battery_pct": 78, "pack_mv": 11750, "pack_ma": -420, "mcu_temp_c": 36.5}
    assert mcu.send('{"cmd":"ping","id":"p"}') [0] == {"id": "p", "ok": True, "uptime_s": 0}
    assert mcu.send({"id": "u", "cmd": "reboot"}) == [{"id": "u", "ok": False, "error": "unknown_cmd"}]
    assert mcu.send("garbage") == []


def test_telemetry_comes_every_two_seconds():
    mcu = hilbench.SupervisorMcu()
    mcu.advance(0)
    lines = mcu.advance(6000)
    times = [t for t, line in mcu.lines() if isinstance(line, dict) and line.get("event") == "telemetry"]
    assert times == [2000.0, 4000.0, 6000.0]
    assert all(line["event"] == "telemetry" for line in lines)


def test_the_client_merges_the_boot_sync_and_events_into_one_state():
    mcu = hilbench.SupervisorMcu()
    client = hilbench.SupvClient(mcu, mesh_subscribed=True)
    mcu.advance(100)
    state = client.state
    assert state["battery_pct"] == 78 and state["pack_mv"] == 11750 and state["heltec"] == "ok"
    assert state["switch"] == REFERENCE_SWITCHES
    assert state["link"] == "up" and state["synced"] is True
    # mcu.lines() holds the MCU's lines: a reply to each request of the sync, in order.
    replies = [line for _, line in mcu.lines() if isinstance(line, dict) and "id" in line]
    assert "status" in replies[0] and "switch" in replies[1] and set(replies[2]) == {"id", "ok"}
    mcu.flip("lid_open", True)
    mcu.advance(10)
    assert client.state["switch"]["lid_open"] is True
    mcu.deliver_message("node-7")
    mcu.advance(500)
    assert client.state["unread_ext"] == 1


def test_unplugging_the_uart_loses_no_state_and_the_client_resyncs():
    mcu = hilbench.SupervisorMcu()
    client = hilbench.SupvClient(mcu, mesh_subscribed=True)
    mcu.advance(3000)
    before = client.state
    mcu.unplug(10_000)
    mcu.advance(9000)
    during = client.state
    assert during["battery_pct"] == before["battery_pct"]
    syncs = client.stats["syncs"]
    mcu.advance(3000)
    assert client.stats["syncs"] > syncs  # lines came again after the quiet: synchronized again
    assert client.state["uptime_s"] >= 12


def test_the_poweroff_handshake_refuses_on_a_low_battery_and_succeeds_above_it():
    mcu = hilbench.SupervisorMcu(battery_pct=15, charger=False)
    client = hilbench.SupvClient(mcu)
    refused = client.poweroff()
    assert refused["ok"] is False and refused["detail"] == "battery_low"
    assert client.poweroff_ok_pin is False and client.poweroff_actions == 0
    mcu.control(battery={"pct": 60})
    agreed = client.poweroff()
    assert agreed["ok"] is True
    assert client.poweroff_ok_pin is True and client.poweroff_actions == 1
    assert mcu.board["poweroff_prepared"] is True
    mcu.control(heartbeat=False)
    mcu.advance(100)
    assert mcu.board["pi_powered"] is False


def test_requests_are_retried_and_fail_clearly_when_the_uart_is_gone():
    mcu = hilbench.SupervisorMcu()
    client = hilbench.SupvClient(mcu, reply_timeout_ms=500, attempts=2)
    mcu.advance(100)
    mcu.unplug()
    request_id = client.request("ping")
    mcu.advance(400)
    assert client.outcome(request_id) is None
    mcu.advance(1000)
    outcome = client.outcome(request_id)
    assert outcome["replied"] is False and outcome["ok"] is False
    assert client.stats["retries"] >= 1


def test_bad_controls_are_refused_with_a_reason():
    mcu = hilbench.SupervisorMcu()
    with pytest.raises(ValueError):
        mcu.control(switch={"warp_drive": True})
    with pytest.raises(ValueError):
        mcu.control(radio="on fire")
