# The head spec's examples against `hilbench head` running real python3 scripts (mosquitto_pub, paho, mosquitto_sub).

import json
import signal
import time

import pytest

from clients import MqttProbe
from head_clients import Head, PidFiles, StatusWatch, gone, is_query_reply, mosquitto_pub, retained, write_script

GRACE_S = 1  # --stop-grace-s of most tests: SIGTERM to SIGKILL
EXIT_DEADLINE = 10.0  # bounds the wait for the service's exit; not a measurement
FINAL = ("finished", "failed", "stopped", "killed")

SLEEPER = 'note_pid("main")\nwhile True:\n    time.sleep(0.1)\n'
STUBBORN = 'signal.signal(signal.SIGTERM, signal.SIG_IGN)\nnote_pid("main")\nwhile True:\n    time.sleep(0.1)\n'
# A grandchild in the script's process group.
GRANDCHILD = '''\
if os.fork() == 0:
    note_pid("grandchild")
    time.sleep(60)
    os._exit(0)
note_pid("main")
time.sleep(60)
'''
# A grandchild that leaves the script's group and session.
SETSID_GRANDCHILD = '''\
if os.fork() == 0:
    os.setsid()
    note_pid("grandchild")
    time.sleep(60)
    os._exit(0)
note_pid("main")
time.sleep(60)
'''
# A daemon: fork, setsid, fork again; the middle process exits, so the grandchild's parent is gone.
DOUBLE_FORK = '''\
middle = os.fork()
if middle == 0:
    os.setsid()
    if os.fork() == 0:
        note_pid("grandchild")
        time.sleep(60)
    os._exit(0)
os.waitpid(middle, 0)
note_pid("main")
time.sleep(60)
'''


class HeadRig:
    """A private broker, a scripts folder, a pid folder and `hilbench head --name head1` per test."""

    def __init__(self, procs, tmp_path):
        self.procs = procs
        self.tmp_path = tmp_path
        self.scripts = tmp_path / "scripts"
        self.scripts.mkdir()
        self.pids = PidFiles(tmp_path / "pids")
        self.broker = None
        self.watches = []

    def script(self, name, body, folder=None):
        return write_script(folder or self.scripts, name, body, self.pids.folder)

    def start_head(self, grace_s=GRACE_S, name="head1"):
        if self.broker is None:
            self.broker = self.procs.start("broker", "--port", "0", name="broker").info
        proc = self.procs.start("head", "--name", name, "--host", "127.0.0.1", "--port", str(self.broker["port"]),
                                "--scripts-dir", str(self.scripts), "--stop-grace-s", str(grace_s),
                                "--bluetooth", "sim", name=f"head-{name}")
        watch = StatusWatch(self.broker["port"], name, self.tmp_path / f"mosquitto_sub-{name}.log")
        self.watches.append(watch)
        return Head(proc, self.broker["port"], watch)

    def close(self):
        for watch in self.watches:
            watch.close()
        self.pids.end_leftovers()


@pytest.fixture
def rig(procs, tmp_path):
    b = HeadRig(procs, tmp_path)
    yield b
    b.close()


@pytest.fixture
def head(rig):
    return rig.start_head()


def assert_all_gone(pids):
    survivors = [pid for pid in pids if not gone(pid)]
    assert not survivors, f"processes of the script still running: {survivors}"


def test_started_script_reports_running_then_finished_with_exit_code_0(rig, head):
    eyes = rig.script("eyes.py", 'note_pid("main")\nprint("looking around")\ntime.sleep(0.2)\n')
    start = head.start_script("eyes1", eyes)
    running = head.watch.script_status("eyes1", ("running",), start)
    assert running["id"] == "eyes1" and isinstance(running["timestamp"], float) and "error" not in running
    final = head.watch.script_status("eyes1", FINAL, start)
    assert final["status"] == "finished" and final["exit_code"] == 0, final
    statuses = [m.json()["status"] for m in head.watch.on_topic(head.watch.script_topic("eyes1"), start)]
    assert statuses == ["running", "finished"]


def test_failing_script_reports_failed_with_the_tail_of_stderr_and_its_exit_code(rig, head):
    # 100 kB of stderr first: the error is the end of it, not the beginning.
    broken = rig.script("broken.py", 'sys.stderr.write("noise\\n" * 15000)\n'
                                       'sys.stderr.write("servo 3 not found\\n")\nsys.exit(4)\n')
    start = head.run("broken", broken)
    final = head.watch.script_status("broken", FINAL, start)
    assert final["status"] == "failed" and final["exit_code"] == 4, final
    assert final["error"].endswith("servo 3 not found"), final["error"][-200:]
    assert len(final["error"]) < 4096


@pytest.mark.parametrize("case", ["missing-file", "outside-scripts-dir", "dot-dot", "symlink-escape", "dash-V"])
def test_a_start_the_service_may_not_run_fails_with_an_error_never_running_and_spawns_nothing(rig, head, case):
    outside = rig.tmp_path / "outside"
    outside.mkdir()
    evil = rig.script("evil.py", 'note_pid("evil")\n', folder=outside)
    (rig.scripts / "escape.py").symlink_to(evil)
    path = {"missing-file": rig.scripts / "nowhere.py",
            "outside-scripts-dir": evil,
            "dot-dot": f"{rig.scripts}/../outside/evil.py",
            "symlink-escape": rig.scripts / "escape.py",
            "dash-V": "-V"}[case]
    start = head.start_script("eyes1", path)
    final = head.watch.script_status("eyes1", FINAL, start)
    assert final["status"] == "failed" and final["error"], final
    head.query("eyes1")  # a barrier: a late `running` would have come before its reply
    statuses = [m.json()["status"] for m in head.watch.on_topic(head.watch.script_topic("eyes1"), start)
                if not is_query_reply(m.json())]
    assert statuses == ["failed"]
    assert rig.pids.noted() == {}, "the refused script ran"


def test_a_duplicate_start_is_refused_on_the_ids_topic_and_the_first_run_keeps_running(rig, head):
    eyes = rig.script("eyes.py", SLEEPER)
    other = rig.script("other.py", 'note_pid("second")\n')
    start = head.run("eyes1", eyes)
    (pid,) = rig.pids.wait("main")
    head.control("script/start", {"id": "eyes1", "path": str(other)})
    refusal = head.watch.wait_for(lambda m: m.topic == head.watch.script_topic("eyes1") and "error" in m.json(),
                                  start=start, what="the refusal of the duplicate start").json()
    assert refusal["status"] == "running" and "already running" in refusal["error"], refusal
    assert head.query("eyes1").json()["status"] == "running"
    assert not gone(pid), "the first run was disturbed"
    assert "second" not in rig.pids.noted(), "the duplicate start ran its script"


@pytest.mark.parametrize("path", ["-V", ""], ids=["dash-V", "empty-path"])
def test_a_refused_start_for_a_running_id_never_says_failed_on_its_topic(rig, head, path):
    # Bug: these starts, refused before any run, published `failed` on the running script's topic.
    eyes = rig.script("eyes.py", SLEEPER)
    start = head.run("eyes1", eyes)
    (pid,) = rig.pids.wait("main")
    head.control("script/start", {"id": "eyes1", "path": path})
    refusal = head.watch.wait_for(lambda m: m.topic == head.watch.script_topic("eyes1") and "error" in m.json(),
                                  start=start, what="the refusal").json()
    assert refusal["status"] == "running" and "already running" in refusal["error"], refusal
    assert head.query("eyes1").json()["status"] == "running"
    assert not gone(pid)


def test_stop_gives_stopped_exactly_once_and_nothing_later_for_that_run(rig, head):
    eyes = rig.script("eyes.py", SLEEPER)
    start = head.run("eyes1", eyes)
    rig.pids.wait("main")
    head.control("script/stop", {"id": "eyes1"})
    final = head.watch.script_status("eyes1", FINAL, start)
    assert final["status"] == "stopped" and final["signal"] == signal.SIGTERM, final
    # An observation window past the grace, when a late SIGKILL or a second status would show.
    time.sleep(GRACE_S + 0.5)
    head.query("eyes1")
    after = [m.json() for m in head.watch.on_topic(head.watch.script_topic("eyes1"), start)]
    assert [d["status"] for d in after] == ["running", "stopped", "stopped"], after
    assert "runtime" in after[-1], "the last one is the query's reply"


def test_a_script_ignoring_sigterm_is_killed_after_the_grace(rig, head):
    stubborn = rig.script("stubborn.py", STUBBORN)
    start = head.run("stubborn", stubborn)
    (pid,) = rig.pids.wait("main")
    head.control("script/stop", {"id": "stubborn"})
    final = head.watch.script_status("stubborn", FINAL, start)
    assert final["status"] == "killed" and final["signal"] == signal.SIGKILL, final
    assert gone(pid)


@pytest.mark.parametrize("body", [GRANDCHILD, SETSID_GRANDCHILD, DOUBLE_FORK],
                         ids=["grandchild-in-group", "grandchild-in-own-session", "double-fork"])
def test_stop_leaves_no_process_of_the_script_alive(rig, head, body):
    script = rig.script("tree.py", body)
    start = head.run("tree", script)
    pids = rig.pids.wait("main", "grandchild")
    head.control("script/stop", {"id": "tree"})
    final = head.watch.script_status("tree", FINAL, start)
    assert final["status"] == "stopped", final
    assert_all_gone(pids)


def test_a_script_writing_10_mb_to_stdout_finishes(rig, head):
    chatty = rig.script("chatty.py", 'for _ in range(100):\n    sys.stdout.write("x" * 99999 + "\\n")\n')
    start = head.run("chatty", chatty)
    final = head.watch.script_status("chatty", FINAL, start, timeout=30)
    assert final["status"] == "finished" and final["exit_code"] == 0, final


def test_a_status_query_is_answered_while_a_stubborn_script_is_stopping(rig):
    head = rig.start_head(grace_s=2)
    stubborn = rig.script("stubborn.py", STUBBORN)
    head.run("stubborn", stubborn)
    rig.pids.wait("main")
    probe = MqttProbe("127.0.0.1", head.port)
    try:
        probe.subscribe("heads/head1/status/#")
        start = probe.mark()
        probe.publish("heads/head1/control/script/stop", {"id": "stubborn"})
        probe.publish("heads/head1/control/script/status", "{}")
        first = probe.wait_for(lambda m: m.topic in ("heads/head1/status/scripts",
                                                     "heads/head1/status/script/stubborn"),
                               start=start, what="the reply or the final status")
        assert first.topic == "heads/head1/status/scripts", f"the query was answered after {first}"
        assert first.json()["stubborn"]["status"] == "running", first.json()
        killed = probe.wait_for(lambda m: m.topic == "heads/head1/status/script/stubborn", start=first.index,
                                what="the killed status")
        assert killed.json()["status"] == "killed"
    finally:
        probe.close()


BAD_INPUT = [
    ("not-json", b"eyes1 please", "the payload is not JSON"),
    ("raw-nul", b'{"id": "a\x00b", "path": "marker.py"}', "the payload is not JSON"),
    ("array", b"[1,2]", "must be a JSON object"),
    ("wildcard-id", b'{"id": "a+b", "path": "marker.py"}', "'id' may hold only"),
    ("escaped-nul-id", b'{"id": "a\\u0000b", "path": "marker.py"}', "'id' may hold only"),
    ("65-char-id", json.dumps({"id": "e" * 65, "path": "marker.py"}).encode(), "longer than 64"),
    ("over-4-kib", json.dumps({"id": "big", "path": "marker.py", "pad": "x" * 4100}).encode(), "over the limit"),
    ("no-id", b'{"path": "marker.py"}', "'id' is missing"),
]


def test_bad_input_is_answered_on_status_errors_and_the_service_still_starts_scripts(rig, head):
    rig.script("marker.py", 'note_pid("bad")\n')
    good = rig.script("good.py", "")
    probe = MqttProbe("127.0.0.1", head.port)
    try:
        probe.subscribe("heads/head1/status/#")
        for case, payload, error in BAD_INPUT:
            start = probe.mark()
            probe.publish("heads/head1/control/script/start", payload)
            reply = probe.wait_for(lambda m: m.topic.startswith("heads/head1/status/"), start=start,
                                   what=f"the answer to {case}")
            assert reply.topic == "heads/head1/status/errors", (case, reply)
            assert error in reply.json()["error"] and reply.json()["command"] == "script/start", (case, reply)
        start = probe.mark()
        probe.publish("heads/head1/control/script/restart", {"id": "eyes1"})
        reply = probe.wait_for(lambda m: m.topic == "heads/head1/status/errors", start=start, what="unknown topic")
        assert "unknown control topic" in reply.json()["error"]
        start = probe.mark()
        probe.publish("heads/head1/control/script/start", {"id": "good", "path": str(good)})
        final = probe.wait_for(lambda m: m.topic == "heads/head1/status/script/good"
                               and m.json()["status"] in FINAL, start=start, what="good's end").json()
        assert final["status"] == "finished", final
        assert len(probe.on_topic("heads/head1/status/script/good", start)) == 2  # running, finished
    finally:
        probe.close()
    assert rig.pids.noted() == {}, "a refused start ran its script"
    assert head.proc.alive()


def test_sigterm_to_the_service_ends_every_script_says_offline_and_exits_0(rig, head):
    start = head.watch.mark()
    head.run("eyes1", rig.script("eyes.py", 'note_pid("eyes")\ntime.sleep(60)\n'))
    head.run("stubborn", rig.script("stubborn.py", STUBBORN.replace('"main"', '"stubborn"')))
    head.run("tree", rig.script("tree.py", GRANDCHILD.replace('"main"', '"tree"')))
    pids = rig.pids.wait("eyes", "stubborn", "tree", "grandchild")
    head.proc.signal(signal.SIGTERM)
    finals = {i: head.watch.script_status(i, FINAL, start)["status"] for i in ("eyes1", "stubborn", "tree")}
    assert finals == {"eyes1": "stopped", "stubborn": "killed", "tree": "stopped"}
    head.watch.wait_for(lambda m: m.topic == "heads/head1/availability" and m.payload == "offline", start=start,
                        what="availability offline")
    assert head.proc.popen.wait(timeout=EXIT_DEADLINE) == 0
    assert retained(head.port, "heads/head1/availability") == "offline"
    assert_all_gone(pids)
    for script_id in ("eyes1", "stubborn", "tree"):
        finals_seen = [m for m in head.watch.on_topic(head.watch.script_topic(script_id), start)
                       if m.json()["status"] in FINAL]
        assert len(finals_seen) == 1, finals_seen


def test_a_crashed_service_leaves_its_will_offline_retained(head):
    start = head.watch.mark()
    head.proc.kill()
    head.watch.wait_for(lambda m: m.topic == "heads/head1/availability" and m.payload == "offline", start=start,
                        what="the will")
    assert retained(head.port, "heads/head1/availability") == "offline"


def test_the_spec_status_example_lists_every_script_with_status_runtime_and_path(rig, head):
    eyes = rig.script("eyes.py", SLEEPER)
    done = rig.script("done.py", "")
    head.run("eyes1", eyes)
    start = head.start_script("done", done)
    head.watch.script_status("done", FINAL, start)
    start = head.watch.mark()
    mosquitto_pub(head.port, "heads/head1/control/script/status", "{}")
    reply = head.watch.wait_for(lambda m: m.topic == "heads/head1/status/scripts", start=start,
                                what="status/scripts").json()
    assert reply["eyes1"]["status"] == "running" and reply["eyes1"]["path"] == str(eyes)
    assert reply["done"]["status"] == "finished" and reply["done"]["path"] == str(done)
    assert all(isinstance(r["runtime"], (int, float)) and r["runtime"] >= 0 for r in reply.values())
