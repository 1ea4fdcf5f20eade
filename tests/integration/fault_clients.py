# Helpers of the process-fault tests: a mosquitto with persistence that a test kills and restarts,
# and a paho host with a persistent session that notes when each QoS 1 command was acknowledged.

import json
import os
import pwd
import signal
import socket
import subprocess
import threading
import time

import paho.mqtt.client as mqtt

from fleet_clients import wait_until

START_TIMEOUT = 15.0


class PersistentMosquitto:
    """Debian's mosquitto on 127.0.0.1:port, saving its database after every change, so that what it
    acknowledged before its last save survives a SIGKILL."""

    def __init__(self, folder, port):
        self.folder = folder
        self.port = port
        self.db = folder / "mosquitto.db"
        self.conf = folder / "mosquitto.conf"
        self.conf.write_text(
            f"listener {port} 127.0.0.1\n"
            "allow_anonymous true\n"
            "persistence true\n"
            f"persistence_location {folder}/\n"
            "persistence_file mosquitto.db\n"
            "autosave_on_changes true\n"
            "autosave_interval 1\n"
            "log_dest stderr\n"
            # Run as whoever started it (root would otherwise become mosquitto, who cannot write here).
            f"user {pwd.getpwuid(os.getuid()).pw_name}\n")
        self.proc = None
        self._log = None
        self.starts = 0

    def start(self):
        self.starts += 1
        self._log = open(self.folder / f"mosquitto-{self.starts}.log", "wb")
        self.proc = subprocess.Popen(["mosquitto", "-c", str(self.conf)], stdin=subprocess.DEVNULL,
                                     stdout=self._log, stderr=self._log, start_new_session=True)
        wait_until(self._accepts, START_TIMEOUT, message=f"mosquitto listening on {self.port}")

    def _accepts(self):
        assert self.proc.poll() is None, f"mosquitto exited: {self.log_text()}"
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def kill(self):
        """SIGKILL by PID: no goodbye to anyone, no last save."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=START_TIMEOUT)
        self._log.close()

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=START_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=START_TIMEOUT)
        if self._log is not None and not self._log.closed:
            self._log.close()

    def log_text(self):
        return "\n".join((self.folder / f"mosquitto-{i}.log").read_text("utf-8", "replace")
                         for i in range(1, self.starts + 1))


class CommandingHost:
    """A host with a persistent session: sends QoS 1 commands to a stepper node and notes, for each,
    when the broker's PUBACK came and which responses came back (by cmd_id)."""

    def __init__(self, port, node_id):
        self.cmd_topic = f"devices/{node_id}/cmd"
        self.resp_topic = f"devices/{node_id}/cmd/resp"
        self._lock = threading.Condition()
        self.sent = {}        # mid -> cmd_id
        self.acked_at = {}    # cmd_id -> time.time() of its PUBACK
        self.responses = {}   # cmd_id -> [response dicts]
        self.subscribed_at = None
        self.client = mqtt.Client(client_id=f"fault-host-{node_id}", clean_session=False,
                                  protocol=mqtt.MQTTv311)
        self.client.reconnect_delay_set(min_delay=1, max_delay=2)
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = self._on_subscribe
        self.client.on_publish = self._on_publish
        self.client.on_message = self._on_message
        self.client.connect("127.0.0.1", port, keepalive=30)
        self.client.loop_start()
        wait_until(lambda: self.subscribed_at is not None, START_TIMEOUT, message="the host's SUBACK")

    def _on_connect(self, client, userdata, flags, rc):
        if rc == 0:  # as hosts do: subscribe on every connect (the session may have been lost)
            client.subscribe(self.resp_topic, 1)

    def _on_subscribe(self, client, userdata, mid, granted_qos):
        with self._lock:
            self.subscribed_at = time.time()

    def _on_publish(self, client, userdata, mid):
        with self._lock:
            cmd_id = self.sent.get(mid)
            if cmd_id is not None:
                self.acked_at.setdefault(cmd_id, time.time())
            self._lock.notify_all()

    def _on_message(self, client, userdata, msg):
        doc = json.loads(msg.payload)
        with self._lock:
            self.responses.setdefault(doc.get("cmd_id"), []).append(doc)
            self._lock.notify_all()

    def send(self, cmd_id, action, params=None):
        envelope = {"cmd_id": cmd_id, "action": action}
        if params is not None:
            envelope["params"] = params
        with self._lock:  # the PUBACK may come before publish() returns
            info = self.client.publish(self.cmd_topic, json.dumps(envelope), qos=1)
            self.sent[info.mid] = cmd_id

    def finished(self, cmd_id):
        with self._lock:
            return any(r.get("status") in ("done", "error") for r in self.responses.get(cmd_id, []))

    def wait(self, predicate, timeout, what, detail=lambda: ""):
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out after {timeout} s waiting for {what} {detail()}")
                self._lock.wait(remaining)

    def close(self):
        self.client.disconnect()
        self.client.loop_stop()
