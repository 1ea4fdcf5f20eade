# The robot head seen from outside, for its integration tests: mosquitto_pub, a mosquitto_sub watcher, pid files.

import json
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

MQTT_TIMEOUT = 10.0  # a deadline: it bounds a hang, it measures nothing
RUN_MARKER = b"HILBENCH_HEAD_RUN="  # in the environment of every process of a run


def mosquitto_pub(port, topic, payload):
    """Publishes one message (QoS 1) with mosquitto_pub, as the spec's examples do."""
    subprocess.run(["mosquitto_pub", "-h", "127.0.0.1", "-p", str(port), "-q", "1", "-t", topic, "-m", payload],
                   check=True, timeout=MQTT_TIMEOUT, stdin=subprocess.DEVNULL)


def retained(port, topic):
    """What a fresh subscriber is given on `topic` (mosquitto_sub -C 1): the retained payload."""
    res = subprocess.run(["mosquitto_sub", "-h", "127.0.0.1", "-p", str(port), "-t", topic, "-C", "1", "-W", "5"],
                         capture_output=True, text=True, timeout=MQTT_TIMEOUT, stdin=subprocess.DEVNULL)
    assert res.returncode == 0, f"nothing retained on {topic}: {res}"
    return res.stdout.rstrip("\n")


def is_query_reply(doc):
    """Whether a payload on status/script/ID answers a status query: it has a runtime, or says not_found."""
    return "runtime" in doc or doc.get("status") == "not_found"


class Line:
    """One message as `mosquitto_sub -v` prints it: the topic, a space, the payload."""

    __slots__ = ("topic", "payload", "index")

    def __init__(self, text, index):
        self.topic, _, self.payload = text.partition(" ")
        self.index = index

    def json(self):
        return json.loads(self.payload)

    def __repr__(self):
        return f"{self.topic} {self.payload[:300]}"


class StatusWatch:
    """`mosquitto_sub -v -q 1` on heads/NAME/status/# and heads/NAME/availability, every line kept in order."""

    def __init__(self, port, name, log_path):
        self.name = name
        self.lines = []
        self._cond = threading.Condition()
        self._log = open(log_path, "wb")
        self.popen = subprocess.Popen(
            ["mosquitto_sub", "-h", "127.0.0.1", "-p", str(port), "-q", "1", "-v",
             "-t", f"heads/{name}/status/#", "-t", f"heads/{name}/availability"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._log, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        # Availability is subscribed last: its "online" (retained, or live) proves both subscriptions.
        self.wait_for(lambda m: m.topic == self.topic("availability") and m.payload == "online",
                      what="availability online (mosquitto_sub subscribed)")

    def topic(self, leaf):
        return f"heads/{self.name}/{leaf}"

    def script_topic(self, script_id):
        return self.topic(f"status/script/{script_id}")

    def _read(self):
        for text in iter(self.popen.stdout.readline, ""):
            with self._cond:
                self.lines.append(Line(text.rstrip("\n"), len(self.lines)))
                self._cond.notify_all()

    def mark(self):
        """A cursor: wait_for(..., start=mark) looks only at what came afterwards."""
        with self._cond:
            return len(self.lines)

    def wait_for(self, predicate, start=0, timeout=MQTT_TIMEOUT, what="a message"):
        """The first line at index >= start for which predicate(line) holds."""
        deadline = time.monotonic() + timeout
        with self._cond:
            checked = start
            while True:
                while checked < len(self.lines):
                    line = self.lines[checked]
                    checked += 1
                    if predicate(line):
                        return line
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = "\n".join(repr(m) for m in self.lines[start:][-20:])
                    raise AssertionError(f"timed out after {timeout} s waiting for {what}; seen:\n{seen}")
                self._cond.wait(remaining)

    def script_status(self, script_id, statuses, start=0, timeout=MQTT_TIMEOUT):
        """The first status of `script_id` among `statuses` (a query's reply is not one)."""
        topic = self.script_topic(script_id)
        return self.wait_for(lambda m: m.topic == topic and not is_query_reply(m.json())
                             and m.json()["status"] in statuses,
                             start=start, timeout=timeout, what=f"{script_id} {'/'.join(statuses)}").json()

    def on_topic(self, topic, start=0):
        with self._cond:
            return [m for m in self.lines[start:] if m.topic == topic]

    def close(self):
        if self.popen.poll() is None:
            self.popen.terminate()
        self.popen.wait(timeout=MQTT_TIMEOUT)
        self.popen.stdout.close()
        self._log.close()


class Head:
    """One `hilbench head --name NAME` on a broker, with its watcher; commands go through mosquitto_pub."""

    def __init__(self, proc, port, watch):
        self.proc = proc
        self.port = port  # the broker's
        self.watch = watch
        self.name = watch.name

    def control(self, leaf, payload):
        mosquitto_pub(self.port, f"heads/{self.name}/control/{leaf}",
                      payload if isinstance(payload, str) else json.dumps(payload))

    def start_script(self, script_id, path):
        start = self.watch.mark()
        self.control("script/start", {"id": script_id, "path": str(path)})
        return start

    def run(self, script_id, path):
        """Starts a script and waits for its `running`; returns the watcher's cursor before the start."""
        start = self.start_script(script_id, path)
        self.watch.script_status(script_id, ("running",), start)
        return start

    def query(self, script_id):
        """A status query for one id, and its reply (a barrier: whatever was published before it came first)."""
        start = self.watch.mark()
        self.control("script/status", {"id": script_id})
        topic = self.watch.script_topic(script_id)
        return self.watch.wait_for(lambda m: m.topic == topic and is_query_reply(m.json()), start=start,
                                   what=f"the reply to a status query for {script_id}")


class PidFiles:
    """A folder where test scripts note their pids (one file per process, named by role)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def wait(self, *roles, timeout=MQTT_TIMEOUT):
        """The pids of these roles, once each has written its file."""
        def read_all():
            paths = [self.folder / role for role in roles]
            return all(p.exists() for p in paths) and [int(p.read_text()) for p in paths]
        deadline = time.monotonic() + timeout
        while True:
            pids = read_all()
            if pids:
                return pids
            assert time.monotonic() < deadline, f"no pid files for {roles} in {self.folder}: {os.listdir(self.folder)}"
            time.sleep(0.02)

    def noted(self):
        return {p.name: int(p.read_text()) for p in self.folder.iterdir() if not p.name.endswith(".tmp")}

    def end_leftovers(self):
        """SIGKILL to each noted process still running as part of a run (teardown after a failed test)."""
        for pid in self.noted().values():
            if is_run_process(pid):
                os.kill(pid, signal.SIGKILL)


def wait_until(predicate, timeout=MQTT_TIMEOUT, what="a condition"):
    """Polls predicate() until it holds; the deadline only bounds a hang."""
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, f"timed out after {timeout} s waiting for {what}"
        time.sleep(0.02)


def is_run_process(pid):
    """Whether `pid` is a live process that some run of a head started (it carries the run marker)."""
    try:
        with open(f"/proc/{pid}/environ", "rb") as environ:
            return RUN_MARKER in environ.read()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return False


def gone(pid):
    """True when no process has this pid (os.kill(pid, 0) raises ProcessLookupError)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


# Prepended to every test script: imports and note_pid(role), which writes the pid atomically.
SCRIPT_PREAMBLE = """\
import os, signal, subprocess, sys, time
PIDS = {pids!r}
def note_pid(role):
    tmp = os.path.join(PIDS, role + ".tmp")
    with open(tmp, "w") as f:
        f.write(str(os.getpid()))
    os.rename(tmp, os.path.join(PIDS, role))
"""


def write_script(folder, name, body, pids):
    """Writes folder/name: the preamble (pid files go to `pids`), then `body`."""
    path = Path(folder) / name
    path.write_text(SCRIPT_PREAMBLE.format(pids=str(pids)) + body)
    return path
