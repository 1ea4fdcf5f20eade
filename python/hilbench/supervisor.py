"""The supervisor MCU family in this process on virtual time: the simulated board running the MCU
firmware, and the Pi's client of it (the C++ SupvClient), talking over a simulated UART."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from hilbench._hilbench import SupervisorRig
from hilbench.errors import InputError
from hilbench.options import Options, merge_options

Line = Any
"""A line the MCU wrote: parsed JSON (a dict for the MCU's objects), any other text as str."""


def _parse(line: str) -> Line:
    try:
        return json.loads(line)
    except ValueError:
        return line


class SupervisorMcu:
    """A simulated supervisor board (battery, switches, radio, UART) running the MCU firmware.

    Time moves only in advance(). Lines are what the Pi's UART receives: JSON objects as dicts
    (other text as str). Defaults are the reference board: 78 %, charger online, no line-rate
    pacing (line_rate=115200 paces bytes as the wire does), a 120 s boot watchdog.
    """

    def __init__(self, battery_pct: float = 78, charger: bool = True, line_rate: int = 0, watchdog_s: float = 120,
                 poweroff_min_battery_pct: int = 20) -> None:
        self._rig = SupervisorRig(float(battery_pct), bool(charger), int(line_rate), float(watchdog_s),
                                  int(poweroff_min_battery_pct))
        self._history: list[tuple[float, Line]] = []
        self._unread: list[tuple[float, Line]] = []
        self._collect()

    def _collect(self) -> None:
        for time_ms, text in self._rig.take_lines():
            entry = (time_ms, _parse(text))
            self._history.append(entry)
            self._unread.append(entry)

    def _take(self) -> list[Line]:
        self._collect()
        out = [line for _, line in self._unread]
        self._unread = []
        return out

    @property
    def now_ms(self) -> float:
        """Virtual milliseconds since the board was powered on."""
        return self._rig.now_us / 1000.0

    def advance(self, ms: float) -> list[Line]:
        """Lets ms of virtual time pass; returns the lines the MCU wrote meanwhile (and any not yet
        returned)."""
        self._rig.advance_ms(int(ms))
        return self._take()

    def send(self, line: Options | str | bytes) -> list[Line]:
        """The Pi writes a line (a dict is sent as JSON, text and bytes as they are); returns what
        the MCU answered at once (earlier lines stay for the next advance())."""
        self._collect()
        self._rig.pi_write_line(json.dumps(dict(line), separators=(",", ":")) if isinstance(line, Mapping) else line)
        before = len(self._unread)
        self._collect()
        answered = [line for _, line in self._unread[before:]]
        del self._unread[before:]
        return answered

    def lines(self) -> list[tuple[float, Line]]:
        """Every line so far as (time_ms, line), oldest first."""
        self._collect()
        return list(self._history)

    def control(self, settings: Options | None = None, **more: Any) -> None:
        """The board's controls, as `hilbench sim mcu` reads them, as a dict or keywords:
        switch={"lte": False}, battery={"pct": 15, "charger": False, "load_ma": 900}, charger=False,
        message={"from": "node-7"}, radio="fault", unplug_ms=2000, unplug=True, plug=True,
        mcu_temp_c=41.5, heartbeat=False, power_button=True. InputError (a ValueError) on a bad
        one."""
        error = self._rig.control(json.dumps(merge_options(settings, more)))
        if error:
            raise InputError(error)
        self._collect()

    def flip(self, switch: str, on: bool) -> None:
        """Turns one switch on or off (lid_open, lte, ...)."""
        self.control(switch={switch: bool(on)})

    def deliver_message(self, sender: str = "mesh") -> None:
        """A mesh message arrives for the Pi, from sender."""
        self.control(message={"from": sender})

    def unplug(self, ms: float | None = None) -> None:
        """The UART cable out (for ms, or until plug())."""
        self.control({"unplug_ms": int(ms)} if ms is not None else {"unplug": True})

    def plug(self) -> None:
        """The UART cable back in."""
        self.control(plug=True)

    @property
    def board(self) -> dict[str, Any]:
        """The board's physical state: battery_pct, soc_pct, pack_mv, pack_ma, charger_online,
        pi_powered, poweroff_prepared, plugged, pi_resets."""
        state: dict[str, Any] = json.loads(self._rig.board_json())
        return state


class SupvClient:
    """The Pi's client (C++ SupvClient) on the other end of a SupervisorMcu's UART.

    It opens the UART when made and synchronizes (get_status, get_switches, then clear_unread once
    the mesh subscription is live); `state` is the merged state, as `hilbench supv --json` prints it.
    """

    def __init__(self, mcu: SupervisorMcu, mesh_subscribed: bool = False, reply_timeout_ms: float = 1000,
                 attempts: int = 3) -> None:
        self.mcu = mcu
        self._rig = mcu._rig
        self._rig.attach_client(float(reply_timeout_ms), int(attempts))
        if mesh_subscribed:
            self._rig.set_mesh_subscribed(True)
        mcu._collect()

    @property
    def state(self) -> dict[str, Any]:
        """The client's merged state of the board, as `hilbench supv --json` prints it."""
        state: dict[str, Any] = json.loads(self._rig.client_state())
        return state

    @property
    def stats(self) -> dict[str, int]:
        """Counts of what the client read: lines, not_json, unknown, overlong, unmatched_replies,
        failed_requests, syncs, retries."""
        counts: dict[str, int] = json.loads(self._rig.client_stats())
        return counts

    def log(self) -> list[str]:
        """What the client logged since the last call."""
        return list(self._rig.client_log())

    def set_mesh_subscribed(self, live: bool = True) -> None:
        """Tells the client whether the Pi's mesh subscription is live (then it clears unread
        messages)."""
        self._rig.set_mesh_subscribed(bool(live))
        self.mcu._collect()

    def request(self, cmd: str, fields: Options | None = None, **more: Any) -> str:
        """Sends a request with its other fields as a dict or keywords; returns its id.
        outcome(id) is None until it is answered or fails."""
        request_id = self._rig.request(cmd, json.dumps(merge_options(fields, more)))
        self.mcu._collect()
        return request_id

    def outcome(self, request_id: str) -> dict[str, Any] | None:
        """{"ok", "replied", "error", "reply"} once the request ended, else None."""
        text = self._rig.outcome(request_id)
        return None if text is None else json.loads(text)

    def poweroff(self, wait_ms: float = 5000) -> dict[str, Any] | None:
        """Runs the power-off handshake, letting up to wait_ms pass; returns its result:
        {"ok", "outcome", "detail", "message"}. The GPIO and the poweroff action are recorded
        (poweroff_ok_pin, poweroff_actions), never performed."""
        self._rig.start_poweroff()
        waited = 0
        while self._rig.poweroff_result() is None and waited < wait_ms:
            self._rig.advance_ms(10)
            waited += 10
        self.mcu._collect()
        result = self._rig.poweroff_result()
        return None if result is None else json.loads(result)

    @property
    def poweroff_ok_pin(self) -> bool:
        """The level the client set on the power-off GPIO (recorded, never driven)."""
        return self._rig.poweroff_ok_pin

    @property
    def poweroff_actions(self) -> int:
        """How many times the client ran the power-off action (counted, never performed)."""
        return self._rig.poweroff_actions
