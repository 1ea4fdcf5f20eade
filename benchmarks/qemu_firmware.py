#!/usr/bin/env python3
"""Footprint and speed of the firmware images under QEMU (boards/), beside the same firmware as a
host process: flash and RAM of each image (the heap's peak after a workout of every kind of
answer), boot to the ready line, and console commands per second over the emulated UART (one at a
time, and a burst of them), against `hilbench sim stepper` and `hilbench sim mcu` on a PTY.

    benchmarks/qemu_firmware.py [BUILD_DIR] [COMMANDS]
"""

import json
import os
import re
import select
import statistics
import subprocess
import sys
import tempfile
import termios
import threading
import time
import tty

SIZE_FLASH = (".isr_vector", ".text", ".rodata", ".ARM.exidx", ".init_array", ".data")
SIZE_RAM = (".data", ".bss")
STACK_BYTES = 8 * 1024  # the linker script's reserve (boards/mps2_an385/mps2_an385.ld)
# What each firmware is put through before its heap's peak is read: every kind of answer it gives.
WORKOUT = {
    "stepper_node": ["HELP", "ST", "GET ALL", "MOVE:ALL,600", "GET LAST_OP_TIMING", "M:0,0;M:1,0;M:2,0",
                     "NET:STATUS", "MQTT:GET_CONFIG", "SET SPEED=3000", "GET LAST_OP_TIMING:0", "NET:LIST"],
    "supervisor_mcu": ['{"id":"1","cmd":"get_status"}', '{"id":"2","cmd":"get_switches"}',
                       '{"id":"3","cmd":"clear_unread"}', '{"id":"4","cmd":"arm_poweroff"}', "}{ not json"],
}
REQUESTS = {
    "stepper_node": ("GET SPEED", re.compile(r"^CTRL:DONE cmd_id=\S+ action=GET SPEED=")),
    "supervisor_mcu": ('{"id":"b","cmd":"ping"}', re.compile(r'^\{"id":"b","ok":true')),
}


def sections(image):
    out = subprocess.run(["arm-none-eabi-size", "-A", image], capture_output=True, text=True, check=True).stdout
    sizes = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0].startswith("."):
            sizes[parts[0]] = int(parts[1])
    return sizes


class Console:
    """A raw PTY opened by path, read line by line."""

    def __init__(self, path):
        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)
        termios.tcflush(self.fd, termios.TCIOFLUSH)
        self.buffer = b""

    def write(self, line):
        os.write(self.fd, line.encode() + b"\n")

    def wait_for(self, pattern, count=1, timeout=30):
        seen = 0
        deadline = time.monotonic() + timeout
        while seen < count:
            while b"\n" in self.buffer:
                line, self.buffer = self.buffer.split(b"\n", 1)
                if pattern.search(line.decode(errors="replace").rstrip("\r")):
                    seen += 1
                    if seen == count:
                        return
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{seen} of {count} answers within {timeout} s")
            if select.select([self.fd], [], [], left)[0]:
                self.buffer += os.read(self.fd, 4096)

    def close(self):
        os.close(self.fd)


def start(command):
    """The process, its ready line and the time to it. Its log goes to a file: a pipe nobody reads
    would stop it once full."""
    log = tempfile.TemporaryFile(mode="w+")
    began = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True, bufsize=1)
    info = json.loads(proc.stdout.readline())
    proc.log = log
    return proc, info, time.perf_counter() - began


def stop(proc):
    """Ends it; returns its log."""
    proc.terminate()
    proc.wait(timeout=10)
    proc.log.seek(0)
    text = proc.log.read()
    proc.log.close()
    return text


def speed(info, firmware, commands):
    request, answer = REQUESTS[firmware]
    console = Console(info["serial"])
    try:
        for line in WORKOUT[firmware]:
            console.write(line)
            time.sleep(0.8)  # moves end, answers are printed
        termios.tcflush(console.fd, termios.TCIFLUSH)
        began = time.perf_counter()
        for _ in range(commands):
            console.write(request)
            console.wait_for(answer)
        one_at_a_time = commands / (time.perf_counter() - began)
        # The burst is written while the answers are read: a host process drops console output its
        # peer does not read, as a UART would.
        began = time.perf_counter()
        writer = threading.Thread(target=lambda: [console.write(request) for _ in range(commands)])
        writer.start()
        console.wait_for(answer, count=commands, timeout=120)
        burst = commands / (time.perf_counter() - began)
        writer.join()
    finally:
        console.close()
    return one_at_a_time, burst


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    commands = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    hilbench = os.path.join(build, "bin", "hilbench")
    host = {"stepper_node": [hilbench, "sim", "stepper", "--node-id", "24a1601b2c3d", "--no-mqtt",
                             "--serial", "pty"],
            "supervisor_mcu": [hilbench, "sim", "mcu", "--serial", "pty"]}
    for firmware in ("stepper_node", "supervisor_mcu"):
        image = os.path.join(build, "firmware", firmware + ".elf")
        size = sections(image)
        flash = sum(size.get(name, 0) for name in SIZE_FLASH)
        ram = sum(size.get(name, 0) for name in SIZE_RAM)
        boots = []
        for _ in range(3):
            proc, info, boot = start([hilbench, "qemu", image])
            boots.append(boot)
            if len(boots) < 3:
                stop(proc)
        qemu_one, qemu_burst = speed(info, firmware, commands)
        log = stop(proc)
        heap = max((int(n) for n in re.findall(r"heap_peak_bytes=(\d+)", log)), default=0)
        stack = max((int(n) for n in re.findall(r"stack_peak_bytes=(\d+)", log)), default=0)
        print(f"{firmware}: flash {flash} B (.text {size['.text']}, .rodata {size['.rodata']}), "
              f"RAM {ram} B static (.data {size.get('.data', 0)}, .bss {size['.bss']}) + heap peak {heap} B "
              f"+ stack peak {stack} B (of {STACK_BYTES} reserved) = {ram + heap + stack} B in use")
        print(f"  QEMU mps2-an385: boot to ready {statistics.median(boots) * 1000:.0f} ms (median of 3), "
              f"{qemu_one:.0f} commands/s one at a time, {qemu_burst:.0f} commands/s in a burst of {commands}")
        proc, info, boot = start(host[firmware])
        try:
            host_one, host_burst = speed(info, firmware, commands)
        finally:
            stop(proc)
        print(f"  host process on a PTY: ready {boot * 1000:.0f} ms, {host_one:.0f} commands/s one at a time, "
              f"{host_burst:.0f} commands/s in a burst")


if __name__ == "__main__":
    main()
