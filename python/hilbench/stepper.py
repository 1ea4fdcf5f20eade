"""A simulated ESP32 stepper node running in this process on virtual time."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from hilbench._hilbench import StepperRig, stepper_commands
from hilbench.errors import InputError, NotConnectedError
from hilbench.options import Options, merge_options


def commands() -> list[dict[str, Any]]:
    """The node's commands, read from the firmware's command table: one dict per command with its
    name, shortcut, console_action, syntax, over_mqtt, motion, ends_batch_on_error, params (name,
    type, required, aliases) and help lines, in HELP's order."""
    table: list[dict[str, Any]] = json.loads(stepper_commands())
    return table


def _find_command(action: str) -> dict[str, Any]:
    table = commands()
    for row in table:
        if action.upper() in (row["name"], (row["shortcut"] or "").upper()):
            return row
    raise InputError(f"unknown stepper command {action!r}; known: {', '.join(r['name'] for r in table)}")


class Published:
    """One MQTT message the node published: time (ms of virtual time), topic, payload."""

    __slots__ = ("time_ms", "topic", "payload", "qos", "retain")

    def __init__(self, time_ms: float, topic: str, payload: str, qos: int, retain: bool) -> None:
        self.time_ms = time_ms
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain

    def json(self) -> Any:
        """The payload parsed as JSON."""
        return json.loads(self.payload)

    def __repr__(self) -> str:
        return f"Published({self.time_ms:.3f} ms, {self.topic!r}, {self.payload!r})"


class StepperNode:
    """The stepper node's firmware core with simulated motors, Wi-Fi and flash.

    Time only moves when you call advance(); two nodes never share anything.
    """

    def __init__(self, node_id: str = "24a1601b2c3d", seed: int = 1, mqtt_connected: bool = True) -> None:
        self._rig = StepperRig(node_id, seed, mqtt_connected)
        self._mqtt_connected = mqtt_connected
        self._published: list[Published] = []
        self._collect()

    @property
    def node_id(self) -> str:
        """The node's id (12 hex digits, as its MAC), which its topics carry."""
        return self._rig.node_id

    @property
    def now_ms(self) -> float:
        """Virtual milliseconds since the node was powered on."""
        return self._rig.now_ms

    def topic(self, leaf: str) -> str:
        """The node's full topic of a leaf: topic("status") is devices/<node_id>/status."""
        return f"devices/{self.node_id}/{leaf}"

    def serial(self, line: str) -> list[str]:
        """Types one console line; returns the lines the node printed in reply."""
        lines = self._rig.serial(line)
        self._collect()
        return lines

    def serial_bytes(self, data: str | bytes) -> list[str]:
        """Sends raw console bytes (no line discipline added); returns the lines printed."""
        if isinstance(data, str):
            data = data.encode()
        lines = self._rig.serial_bytes(data)
        self._collect()
        return lines

    def mqtt(self, command: Options | str | bytes) -> list[dict[str, Any]]:
        """Publishes a command envelope (a dict, or str/bytes sent verbatim) to devices/<id>/cmd;
        returns the response payloads the node published on cmd/resp, as dicts. Raises
        NotConnectedError (a RuntimeError) while the node's broker session is cut."""
        if isinstance(command, Mapping):
            payload = json.dumps(dict(command)).encode()
        elif isinstance(command, str):
            payload = command.encode()
        else:
            payload = bytes(command)
        if not self._mqtt_connected:
            raise NotConnectedError("the node is disconnected from its broker: the command cannot reach it")
        before = len(self._published)
        self._rig.mqtt(payload)
        self._collect()
        resp = self.topic("cmd/resp")
        return [m.json() for m in self._published[before:] if m.topic == resp]

    def command(self, action: str, cmd_id: str | None = None, params: Options | None = None,
                **more: Any) -> list[dict[str, Any]]:
        """Sends one MQTT command by name (or shortcut) with its params as a dict or keywords, for
        example command("MOVE", params={"target_ids": 0, "position_steps": 1200}) or
        command("MOVE", target_ids=0, position_steps=1200); returns the responses, as dicts.

        A command the node does not take over MQTT, or a param it does not know, raises InputError
        (a ValueError) before anything is sent; values are judged by the node, as on a real one."""
        params = merge_options(params, more)
        row = _find_command(action)
        if not row["over_mqtt"]:
            raise InputError(f"{row['name']} is a console command: the node refuses it over MQTT")
        known = {n.lower() for p in row["params"] for n in [p["name"], *p["aliases"]]}
        unknown = sorted(k for k in params if k.lower() not in known)
        if unknown:
            raise InputError(f"{row['name']} takes no param {', '.join(unknown)}; it takes "
                             f"{', '.join(p['name'] for p in row['params']) or 'none'}")
        envelope: dict[str, Any] = {"action": row["name"]}
        if cmd_id is not None:
            envelope["cmd_id"] = cmd_id
        if params:
            envelope["params"] = params
        return self.mqtt(envelope)

    def advance(self, ms: float) -> list[str]:
        """Moves virtual time by ms; returns the console lines printed meanwhile."""
        lines = self._rig.advance_ms(int(ms))
        self._collect()
        return lines

    def published(self, topic: str | None = None, since: int = 0) -> list[Published]:
        """Every MQTT message published so far (optionally one topic, full or a leaf such as
        "status"), oldest first, from the index since."""
        out = self._published[since:]
        if topic is not None:
            out = [m for m in out if m.topic == topic or m.topic == self.topic(topic)]
        return out

    def responses(self) -> list[dict[str, Any]]:
        """Every payload published on cmd/resp so far, as dicts."""
        return [m.json() for m in self.published("cmd/resp")]

    def status(self) -> dict[str, Any]:
        """The status snapshot, shaped as the MQTT status payload."""
        snapshot: dict[str, Any] = json.loads(self._rig.status_json())
        return snapshot

    def set_mqtt_connected(self, connected: bool) -> None:
        """Cuts or restores the node's broker session. While cut, what the node publishes is queued
        (32 messages, then dropped, as its MQTT client does) and flushed in order on reconnect."""
        self._mqtt_connected = bool(connected)
        self._rig.set_mqtt_connected(bool(connected))
        self._collect()

    def power_cycle(self) -> None:
        """Off and on again: positions are lost, the flash (settings) is kept."""
        self._rig.power_cycle()
        self._collect()

    def _collect(self) -> None:
        for time_ms, topic, payload, qos, retain in self._rig.take_published():
            self._published.append(Published(time_ms, topic, payload.decode("utf-8", "replace"), qos, retain))
