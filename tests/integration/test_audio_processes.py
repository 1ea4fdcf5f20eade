# The plan's wake flow end to end between the two processes on loopback: `hilbench sim esp32-audio`
# hears the wake tone pair on its microphone, `hilbench audio-service --app wake` answers with the
# ack tone and its reply (a named tone, or speech from espeak-ng), and the board's speaker plays
# both, which its WAV file shows.

import math
import struct
import wave

import pytest

RATE = 16000
BLOCK = 320  # 20 ms


def write_wake_wav(path):
    """1 s of silence, the wake pair (697 + 1209 Hz) for 300 ms, then 6 s of silence."""
    pair = [round(4000 * (math.sin(2 * math.pi * 697 * i / RATE) + math.sin(2 * math.pi * 1209 * i / RATE)))
            for i in range(RATE * 3 // 10)]
    samples = [0] * RATE + pair + [0] * 6 * RATE
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(struct.pack(f"<{len(samples)}h", *samples))


def read_wav(path):
    with wave.open(str(path)) as f:
        assert (f.getframerate(), f.getnchannels(), f.getsampwidth()) == (RATE, 1, 2)
        return struct.unpack(f"<{f.getnframes()}h", f.readframes(f.getnframes()))


def share(block, hz):
    """The block's energy at hz (1.0 for a pure sine), by Goertzel."""
    c = 2 * math.cos(2 * math.pi * hz / RATE)
    s1 = s2 = 0.0
    for x in block:
        s1, s2 = x + c * s1 - s2, s1
    energy = sum(x * x for x in block)
    return 2 * (s1 * s1 + s2 * s2 - c * s1 * s2) / (len(block) * energy) if energy else 0.0


def blocks_of(samples):
    return [samples[i:i + BLOCK] for i in range(0, len(samples) - BLOCK + 1, BLOCK)]


def run_wake_flow(procs, tmp_path, *service_args):
    write_wake_wav(tmp_path / "wake.wav")
    service = procs.start("audio-service", "--port", "0", "--app", "wake", *service_args, name="service")
    board = procs.start("sim", "esp32-audio", "--url", service.info["url"], "--mic", f"wav:{tmp_path / 'wake.wav'}",
                        "--speaker", f"wav:{tmp_path / 'heard.wav'}", name="board")
    # The ack, then the reply, whose end the board confirms.
    service.wait_for_log('sent {"type":"server_command","payload":{"command":"play_tone","tone":"ack"}}', timeout=15)
    service.wait_for_log("playback ended: device_confirmed", timeout=15)
    assert board.stop() == 0
    return read_wav(tmp_path / "heard.wav")


def test_the_wake_tone_brings_the_ack_and_the_named_reply_tone(procs, tmp_path):
    heard = blocks_of(run_wake_flow(procs, tmp_path))
    kinds = []
    for block in heard:  # each 20 ms block: which tone is in it, if any
        kind = next((hz for hz in (997, 660, 880) if share(block, hz) > 0.8), None)
        if kind and (not kinds or kinds[-1] != kind):
            kinds.append(kind)
    assert kinds == [997, 660, 880], kinds  # the ack, then the "ready" reply's two tones


def test_the_reply_can_be_speech_from_espeak_ng(procs, tmp_path):
    heard = blocks_of(run_wake_flow(procs, tmp_path, "--reply", "say:Hello from the audio service."))
    ack = [i for i, block in enumerate(heard) if share(block, 997) > 0.8]
    assert ack, "the ack tone was played"
    speech = [i for i, block in enumerate(heard) if i > ack[-1] and max(map(abs, block)) > 1000]
    assert len(speech) * BLOCK / RATE > 0.5, "over half a second of speech after the ack"
