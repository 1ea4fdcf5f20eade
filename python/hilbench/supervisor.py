"""The supervisor MCU family in this process on virtual time: the simulated board running the MCU
firmware, and the Pi's client of it (the C++ SupvClient), talking over a simulated UART."""

import json

from hilbench._hilbench import SupervisorRig


def _parse(line):
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

    def __init__(self, battery_pct=78, charger=True, line_rate=0, watchdog_s=120, poweroff_min_battery_pct=20):
        self._rig = SupervisorRig(float(battery_pct), bool(charger), int(line_rate), float(watchdog_s),
                                  int(poweroff_min_battery_pct))
        self._history = []
        self._unread = []
        self._collect()

    def _collect(self):
        for time_ms, text in self._rig.take_lines():
            entry = (time_ms, _parse(text))
            self._history.append(entry)
            self._unread.append(entry)

    def _take(self):
        self._collect()
        out = [line for _, line in self._unread]
        self._unread = []
        return out

    @property
    def now_ms(self):
        return self._rig.now_us / 1000.0

    def advance(self, ms):
        """Lets ms of virtual time pass; returns the lines the MCU wrote meanwhile (and any not yet
        returned)."""
        self._rig.advance_ms(int(ms))
        return self._take()

    def send(self, line):
        """The Pi writes a line (a dict is sent as JSON); returns what the MCU answered at once
        (earlier lines stay for the next advance())."""
        self._collect()
        self._rig.pi_write_line(json.dumps(line, separators=(",", ":")) if isinstance(line, dict) else line)
        before = len(self._unread)
        self._collect()
        answered = [line for _, line in self._unread[before:]]
        del self._unread[before:]
        return answered

    def lines(self):
        """Every line so far as (time_ms, line), oldest first."""
        self._collect()
        return list(self._history)

    def control(self, **settings):
        """The board's controls, as `hilbench sim mcu` reads them: switch={"lte": False},
        battery={"pct": 15, "charger": False, "load_ma": 900}, charger=False,
        message={"from": "node-7"}, radio="fault", unplug_ms=2000, unplug=True, plug=True,
        mcu_temp_c=41.5, heartbeat=False, power_button=True. ValueError on a bad one."""
        error = self._rig.control(json.dumps(settings))
        if error:
            raise ValueError(error)
        self._collect()

    def flip(self, switch, on):
        self.control(switch={switch: bool(on)})

    def deliver_message(self, sender="mesh"):
        self.control(message={"from": sender})

    def unplug(self, ms=None):
        """The UART cable out (for ms, or until plug())."""
        self.control(**({"unplug_ms": int(ms)} if ms is not None else {"unplug": True}))

    def plug(self):
        self.control(plug=True)

    @property
    def board(self):
        """The board's physical state: battery_pct, soc_pct, pack_mv, pack_ma, charger_online,
        pi_powered, poweroff_prepared, plugged, pi_resets."""
        return json.loads(self._rig.board_json())


class SupvClient:
    """The Pi's client (C++ SupvClient) on the other end of a SupervisorMcu's UART.

    It opens the UART when made and synchronizes (get_status, get_switches, then clear_unread once
    the mesh subscription is live); `state` is the merged state, as `hilbench supv --json` prints it.
    """

    def __init__(self, mcu, mesh_subscribed=False, reply_timeout_ms=1000, attempts=3):
        self.mcu = mcu
        self._rig = mcu._rig
        self._rig.attach_client(float(reply_timeout_ms), int(attempts))
        if mesh_subscribed:
            self._rig.set_mesh_subscribed(True)
        mcu._collect()

    @property
    def state(self):
        return json.loads(self._rig.client_state())

    @property
    def stats(self):
        return json.loads(self._rig.client_stats())

    def log(self):
        """What the client logged since the last call."""
        return list(self._rig.client_log())

    def set_mesh_subscribed(self, live=True):
        self._rig.set_mesh_subscribed(bool(live))
        self.mcu._collect()

    def request(self, cmd, **extra):
        """Sends a request; returns its id. outcome(id) is None until it is answered or fails."""
        request_id = self._rig.request(cmd, json.dumps(extra))
        self.mcu._collect()
        return request_id

    def outcome(self, request_id):
        """{"ok", "replied", "error", "reply"} once the request ended, else None."""
        text = self._rig.outcome(request_id)
        return None if text is None else json.loads(text)

    def poweroff(self, wait_ms=5000):
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
    def poweroff_ok_pin(self):
        return self._rig.poweroff_ok_pin

    @property
    def poweroff_actions(self):
        return self._rig.poweroff_actions
