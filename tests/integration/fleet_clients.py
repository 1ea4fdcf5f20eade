# Helpers of the `hilbench fleet` tests: a recording paho-mqtt host, the fleet's stdin control lines,
# and waiting with a deadline.

import json
import subprocess
import threading
import time

import paho.mqtt.client as mqtt

DEADLINE = 60.0  # bounds a hang; nothing here measures speed


def wait_until(predicate, timeout, message):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {message}")
        time.sleep(0.05)


class Host:
    """A paho-mqtt client that keeps what arrives on the topics it subscribes to."""

    def __init__(self, broker, topics):
        self.messages = []
        self.lock = threading.Lock()
        self.acknowledged = threading.Semaphore(0)
        self.client = mqtt.Client(client_id=f"fleet-host-{time.monotonic_ns()}")
        self.client.on_message = self._keep
        self.client.on_subscribe = lambda *_: self.acknowledged.release()
        self.client.connect(broker.host, broker.port)
        self.client.loop_start()
        for topic in topics:
            self.client.subscribe(topic, qos=1)
        for _ in topics:  # every SUBACK in: what is published from now on reaches the host
            assert self.acknowledged.acquire(timeout=DEADLINE), "no SUBACK"

    def _keep(self, _client, _userdata, message):
        with self.lock:
            self.messages.append((message.topic, message.payload.decode()))

    def received(self, predicate=lambda topic, payload: True):
        with self.lock:
            return [(t, p) for t, p in self.messages if predicate(t, p)]

    def close(self):
        self.client.loop_stop()
        self.client.disconnect()


def control(fleet, line, timeout=DEADLINE):
    """Writes one control line to the fleet's stdin and returns its JSON answer."""
    fleet.popen.stdin.write((json.dumps(line) + "\n").encode())
    fleet.popen.stdin.flush()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        answer = json.loads(fleet.stdout_lines.get(timeout=timeout))
        if "ok" in answer or "devices" in answer and line.get("report"):
            return answer
    raise AssertionError(f"no answer to {line}")


def report(fleet, timeout=DEADLINE):
    """The fleet's counters now."""
    return control(fleet, {"report": True}, timeout)


def start_fleet(procs, broker, kind, count, *extra):
    return procs.start("fleet", "--kind", kind, "--count", str(count), "--broker", broker.url,
                       "--connect-rate", "2000", "--report-s", "0", *extra,
                       name=f"{kind}-fleet{count}", stdin=subprocess.PIPE, timeout=DEADLINE)
