# `hilbench qemu`: firmware images on QEMU's mps2-an385 with the console UART on a PTY and the
# diagnostics UART in the log; the echo image (tests/integration/qemu_echo/, built when
# arm-none-eabi-gcc is there) and, once they are built, the stepper node and supervisor MCU images.

import json
import os
import select
import shutil
import signal
import subprocess
import time

import pytest




WAIT = 10.0  # generous: a bound on a hang, never a measurement

QEMU = shutil.which("qemu-system-arm") or ("/usr/bin/qemu-system-arm"
                                           if os.access("/usr/bin/qemu-system-arm", os.X_OK) else None)
needs_qemu = pytest.mark.skipif(QEMU is None, reason="qemu-system-arm is not installed "
                                "(Debian's qemu-system-arm; tools/install-deps.sh installs it)")


def image_or_skip(path, how):
    if not path.is_file():
        pytest.skip(f"no image at {path}: {how}")
    return path


@pytest.fixture
def echo_image(build_dir):
    return image_or_skip(build_dir / "tests" / "integration" / "qemu_echo" / "qemu_echo.elf",
                         "arm-none-eabi-gcc was not found when the build was configured")


class PtyPeer:
    """A terminal program on the board's PTY: raw reads with select, so the bytes that waited
    there before it opened are read too (pyserial drops those when it opens a port)."""

    def __init__(self, path):
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        self.received = b""

    def write(self, data):
        os.write(self.fd, data)

    def read_until(self, needle, timeout=WAIT):
        deadline = time.monotonic() + timeout
        while needle not in self.received:
            left = deadline - time.monotonic()
            assert left > 0, f"{needle!r} not received; got {self.received!r}"
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                self.received += os.read(self.fd, 4096)
        return self.received

    def close(self):
        os.close(self.fd)


def pid_gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@needs_qemu
def test_ready_line_names_the_pty_board_image_and_banner(procs, echo_image):
    proc = procs.start("qemu", echo_image, name="qemu")
    info = proc.info
    assert info["banner"] == "READY test"
    assert info["board"] == "mps2-an385"
    assert info["image"] == str(echo_image)
    assert info["serial"].startswith("/dev/pts/")
    assert not pid_gone(info["qemu_pid"])
    # UART1's lines are log lines of the board.
    proc.wait_for_log("INFO [board] heap_peak_bytes=0", WAIT)


@needs_qemu
def test_the_banner_waits_on_the_pty_and_bytes_cross_both_ways_across_peers(procs, echo_image):
    info = procs.start("qemu", echo_image, name="qemu").info
    first = PtyPeer(info["serial"])
    first.read_until(b"READY test\r\n")  # printed before anyone had the PTY open: not lost
    first.write(b"hello\n")
    first.read_until(b"hello\n")
    first.close()
    second = PtyPeer(info["serial"])  # the relay serves the next peer
    second.write(b"again\n")
    second.read_until(b"again\n")
    second.close()


@needs_qemu
def test_sigterm_ends_qemu_and_exits_0(procs, echo_image):
    proc = procs.start("qemu", echo_image, name="qemu")
    qemu_pid = proc.info["qemu_pid"]
    assert proc.stop() == 0
    assert pid_gone(qemu_pid)
    assert "INFO [qemu] QEMU stopped" in proc.log_text()


@needs_qemu
def test_qemu_dying_on_its_own_is_logged_and_exits_1(procs, echo_image):
    proc = procs.start("qemu", echo_image, name="qemu")
    os.kill(proc.info["qemu_pid"], signal.SIGKILL)
    assert proc.popen.wait(timeout=WAIT) == 1
    assert "ERROR [qemu] QEMU was killed by signal 9" in proc.log_text()


@needs_qemu
def test_an_image_that_is_not_firmware_fails_with_qemus_reason(procs, tmp_path):
    bad = tmp_path / "bad.elf"
    bad.write_text("not an image\n")
    proc = procs.start("qemu", bad, "--banner-timeout-s", "5", name="qemu", wait_ready=False)
    assert proc.popen.wait(timeout=WAIT + 5) == 1
    log = proc.log_text()
    assert "ERROR [qemu] " in log
    assert "before the board printed a line on UART0" in log or "no complete line" in log, log


def test_a_missing_image_fails_with_exit_1(procs, tmp_path):
    proc = procs.start("qemu", tmp_path / "none.elf", name="qemu", wait_ready=False)
    assert proc.popen.wait(timeout=WAIT) == 1
    assert "cannot read the image" in proc.log_text()


def test_an_unknown_board_is_a_usage_error_listing_the_known_ones(hilbench_bin, tmp_path):
    done = subprocess.run([hilbench_bin, "qemu", tmp_path / "x.elf", "--board", "lm3s6965evb"],
                          capture_output=True, text=True, timeout=WAIT)
    assert done.returncode == 2
    assert done.stderr.strip() == ("hilbench qemu: unknown board 'lm3s6965evb' "
                                   "(known: mps2-an385)")


@needs_qemu
@pytest.mark.parametrize("name, banner_ok", [
    ("stepper_node.elf", lambda banner: banner == "CTRL:READY Serial v1 — send HELP"),
    ("supervisor_mcu.elf", lambda banner: isinstance(json.loads(banner), dict)),
])
def test_the_firmware_images_boot_to_their_banner(procs, build_dir, name, banner_ok):
    image = image_or_skip(build_dir / "firmware" / name, "the firmware images are not built yet")
    proc = procs.start("qemu", image, name="qemu")
    assert banner_ok(proc.info["banner"]), proc.info
    assert proc.stop() == 0


ECHO_SCENARIO = """\
name: echo board
devices:
  - {name: mcu, kind: mcu}
steps:
  - send: {serial: {json: {id: "1", cmd: ping}}}
  - expect: {serial: {json: {id: "1", cmd: ping}}, timeout_ms: 5000}
"""


@needs_qemu
def test_run_target_starts_a_board_for_a_qemu_device_and_ends_it(hilbench_bin, echo_image, tmp_path):
    # The echo board returns the line the scenario sends: its PTY stands in for the device's tty.
    folder = tmp_path / "lab"
    folder.mkdir()
    shutil.copy(echo_image, folder / "echo.elf")
    (folder / "echo.yaml").write_text(ECHO_SCENARIO)
    (folder / "target.yaml").write_text("devices:\n  mcu: {qemu: {image: echo.elf}}\n")
    done = subprocess.run([hilbench_bin, "run", folder / "echo.yaml", "--target", folder / "target.yaml"],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 0 failed" in done.stdout
    assert "is ready on /dev/pts/" in done.stderr
    assert "INFO [qemu] QEMU stopped" in done.stderr


@needs_qemu
@pytest.mark.skip(reason="known gap (README): about one replay in six under load never sees the echo "
                         "board's answer; the cause is not found yet")
def test_replay_target_replays_a_recorded_run_on_a_new_board(hilbench_bin, echo_image, tmp_path):
    shutil.copy(echo_image, tmp_path / "echo.elf")
    (tmp_path / "echo.yaml").write_text(ECHO_SCENARIO)
    (tmp_path / "target.yaml").write_text("devices:\n  mcu: {qemu: {image: echo.elf}}\n")
    trace = tmp_path / "echo.jsonl"
    run = subprocess.run([hilbench_bin, "run", tmp_path / "echo.yaml", "--target", tmp_path / "target.yaml",
                          "--record", trace], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stdout + run.stderr
    # --latency-ms bounds how long the answers may take on a loaded machine; it measures nothing.
    done = subprocess.run([hilbench_bin, "replay", trace, "--target", tmp_path / "target.yaml",
                           "--latency-ms", "2000"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no differences" in done.stdout
    assert "INFO [qemu] QEMU stopped" in done.stderr


@needs_qemu
def test_run_target_with_a_board_that_does_not_start_exits_1(hilbench_bin, tmp_path):
    (tmp_path / "echo.yaml").write_text(ECHO_SCENARIO)
    (tmp_path / "bad.elf").write_text("not an image\n")
    (tmp_path / "target.yaml").write_text("devices:\n  mcu: {qemu: {image: bad.elf}}\n")
    done = subprocess.run([hilbench_bin, "run", tmp_path / "echo.yaml", "--target", tmp_path / "target.yaml"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "the QEMU board of device 'mcu'" in done.stderr
