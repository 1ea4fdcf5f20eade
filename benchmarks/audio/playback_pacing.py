#!/usr/bin/env python3
"""Playback pacing on the wall clock: `hilbench audio-service --app wav:FILE` plays SECONDS of
generated speech-like audio (syllables of voiced tones, pauses between words) from each of three
endpoints at once: to a python3-websockets client and to build/bin/audio_frame_clock (a C++ client),
which stamp each downlink frame as it arrives, and to a `hilbench sim esp32-audio` device, which
counts its own buffer overruns and underruns. Prints, per client, the inter-frame jitter (interval
minus the previous frame's duration, after the first lead is filled), the lead on the client's
clock (audio received minus audio a player starting at the first frame has played), and the frames
that came after such a player needed them (underruns).

    benchmarks/audio/playback_pacing.py [BUILD_DIR] [SECONDS]
"""

import asyncio
import math
import os
import random
import struct
import subprocess
import sys
import tempfile
import time
import wave

import websockets

from hilbench_procs import Hilbench, percentile

RATE = 16000
LEAD_BOUND_MS = 200  # the service's playback_lead
ONE_SAMPLE_US = 1e6 / RATE


def speech_like(seconds, seed=1):
    """Syllables of 80-250 ms (a voiced tone of 100-300 Hz with two formants, shaped by a sine
    envelope), 0-80 ms apart, with word pauses of 150-600 ms."""
    rng = random.Random(seed)
    out = []
    total = int(seconds * RATE)
    while len(out) < total:
        for _ in range(rng.randint(1, 4)):
            n = int(rng.uniform(0.08, 0.25) * RATE)
            f0 = rng.uniform(100, 300)
            formants = (rng.uniform(300, 900), rng.uniform(900, 2500))
            for i in range(n):
                env = math.sin(math.pi * i / n)
                t = i / RATE
                value = 0.5 * math.sin(2 * math.pi * f0 * t) + sum(0.25 * math.sin(2 * math.pi * f * t) for f in formants)
                out.append(int(8000 * env * value))
            out.extend([0] * int(rng.uniform(0, 0.08) * RATE))
        out.extend([0] * int(rng.uniform(0.15, 0.6) * RATE))
    return out[:total]


def write_wav(path, samples):
    with wave.open(path, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(struct.pack(f"<{len(samples)}h", *samples))


async def listen(url, total_samples):
    """(arrival time, samples) of every binary frame until all the audio came."""
    frames = []
    got = 0
    async with websockets.connect(url, compression=None) as ws:
        while got < total_samples:
            message = await ws.recv()
            if isinstance(message, bytes):
                frames.append((time.perf_counter(), len(message) // 2))
                got += len(message) // 2
    return frames


def analyse(frames):
    t0 = frames[0][0]
    received = 0  # samples, before this frame
    leads, jitters, late = [], [], []
    for i, (at, samples) in enumerate(frames):
        played = (at - t0) * RATE
        if received - played < -1:  # due before it came: a player would have run dry
            late.append((i, (played - received) / RATE * 1e3))
        received += samples
        leads.append((received - played) / RATE * 1e3)
        # After the first lead: each frame should come one previous frame's duration after the last.
        if i > 0 and frames[i - 1][0] - t0 >= (LEAD_BOUND_MS - 100) / 1e3:
            jitters.append(abs((at - frames[i - 1][0]) * 1e3 - frames[i - 1][1] / RATE * 1e3))
    return leads, sorted(jitters), late


def describe(name, frames):
    leads, jitters, late = analyse(frames)
    worst = f" (worst {max(ms for _, ms in late):.1f} ms)" if late else ""
    return (f"{name}, {len(frames)} frames: jitter p50 {percentile(jitters, 0.5):.3f} ms, "
            f"p99 {percentile(jitters, 0.99):.3f} ms, max {jitters[-1]:.3f} ms; lead on its clock max "
            f"{max(leads):.1f} ms (bound {LEAD_BOUND_MS} ms), min {min(leads):.1f} ms; frames later than a "
            f"player needed them: {len(late)}{worst}")


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 300
    logs = tempfile.mkdtemp(prefix="audio-pacing-")
    wav_path = os.path.join(logs, "speech.wav")
    samples = speech_like(seconds)
    write_wav(wav_path, samples)
    service = Hilbench(build, ["audio-service", "--app", f"wav:{wav_path}", "--endpoints", "3", "--port", "0"],
                       os.path.join(logs, "service.log"))
    url = f"ws://127.0.0.1:{service.info['port']}/ws/"
    sim = Hilbench(build, ["sim", "esp32-audio", "--url", url + "1", "--mic", "silence"],
                   os.path.join(logs, "sim.log"))
    clock = subprocess.Popen([os.path.join(build, "bin", "audio_frame_clock"), url + "2", str(len(samples))],
                             stdout=subprocess.PIPE, text=True)
    frames = asyncio.run(listen(url + "0", len(samples)))
    stamped = [line.split() for line in clock.communicate(timeout=60)[0].splitlines()]
    time.sleep(1.0)  # the device's last frames and its playback_complete
    sim.stop()
    service.stop()
    counters = [line[line.find("{"):] for line in sim.log_lines() if '{"bad_messages"' in line]
    print(f"{seconds:.0f} s of speech-like audio from each of three endpoints at once")
    print("  " + describe("python3-websockets client", frames))
    print("  " + describe("C++ client (audio_frame_clock)", [(int(ns) / 1e9, int(n)) for ns, n in stamped]))
    print(f"  the simulated device's counters: {counters[0] if counters else 'missing'}")
    print(f"  logs in {logs}")


if __name__ == "__main__":
    main()
