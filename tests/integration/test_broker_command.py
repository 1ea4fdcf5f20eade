# `hilbench broker` and the brokers the sims embed: a ready line that says whose pid is whose, and
# a mosquitto that dies is logged and ends its owner with a non-zero exit, never a silent process.

import os
import signal

PROCESS_END_TIMEOUT = 15


def parent_of(pid):
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])


def test_the_broker_ready_line_says_whose_pid_is_whose(procs):
    proc = procs.start("broker", name="broker")
    assert proc.info["hilbench_pid"] == proc.pid
    assert proc.info["mosquitto_pid"] == proc.info["pid"] != proc.pid
    assert parent_of(proc.info["mosquitto_pid"]) == proc.pid
    with open(f"/proc/{proc.info['mosquitto_pid']}/comm") as comm:
        assert comm.read().strip() == "mosquitto"


def test_a_broker_whose_mosquitto_dies_logs_it_and_exits_non_zero(procs):
    proc = procs.start("broker", name="broker")
    mosquitto = proc.info["mosquitto_pid"]
    os.kill(mosquitto, signal.SIGKILL)  # our child's child: started by this test
    assert proc.popen.wait(timeout=PROCESS_END_TIMEOUT) == 1
    assert f"ERROR [broker] mosquitto (pid {mosquitto}) was killed by signal 9" in proc.log_text()


def test_a_sim_whose_embedded_broker_dies_logs_it_and_exits_non_zero(procs):
    for kind, name_flag in (("stepper", "--node-id"), ("ir-blaster", "--name")):
        proc = procs.start("sim", kind, name_flag, f"embedded{kind.replace('-', '')}", name=kind)
        mosquitto = proc.info["broker_pid"]
        assert parent_of(mosquitto) == proc.pid
        os.kill(mosquitto, signal.SIGKILL)
        assert proc.popen.wait(timeout=PROCESS_END_TIMEOUT) == 1, proc.log_tail()
        assert f"the embedded broker ended: mosquitto (pid {mosquitto}) was killed by signal 9" in proc.log_text()
