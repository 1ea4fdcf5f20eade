#!/usr/bin/env python3
"""Playback pacing on the wall clock: `hilbench audio-service --app wav:FILE` plays SECONDS of
generated speech-like audio (syllables of voiced tones, pauses between words) to a python3-websockets
client, which stamps each downlink frame as it arrives; a `hilbench sim esp32-audio` device plays
the same audio from a second endpoint and counts its own buffer overruns and underruns. Prints the
inter-frame jitter (interval minus the previous frame's duration, after the first lead is filled),
the lead on the client's clock (audio received minus audio a player starting at the first frame
has played), and the frames that came after a player would have needed them (underruns).

    benchmarks/audio/playback_pacing.py [BUILD_DIR] [SECONDS]
"""

import asyncio
import math
import os
import random
import struct
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


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 300
    logs = tempfile.mkdtemp(prefix="audio-pacing-")
    wav_path = os.path.join(logs, "speech.wav")
    samples = speech_like(seconds)
    write_wav(wav_path, samples)
    service = Hilbench(build, ["audio-service", "--app", f"wav:{wav_path}", "--endpoints", "2", "--port", "0"],
                       os.path.join(logs, "service.log"))
    port = service.info["port"]
    sim = Hilbench(build, ["sim", "esp32-audio", "--url", f"ws://127.0.0.1:{port}/ws/1", "--mic", "silence"],
                   os.path.join(logs, "sim.log"))
    frames = asyncio.run(listen(f"ws://127.0.0.1:{port}/ws/0", len(samples)))
    time.sleep(1.0)  # the device's last frames and its playback_complete
    sim.stop()
    service.stop()
    counters = [line[line.find("{"):] for line in sim.log_lines() if '{"bad_messages"' in line]
    leads, jitters, late = analyse(frames)
    print(f"{seconds:.0f} s of speech-like audio in {len(frames)} frames: jitter p50 {percentile(jitters, 0.5):.3f} ms, "
          f"p99 {percentile(jitters, 0.99):.3f} ms, max {jitters[-1]:.3f} ms; lead on the client's clock max "
          f"{max(leads):.1f} ms (bound {LEAD_BOUND_MS} ms), min {min(leads):.1f} ms; frames later than a player "
          f"needed them: {len(late)}" + (f" (worst {max(ms for _, ms in late):.1f} ms)" if late else ""))
    print(f"  the simulated device's counters: {counters[0] if counters else 'missing'}")
    print(f"  logs in {logs}")


if __name__ == "__main__":
    main()
