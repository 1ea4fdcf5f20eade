# Shared pytest fixtures: the build dir, hilbench subprocesses (ready line, logs, teardown by PID), broker and sim node.

import json
import os
import queue
import signal
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest


REPO_ROOT = Path(__file__).resolve().parent.parent

# Deadlines (seconds). Generous: they bound a hang, they never measure anything.
READY_TIMEOUT = 15.0
STOP_TIMEOUT = 5.0
WIFI_JOIN_TIMEOUT = 10.0


def unique_node_id():
    """A fresh 12-hex-digit node id (shaped like a MAC) so tests never share topics."""
    return uuid.uuid4().hex[:12]


def wait_until(predicate, timeout, interval=0.02, message="condition"):
    """Polls predicate() until it returns something truthy or the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {message}")
        time.sleep(interval)


class HilbenchProcess:
    """One `hilbench ...` child: stdout lines are read by a thread, stderr goes to a log file."""

    def __init__(self, argv, log_path, name, stdin=subprocess.DEVNULL):
        self.argv = [str(a) for a in argv]
        self.name = name
        self.log_path = Path(log_path)
        self._log_file = open(self.log_path, "wb")
        self.popen = subprocess.Popen(
            self.argv,
            stdin=stdin,  # subprocess.PIPE for commands that read control lines
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            start_new_session=True,  # a terminal's Ctrl-C never reaches it; we stop it by PID
        )
        self.stdout_lines = queue.Queue()
        self._reader = threading.Thread(target=self._read_stdout, daemon=True)
        self._reader.start()
        self.info = None

    @property
    def pid(self):
        return self.popen.pid

    def _read_stdout(self):
        for raw in iter(self.popen.stdout.readline, b""):
            self.stdout_lines.put(raw.decode("utf-8", "replace").rstrip("\r\n"))
        self.stdout_lines.put(None)  # EOF

    def wait_ready(self, timeout=READY_TIMEOUT):
        """Waits for the one JSON line with "ready": true; returns it as a dict."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"{self.name}: no ready line within {timeout} s\n{self.log_tail()}")
            try:
                line = self.stdout_lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                rc = self.popen.wait(timeout=STOP_TIMEOUT)
                raise AssertionError(
                    f"{self.name}: exited (rc={rc}) before its ready line\n{self.log_tail()}")
            try:
                doc = json.loads(line)
            except ValueError:
                continue  # not the ready line
            if isinstance(doc, dict) and doc.get("ready") is True:
                self.info = doc
                return doc

    def log_text(self):
        try:
            return self.log_path.read_text("utf-8", "replace")
        except OSError:
            return ""

    def log_tail(self, lines=60):
        text = self.log_text().splitlines()[-lines:]
        return f"--- stderr of {self.name} ({self.log_path}) ---\n" + "\n".join(text)

    def wait_for_log(self, needle, timeout, start=0):
        """Polls the stderr log until `needle` appears after character offset `start`."""
        return wait_until(lambda: needle in self.log_text()[start:], timeout,
                          message=f"{needle!r} in the log of {self.name}\n{self.log_tail()}")

    def alive(self):
        return self.popen.poll() is None

    def signal(self, sig):
        if self.alive():
            os.kill(self.popen.pid, sig)

    def stop(self, timeout=STOP_TIMEOUT):
        """SIGTERM, wait, SIGKILL after the timeout. Returns the exit code."""
        if self.alive():
            try:
                os.kill(self.popen.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.popen.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.kill(self.popen.pid, signal.SIGKILL)
                self.popen.wait(timeout=timeout)
        rc = self.popen.wait(timeout=timeout)
        self._reader.join(timeout=timeout)
        self.popen.stdout.close()
        self._log_file.close()
        return rc

    def kill(self):
        """SIGKILL (no clean shutdown: the broker delivers the last will)."""
        if self.alive():
            os.kill(self.popen.pid, signal.SIGKILL)
        return self.popen.wait(timeout=STOP_TIMEOUT)


class ProcessGroup:
    """Starts hilbench processes for one test (or module) and stops all of them afterwards."""

    def __init__(self, hilbench, log_dir):
        self.hilbench = hilbench
        self.log_dir = Path(log_dir)
        self.procs = []
        self._count = 0

    def start(self, *args, name=None, wait_ready=True, timeout=READY_TIMEOUT, stdin=subprocess.DEVNULL):
        self._count += 1
        name = name or f"{args[0]}-{self._count}"
        log = self.log_dir / f"{self._count:02d}-{name}.stderr.log"
        proc = HilbenchProcess([self.hilbench, *args], log, name, stdin=stdin)
        self.procs.append(proc)
        if wait_ready:
            proc.wait_ready(timeout)
        return proc

    def stop_all(self):
        errors = []
        for proc in reversed(self.procs):
            try:
                proc.stop()
            except Exception as exc:  # keep stopping the others
                errors.append(f"{proc.name}: {exc}")
        # Shown by pytest only when the test failed.
        for proc in self.procs:
            print(proc.log_tail())
        if errors:
            raise AssertionError("could not stop: " + "; ".join(errors))


class Broker:
    def __init__(self, proc):
        self.proc = proc
        self.port = proc.info["port"]
        self.url = proc.info["url"]
        self.host = "127.0.0.1"


class SimNode:
    def __init__(self, proc, node_id):
        self.proc = proc
        self.node_id = node_id
        self.info = proc.info
        self.serial = proc.info.get("serial")
        self.broker_url = proc.info.get("broker")
        self.topics = proc.info.get("topics", {})

    def topic(self, leaf):
        return f"devices/{self.node_id}/{leaf}"

    def wait_wifi(self, timeout=WIFI_JOIN_TIMEOUT):
        self.proc.wait_for_log("NET:CONNECTED", timeout)


@pytest.fixture(scope="session")
def build_dir():
    path = Path(os.environ.get("HILBENCH_BUILD_DIR", REPO_ROOT / "build")).resolve()
    assert path.is_dir(), f"build dir {path} does not exist (set HILBENCH_BUILD_DIR)"
    return path


@pytest.fixture(scope="session")
def hilbench_bin(build_dir):
    exe = build_dir / "bin" / "hilbench"
    assert exe.is_file() and os.access(exe, os.X_OK), f"{exe} missing: build first"
    return exe


@pytest.fixture
def procs(hilbench_bin, tmp_path):
    """Per-test process group: procs.start("sim", "stepper", ...) -> HilbenchProcess (ready)."""
    group = ProcessGroup(hilbench_bin, tmp_path)
    yield group
    group.stop_all()


@pytest.fixture(scope="module")
def module_procs(hilbench_bin, tmp_path_factory):
    group = ProcessGroup(hilbench_bin, tmp_path_factory.mktemp("procs"))
    yield group
    group.stop_all()


@pytest.fixture(scope="module")
def broker(module_procs):
    """A private mosquitto on a free loopback port (`hilbench broker`), shared by one test module."""
    proc = module_procs.start("broker", name="broker")
    b = Broker(proc)
    assert b.url.startswith("mqtt://127.0.0.1:"), proc.info
    return b


@pytest.fixture
def private_broker(procs):
    """A broker of this test alone (for tests that stop or restart it)."""
    return Broker(procs.start("broker", name="broker"))


def launch_sim(group, broker_url, *extra, node_id=None, serial=True, wait_wifi=True, name=None):
    """Starts `hilbench sim stepper` in a process group; waits for ready, MQTT connected and Wi-Fi."""
    node_id = node_id or unique_node_id()
    args = ["sim", "stepper", "--node-id", node_id]
    if broker_url:
        args += ["--broker", broker_url]
    if serial:
        args += ["--serial", "pty"]
    args += list(extra)
    proc = group.start(*args, name=name or f"sim-{node_id}")
    node = SimNode(proc, node_id)
    if "--no-mqtt" not in extra:
        proc.wait_for_log("[mqtt] connected", READY_TIMEOUT)
    if wait_wifi:
        node.wait_wifi()
    return node


@pytest.fixture
def start_sim(procs, broker):
    """Factory: start_sim(*extra_args, node_id=None, broker_url=None) -> SimNode, Wi-Fi joined.
    broker_url=None uses the module's broker; broker_url=False passes no --broker."""

    def start(*extra, broker_url=None, **kw):
        url = broker.url if broker_url is None else broker_url
        return launch_sim(procs, url, *extra, **kw)

    return start


@pytest.fixture
def sim_node(start_sim):
    """`hilbench sim stepper --broker <module broker> --serial pty --node-id <unique>`, Wi-Fi joined."""
    return start_sim()


@pytest.fixture(scope="module")
def shared_sim_node(module_procs, broker):
    """One sim node for a whole module: only for tests that leave its state as they found it."""
    return launch_sim(module_procs, broker.url)
