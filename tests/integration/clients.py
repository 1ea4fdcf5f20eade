# Client helpers of the integration tests: a recording paho-mqtt client, a node command helper, a pyserial console.

import json
import threading
import time
import uuid

import paho.mqtt.client as mqtt
import serial

MQTT_TIMEOUT = 10.0


class Received:
    __slots__ = ("topic", "payload", "qos", "retain", "index")

    def __init__(self, topic, payload, qos, retain, index):
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.index = index

    def json(self):
        return json.loads(self.payload)

    def __repr__(self):
        return f"Received({self.topic!r}, qos={self.qos}, retain={self.retain}, {self.payload[:200]!r})"


class MqttProbe:
    """A paho-mqtt 1.6 client that records every message it receives, in arrival order."""

    def __init__(self, host, port, client_id=None, username=None, password=None):
        self.messages = []
        self._cond = threading.Condition()
        self._connected = threading.Event()
        self._subacks = set()
        self.client = mqtt.Client(client_id=client_id or f"probe-{uuid.uuid4().hex[:8]}",
                                  clean_session=True, protocol=mqtt.MQTTv311)
        if username is not None:
            self.client.username_pw_set(username, password)
        self.client.on_connect = self._on_connect
        self.client.on_message = self._on_message
        self.client.on_subscribe = self._on_subscribe
        self.client.connect("127.0.0.1" if host is None else host, port, keepalive=30)
        self.client.loop_start()
        if not self._connected.wait(MQTT_TIMEOUT):
            self.close()
            raise AssertionError(f"paho could not connect to 127.0.0.1:{port}")

    def _on_connect(self, client, userdata, flags, rc):
        if rc == 0:
            self._connected.set()

    def _on_subscribe(self, client, userdata, mid, granted_qos):
        with self._cond:
            self._subacks.add(mid)
            self._cond.notify_all()

    def _on_message(self, client, userdata, msg):
        with self._cond:
            self.messages.append(Received(msg.topic, bytes(msg.payload), msg.qos, bool(msg.retain),
                                          len(self.messages)))
            self._cond.notify_all()

    def subscribe(self, topic, qos=2):
        """Subscribes and waits for the SUBACK. QoS 2 so a received message shows the QoS it was sent with."""
        rc, mid = self.client.subscribe(topic, qos)
        assert rc == mqtt.MQTT_ERR_SUCCESS, rc
        with self._cond:
            ok = self._cond.wait_for(lambda: mid in self._subacks, MQTT_TIMEOUT)
        assert ok, f"no SUBACK for {topic}"

    def publish(self, topic, payload, qos=1, retain=False):
        if isinstance(payload, (dict, list)):
            payload = json.dumps(payload)
        info = self.client.publish(topic, payload, qos=qos, retain=retain)
        info.wait_for_publish(MQTT_TIMEOUT)
        assert info.is_published(), f"publish to {topic} was not acknowledged"

    def mark(self):
        """A cursor: wait_for(..., start=mark) only looks at messages received afterwards."""
        with self._cond:
            return len(self.messages)

    def wait_for(self, predicate, timeout=MQTT_TIMEOUT, start=0, what="a message"):
        """Returns the first message at index >= start that satisfies predicate(msg)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            checked = start
            while True:
                while checked < len(self.messages):
                    msg = self.messages[checked]
                    checked += 1
                    if predicate(msg):
                        return msg
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    recent = "\n".join(repr(m) for m in self.messages[start:][-15:])
                    raise AssertionError(f"timed out after {timeout} s waiting for {what}; "
                                         f"received since start:\n{recent}")
                self._cond.wait(remaining)

    def on_topic(self, topic, start=0):
        with self._cond:
            return [m for m in self.messages[start:] if m.topic == topic]

    def close(self):
        self.client.disconnect()  # first, so the network thread leaves its select() at once
        self.client.loop_stop()


class NodeMqtt:
    """Sends command envelopes to devices/<id>/cmd and collects their responses from cmd/resp."""

    TERMINAL = ("done", "error")

    def __init__(self, probe, node_id):
        self.probe = probe
        self.node_id = node_id
        self.cmd_topic = f"devices/{node_id}/cmd"
        self.resp_topic = f"devices/{node_id}/cmd/resp"
        self.status_topic = f"devices/{node_id}/status"
        self.config_topic = f"devices/{node_id}/config"
        probe.subscribe(self.resp_topic)
        probe.subscribe(self.status_topic)

    def send_raw(self, payload):
        """Publishes any payload (bytes/str) and returns the first response after it."""
        start = self.probe.mark()
        self.probe.publish(self.cmd_topic, payload)
        return self.probe.wait_for(lambda m: m.topic == self.resp_topic, start=start,
                                   what=f"a response on {self.resp_topic}")

    def command(self, action, params=None, cmd_id=None, until=TERMINAL, timeout=MQTT_TIMEOUT, **extra):
        """Publishes one envelope (with a fresh cmd_id unless given); returns its response messages
        up to and including the first whose status is in `until`."""
        cmd_id = cmd_id or str(uuid.uuid4())
        env = {"cmd_id": cmd_id, "action": action}
        if params is not None:
            env["params"] = params
        env.update(extra)
        start = self.probe.mark()
        self.probe.publish(self.cmd_topic, json.dumps(env))
        return self.responses_for(cmd_id, start=start, until=until, timeout=timeout)

    def responses_for(self, cmd_id, start=0, until=TERMINAL, timeout=MQTT_TIMEOUT):
        out = []
        cursor = start
        while True:
            msg = self.probe.wait_for(
                lambda m: m.topic == self.resp_topic and m.json().get("cmd_id") == cmd_id,
                timeout=timeout, start=cursor, what=f"a response to {cmd_id} (status in {until})")
            out.append(msg)
            cursor = msg.index + 1
            if msg.json().get("status") in until:
                return out

    def ok(self, action, params=None, **kw):
        """Runs a command that must succeed; returns the completion payload as a dict."""
        msgs = self.command(action, params, **kw)
        last = msgs[-1].json()
        assert last["status"] == "done", f"{action} {params} failed: {[m.json() for m in msgs]}"
        return last

    def latest_status(self, timeout=MQTT_TIMEOUT, start=None):
        """The next status telemetry message received after `start` (default: now)."""
        start = self.probe.mark() if start is None else start
        return self.probe.wait_for(lambda m: m.topic == self.status_topic, timeout=timeout,
                                   start=start, what=f"telemetry on {self.status_topic}").json()

    def wait_status(self, predicate, timeout=MQTT_TIMEOUT, start=0, what="a matching status"):
        return self.probe.wait_for(lambda m: m.topic == self.status_topic and predicate(m.json()),
                                   timeout=timeout, start=start, what=what).json()


class Console:
    """pyserial on the sim's PTY: write a line, read CRLF-terminated lines with a deadline."""

    def __init__(self, path):
        self.port = serial.Serial(path, baudrate=115200, timeout=0.1)
        self.lines = []

    def write_line(self, line):
        data = line if isinstance(line, bytes) else line.encode("utf-8")
        self.port.write(data + b"\n")
        self.port.flush()

    def read_line(self, timeout=MQTT_TIMEOUT):
        deadline = time.monotonic() + timeout
        buf = b""
        while time.monotonic() < deadline:
            buf += self.port.read_until(b"\r\n")
            if buf.endswith(b"\r\n"):
                line = buf[:-2].decode("utf-8", "replace")
                self.lines.append(line)
                return line
        raise AssertionError(f"no complete console line within {timeout} s (partial {buf!r}); "
                             f"earlier lines: {self.lines[-10:]}")

    def read_until(self, predicate, timeout=MQTT_TIMEOUT):
        """Reads lines until predicate(line); returns all lines read, the matching one last."""
        deadline = time.monotonic() + timeout
        out = []
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"timed out waiting for a console line; got {out}")
            line = self.read_line(remaining)
            out.append(line)
            if predicate(line):
                return out

    def command(self, line, until, timeout=MQTT_TIMEOUT):
        self.write_line(line)
        return self.read_until(until, timeout)

    def close(self):
        self.port.close()


