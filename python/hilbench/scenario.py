"""Scenario files and the Bench: devices on one virtual clock, driven step by step from Python."""

import json

from hilbench import _hilbench


class ScenarioError(ValueError):
    """A scenario file that cannot be loaded; the message starts with file:line:column."""


class ScenarioResult:
    """The outcome of one scenario run."""

    def __init__(self, raw):
        self.name = raw["name"]
        self.file = raw["file"]
        self.passed = raw["passed"]
        self.steps_run = raw["steps_run"]
        self.virtual_ms = raw["virtual_ms"]
        self.wall_ms = raw["wall_ms"]
        self.failure = raw["failure"]  # None, or {where, message, expected, nearest}
        self._trace = raw["trace"]

    def trace_text(self):
        """The run's trace as JSON Lines (header first)."""
        return self._trace

    def trace(self):
        """The trace as a list of dicts (header first)."""
        return [json.loads(line) for line in self._trace.splitlines()]

    def write_trace(self, path):
        with open(path, "w", encoding="utf-8") as out:
            out.write(self._trace)

    def explain(self):
        """A readable account of the failure ('' when it passed)."""
        if self.passed:
            return ""
        f = self.failure
        lines = [f"{f['where']}: {f['message']}"]
        if f["expected"]:
            lines.append(f"expected: {f['expected']}")
        lines += [f"seen:     {line}" for line in f["nearest"]]
        return "\n".join(lines)

    def __bool__(self):
        return self.passed

    def __repr__(self):
        return f"ScenarioResult({self.name!r}, passed={self.passed})"


def kinds():
    """The device families: for each, its kind, aliases, options (type, default, range, choices),
    links and set: controls, as `hilbench kinds` prints them."""
    return json.loads(_hilbench.device_kinds())["kinds"]


def run_scenario(path, seed=1):
    """Runs a scenario file against in-process simulated devices on virtual time."""
    raw = _hilbench.run_scenario_file(str(path), int(seed))
    if "load_error" in raw:
        raise ScenarioError(raw["load_error"])
    return ScenarioResult(raw)


class Message:
    """A message a device produced (or was sent): time in virtual ms, link, topic, payload."""

    def __init__(self, raw, groups=None):
        self.time_ms = raw["time_ms"]
        self.device = raw["device"]
        self.link = raw["link"]
        self.topic = raw["topic"]
        self.payload = raw["payload"].decode("utf-8", "replace")
        self.inbound = raw["inbound"]
        self.lost = raw["lost"]
        self.groups = groups or []  # regex groups of the match, 0 the whole match

    def json(self):
        return json.loads(self.payload)

    def __repr__(self):
        where = f" {self.topic}" if self.topic else ""
        return f"Message({self.time_ms:.3f} ms {self.device} {self.link}{where}: {self.payload!r})"


class Bench:
    """Devices on one virtual clock with send / expect / advance, as scenario steps are.

    `expect` reads each stream (device, link, topic filter) through an ordered cursor: it returns
    the first matching message after the previous match and raises AssertionError on timeout.
    Topics starting with "~/" are relative to the device (a stepper's devices/<node_id>/, a
    bridge's homeassistant/climate/<device_id>/, a blaster's zigbee2mqtt/<name>/); without a topic,
    a send goes to the device's command topic and an expect reads its answers (a stepper's
    ~/cmd and ~/cmd/resp, a bridge's ~/set and ~/state, a blaster's ~/set and its emitted reports).
    """

    def __init__(self, seed=1, limit_ms=24 * 3600 * 1000, sample_every_ms=0):
        self._session = _hilbench.Session(int(seed), int(limit_ms), int(sample_every_ms))

    def add(self, kind, name, **options):
        """A simulated device of a family (see hilbench.kinds() or `hilbench kinds`) with its
        options, checked against the family's row: an unknown kind or option, a value of the wrong
        type or out of range raises ValueError. Returns the name."""
        error = self._session.add_device(kind, name, options)
        if error:
            raise ValueError(error)
        return name

    def add_device(self, name, kind, **options):
        """add() with the name first, as older scripts call it."""
        return self.add(kind, name, **options)

    def add_stepper(self, name, **options):
        """A simulated stepper node (options: node_id, seed, station_ip)."""
        return self.add("stepper", name, **options)

    def add_hvac(self, name, **options):
        """The HVAC bridge with one climate entity on the bench's broker (options: device_id,
        entity_name, blaster, model, sensor_topic, discovery_prefix)."""
        return self.add("hvac", name, **options)

    def add_ir_blaster(self, name, **options):
        """A simulated Zigbee IR blaster and its room (options: zigbee_name, sensor_name,
        room_temperature, outside_temperature, online)."""
        return self.add("ir_blaster", name, **options)

    def add_mcu(self, name, **options):
        """A simulated supervisor MCU board on a UART (options: battery_pct, charger, line_rate,
        watchdog_s, poweroff_min_battery_pct)."""
        return self.add("mcu", name, **options)

    @property
    def now_ms(self):
        return self._session.now_us / 1000.0

    def send(self, device, serial=None, mqtt=None, topic=None):
        """Sends a console line (serial=) or an MQTT payload (mqtt= dict, str or bytes)."""
        if (serial is None) == (mqtt is None):
            raise ValueError("give exactly one of serial= and mqtt=")
        if serial is not None:
            error = self._session.send(device, "serial", "", serial)
        else:
            payload = json.dumps(mqtt) if isinstance(mqtt, (dict, list)) else mqtt
            if isinstance(payload, bytes):
                payload = payload.decode("utf-8", "surrogateescape")
            error = self._session.send(device, "mqtt", topic or "", payload)
        if error:
            raise ValueError(error)

    def _query(self, serial, mqtt, regex, topic, ir, link=None, subset=None):
        if sum(x is not None for x in (serial, mqtt, ir, link)) > 1:
            raise ValueError("give one of serial=, mqtt=, ir= and link=")
        if link is not None:  # any link of the device's family, matched by regex= or a JSON subset=
            if (regex is None) == (subset is None):
                raise ValueError("with link=, give one of regex= and subset=")
            return link, topic or "", regex, json.dumps(subset) if subset is not None else None
        if serial is not None:
            return "serial", "", serial, None
        if ir is not None:
            return "ir", "", None, json.dumps(ir)
        if mqtt is None and regex is None:
            raise ValueError("give serial=REGEX, mqtt=JSON_SUBSET, ir=JSON_SUBSET or regex= with a topic")
        subset = json.dumps(mqtt) if mqtt is not None else None
        return "mqtt", topic or "", regex, subset

    def expect(self, device, serial=None, mqtt=None, regex=None, topic=None, timeout_ms=1000, ir=None, link=None,
               subset=None):
        """Waits up to timeout_ms of virtual time for a matching message and returns it.
        ir= is a JSON subset of what a blaster emitted: {"settings": {"mode": "cool"}}. Any link of
        the device's family: link="serial", subset={"id": "1", "ok": True} (a JSON line) or regex=."""
        link, topic, pattern, subset = self._query(serial, mqtt, regex, topic, ir, link, subset)
        outcome = self._session.expect(device, link, topic, pattern, subset, int(timeout_ms))
        if outcome["message"] is None:
            seen = "".join(f"\n  seen: {line}" for line in outcome["nearest"])
            wanted = next(x for x in (serial, mqtt, ir, subset, regex) if x is not None)
            where = f"{link} {topic}" if topic else f"{link} (default topic)" if link == "mqtt" else link
            raise AssertionError(f"{device} {where}: {outcome['error']} waiting for {wanted!r}{seen}")
        return Message(outcome["message"], outcome["groups"])

    def expect_none(self, device, serial=None, mqtt=None, regex=None, topic=None, for_ms=1000, ir=None, link=None,
                    subset=None):
        """Lets for_ms pass and raises AssertionError if a matching message appeared meanwhile."""
        link, topic, pattern, subset = self._query(serial, mqtt, regex, topic, ir, link, subset)
        outcome = self._session.expect_none(device, link, topic, pattern, subset, int(for_ms))
        if outcome["error"]:
            raise AssertionError(outcome["error"])
        if outcome["message"] is not None:
            raise AssertionError(f"unexpected message: {Message(outcome['message'])!r}")

    def advance(self, ms):
        error = self._session.advance(int(ms))
        if error:
            raise AssertionError(error)

    def fault(self, kind, device="", link="", for_ms=0, share=1.0, delay_ms=0):
        """broker_outage / link_down (for for_ms, starting now), power_cycle, or drop / duplicate /
        delay / corrupt of a share of the messages on a link (both ways) for for_ms."""
        error = self._session.fault(kind, device, link, int(for_ms), float(share), int(delay_ms))
        if error:
            raise ValueError(error)

    def set(self, device, **setting):
        """Simulated device state, one setting as in a scenario's set: step:
        set("node", stall={"motor": 0}), set("blaster", online=False),
        set("blaster", room_temperature={"celsius": 30})."""
        if len(setting) != 1:
            raise ValueError("give exactly one setting")
        (what, value), = setting.items()
        error = self._session.set(device, what, value)
        if error:
            raise ValueError(error)

    def messages(self):
        """Everything that crossed a device boundary so far, oldest first."""
        return [Message(raw) for raw in self._session.messages()]
