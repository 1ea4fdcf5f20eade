"""Scenario files and the Bench: devices on one virtual clock, driven step by step from Python."""

from __future__ import annotations

import json
import os
from typing import Any

from hilbench import _hilbench
from hilbench.errors import (ExpectationFailed, ExpectationTimeout, InputError, ScenarioError, TimeLimitReached,
                             UnexpectedMessage)
from hilbench.options import Options, merge_options


class ScenarioResult:
    """The outcome of one scenario run: passed (also its truth value), steps_run, virtual_ms and
    wall_ms, failure (None, or a dict of where, message, expected and nearest) and its trace."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.name: str = raw["name"]
        self.file: str = raw["file"]
        self.passed: bool = raw["passed"]
        self.steps_run: int = raw["steps_run"]
        self.virtual_ms: float = raw["virtual_ms"]
        self.wall_ms: float = raw["wall_ms"]
        self.failure: dict[str, Any] | None = raw["failure"]  # None, or {where, message, expected, nearest}
        self._trace: str = raw["trace"]

    def trace_text(self) -> str:
        """The run's trace as JSON Lines (header first)."""
        return self._trace

    def trace(self) -> list[dict[str, Any]]:
        """The trace as a list of dicts (header first)."""
        return [json.loads(line) for line in self._trace.splitlines()]

    def write_trace(self, path: str | os.PathLike[str]) -> None:
        """Writes the trace (JSON Lines) to a file, as `hilbench run --record` does."""
        with open(path, "w", encoding="utf-8") as out:
            out.write(self._trace)

    def explain(self) -> str:
        """A readable account of the failure ('' when it passed)."""
        f = self.failure
        if self.passed or f is None:
            return ""
        lines = [f"{f['where']}: {f['message']}"]
        if f["expected"]:
            lines.append(f"expected: {f['expected']}")
        lines += [f"seen:     {line}" for line in f["nearest"]]
        return "\n".join(lines)

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return f"ScenarioResult({self.name!r}, passed={self.passed})"


def kinds() -> list[dict[str, Any]]:
    """The device families: for each, its kind, aliases, options (type, default, range, choices),
    links and set: controls, as `hilbench kinds` prints them."""
    families: list[dict[str, Any]] = json.loads(_hilbench.device_kinds())["kinds"]
    return families


def run_scenario(path: str | os.PathLike[str], seed: int = 1) -> ScenarioResult:
    """Runs a scenario file against in-process simulated devices on virtual time; raises
    ScenarioError when the file cannot be loaded (a failing run is a result, not an exception)."""
    raw = _hilbench.run_scenario_file(os.fspath(path), int(seed))
    if "load_error" in raw:
        raise ScenarioError(raw["load_error"])
    return ScenarioResult(raw)


class Message:
    """A message a device produced (or was sent): time in virtual ms, device, link, topic (empty
    off MQTT), payload (text), inbound (sent to the device), lost (dropped by a fault) and, for a
    match, groups (the regex groups, 0 the whole match)."""

    def __init__(self, raw: dict[str, Any], groups: list[str | None] | None = None) -> None:
        self.time_ms: float = raw["time_ms"]
        self.device: str = raw["device"]
        self.link: str = raw["link"]
        self.topic: str = raw["topic"]
        self.payload: str = raw["payload"].decode("utf-8", "replace")
        self.inbound: bool = raw["inbound"]
        self.lost: bool = raw["lost"]
        self.groups: list[str | None] = groups or []  # regex groups of the match, 0 the whole match

    def json(self) -> Any:
        """The payload parsed as JSON."""
        return json.loads(self.payload)

    def __repr__(self) -> str:
        where = f" {self.topic}" if self.topic else ""
        return f"Message({self.time_ms:.3f} ms {self.device} {self.link}{where}: {self.payload!r})"


class Bench:
    """Devices on one virtual clock with send / expect / advance, as scenario steps are.

    `expect` reads each stream (device, link, topic filter) through an ordered cursor: it returns
    the first matching message after the previous match and raises ExpectationTimeout (an
    AssertionError) on timeout.
    Topics starting with "~/" are relative to the device (a stepper's devices/<node_id>/, a
    bridge's homeassistant/climate/<device_id>/, a blaster's zigbee2mqtt/<name>/); without a topic,
    a send goes to the device's command topic and an expect reads its answers (a stepper's
    ~/cmd and ~/cmd/resp, a bridge's ~/set and ~/state, a blaster's ~/set and its emitted reports).
    Options and settings are given as a dict, as keywords, or both.
    """

    def __init__(self, seed: int = 1, limit_ms: int = 24 * 3600 * 1000, sample_every_ms: int = 0) -> None:
        self._limit_us = int(limit_ms) * 1000
        self._session = _hilbench.Session(int(seed), int(limit_ms), int(sample_every_ms))

    def add(self, kind: str, name: str, options: Options | None = None, **more: Any) -> str:
        """A simulated device of a family (see hilbench.kinds() or `hilbench kinds`) with its
        options, checked against the family's row: an unknown kind or option, a value of the wrong
        type or out of range raises InputError (a ValueError). Returns the name."""
        error = self._session.add_device(kind, name, merge_options(options, more))
        if error:
            raise InputError(error)
        return name

    def add_device(self, name: str, kind: str, options: Options | None = None, **more: Any) -> str:
        """add() with the name first, as older scripts call it."""
        return self.add(kind, name, options, **more)

    def add_stepper(self, name: str, options: Options | None = None, **more: Any) -> str:
        """A simulated stepper node (options: node_id, seed, station_ip)."""
        return self.add("stepper", name, options, **more)

    def add_hvac(self, name: str, options: Options | None = None, **more: Any) -> str:
        """The HVAC bridge with one climate entity on the bench's broker (options: device_id,
        entity_name, blaster, model, sensor_topic, discovery_prefix)."""
        return self.add("hvac", name, options, **more)

    def add_ir_blaster(self, name: str, options: Options | None = None, **more: Any) -> str:
        """A simulated Zigbee IR blaster and its room (options: zigbee_name, sensor_name,
        room_temperature, outside_temperature, online)."""
        return self.add("ir_blaster", name, options, **more)

    def add_mcu(self, name: str, options: Options | None = None, **more: Any) -> str:
        """A simulated supervisor MCU board on a UART (options: battery_pct, charger, line_rate,
        watchdog_s, poweroff_min_battery_pct)."""
        return self.add("mcu", name, options, **more)

    def add_esp32_audio(self, name: str, options: Options | None = None, **more: Any) -> str:
        """A simulated ESP32 audio board (options: url, mic_block_samples, playback_buffer_samples);
        it dials the bench's audio service on its url, or gets the bench as its server."""
        return self.add("esp32-audio", name, options, **more)

    def add_audio_service(self, name: str, options: Options | None = None, **more: Any) -> str:
        """The ESP32 audio service (options: url, app, reply_tone, reply_wav, reply_say,
        streaming) on the bench's in-process WebSocket network."""
        return self.add("audio-service", name, options, **more)

    def add_head(self, name: str, options: Options | None = None, **more: Any) -> str:
        """The robot head's controller (options: head_name, stop_grace_ms, connect_timeout_ms,
        sim_file) with simulated scripts and Bluetooth devices: describe them with
        set(name, script={...}) and set(name, bluetooth_device={...}) or a sim_file."""
        return self.add("head", name, options, **more)

    @property
    def now_ms(self) -> float:
        """Virtual milliseconds since the bench was made."""
        return self._session.now_us / 1000.0

    def send(self, device: str, serial: str | None = None, mqtt: Any = None, topic: str | None = None,
             link: str | None = None, payload: Any = None) -> None:
        """Sends a console line (serial=), an MQTT payload (mqtt= dict, str or bytes), or a payload
        on any link of the device's family (link="mic", payload={"tone_hz": 1000, "ms": 500}; a dict
        is sent as JSON)."""
        if sum(x is not None for x in (serial, mqtt, link)) != 1:
            raise InputError("give exactly one of serial=, mqtt= and link=")
        if link is not None:
            if payload is None:
                raise InputError("with link=, give payload=")
            text = json.dumps(payload) if isinstance(payload, (dict, list)) else str(payload)
            error = self._session.send(device, link, topic or "", text)
        elif serial is not None:
            error = self._session.send(device, "serial", "", serial)
        else:
            payload = json.dumps(mqtt) if isinstance(mqtt, (dict, list)) else mqtt
            if isinstance(payload, bytes):
                payload = payload.decode("utf-8", "surrogateescape")
            error = self._session.send(device, "mqtt", topic or "", payload)
        if error:
            raise InputError(error)

    def _query(self, serial: str | None, mqtt: Any, regex: str | None, topic: str | None, ir: Any,
               link: str | None = None, subset: Any = None) -> tuple[str, str, str | None, str | None]:
        """(link, topic, regex, JSON subset as text) of one expect's keywords."""
        if sum(x is not None for x in (serial, mqtt, ir, link)) > 1:
            raise InputError("give one of serial=, mqtt=, ir= and link=")
        if link is not None:  # any link of the device's family, matched by regex= or a JSON subset=
            if (regex is None) == (subset is None):
                raise InputError("with link=, give one of regex= and subset=")
            return link, topic or "", regex, json.dumps(subset) if subset is not None else None
        if serial is not None:
            return "serial", "", serial, None
        if ir is not None:
            return "ir", "", None, json.dumps(ir)
        if mqtt is None and regex is None:
            raise InputError("give serial=REGEX, mqtt=JSON_SUBSET, ir=JSON_SUBSET or regex= with a topic")
        return "mqtt", topic or "", regex, json.dumps(mqtt) if mqtt is not None else None

    def expect(self, device: str, serial: str | None = None, mqtt: Any = None, regex: str | None = None,
               topic: str | None = None, timeout_ms: float = 1000, ir: Any = None, link: str | None = None,
               subset: Any = None) -> Message:
        """Waits up to timeout_ms of virtual time for a matching message and returns it.
        ir= is a JSON subset of what a blaster emitted: {"settings": {"mode": "cool"}}. Any link of
        the device's family: link="serial", subset={"id": "1", "ok": True} (a JSON line) or regex=.
        Raises ExpectationTimeout when none came, ExpectationFailed (both AssertionErrors) for a
        device or link the bench does not have, InputError for keywords that do not go together."""
        link, topic, pattern, subset = self._query(serial, mqtt, regex, topic, ir, link, subset)
        started_us = self._session.now_us
        outcome = self._session.expect(device, link, topic, pattern, subset, int(timeout_ms))
        if outcome["message"] is None:
            seen = "".join(f"\n  seen: {line}" for line in outcome["nearest"])
            wanted = next(x for x in (serial, mqtt, ir, subset, regex) if x is not None)
            where = f"{link} {topic}" if topic else f"{link} (default topic)" if link == "mqtt" else link
            text = f"{device} {where}: {outcome['error']} waiting for {wanted!r}{seen}"
            # A stream that could not be opened fails before any time passes.
            waited = self._session.now_us > started_us or int(timeout_ms) <= 0 or self._at_limit()
            raise (ExpectationTimeout if waited else ExpectationFailed)(text)
        return Message(outcome["message"], outcome["groups"])

    def expect_none(self, device: str, serial: str | None = None, mqtt: Any = None, regex: str | None = None,
                    topic: str | None = None, for_ms: float = 1000, ir: Any = None, link: str | None = None,
                    subset: Any = None) -> None:
        """Lets for_ms pass and raises UnexpectedMessage (an AssertionError) if a matching message
        appeared meanwhile; TimeLimitReached if the bench's limit cut the window short."""
        link, topic, pattern, subset = self._query(serial, mqtt, regex, topic, ir, link, subset)
        outcome = self._session.expect_none(device, link, topic, pattern, subset, int(for_ms))
        if outcome["error"]:
            raise (TimeLimitReached if self._at_limit() else ExpectationFailed)(outcome["error"])
        if outcome["message"] is not None:
            raise UnexpectedMessage(f"unexpected message: {Message(outcome['message'])!r}")

    def advance(self, ms: float) -> None:
        """Lets ms of virtual time pass; raises TimeLimitReached (an AssertionError) at the bench's
        limit_ms."""
        error = self._session.advance(int(ms))
        if error:
            raise TimeLimitReached(error)

    def _at_limit(self) -> bool:
        return self._session.now_us >= self._limit_us

    def fault(self, kind: str, device: str = "", link: str = "", for_ms: float = 0, share: float = 1.0,
              delay_ms: float = 0) -> None:
        """broker_outage / link_down (for for_ms, starting now), power_cycle, or drop / duplicate /
        delay / corrupt of a share of the messages on a link (both ways) for for_ms. InputError for
        an unknown fault or device."""
        error = self._session.fault(kind, device, link, int(for_ms), float(share), int(delay_ms))
        if error:
            raise InputError(error)

    def set(self, device: str, settings: Options | None = None, **more: Any) -> None:
        """Simulated device state, one setting as in a scenario's set: step, as a dict or a keyword:
        set("node", {"stall": {"motor": 0}}), set("blaster", online=False),
        set("blaster", room_temperature={"celsius": 30}). InputError for a setting the device
        refuses."""
        setting = merge_options(settings, more)
        if len(setting) != 1:
            raise InputError("give exactly one setting")
        (what, value), = setting.items()
        error = self._session.set(device, what, value)
        if error:
            raise InputError(error)

    def messages(self) -> list[Message]:
        """Everything that crossed a device boundary so far, oldest first."""
        return [Message(raw) for raw in self._session.messages()]
