# The ESP32 audio family from Python: a board and the service on the bench's virtual time, the
# wake flow end to end, and the scenario's own signals and state through link= keywords.

import pytest

import hilbench
from hilbench.errors import ExpectationTimeout, InputError


@pytest.fixture
def bench():
    bench = hilbench.Bench(limit_ms=60_000)
    bench.add_esp32_audio("board")
    bench.add_audio_service("service", app="wake")
    return bench


def test_the_wake_tone_brings_the_ack_tone_and_the_reply(bench):
    bench.expect("service", link="audio", subset={"is_connected": True}, timeout_ms=1000)
    bench.advance(500)
    bench.send("board", link="mic", payload={"dual_hz": [697, 1209], "ms": 200, "dbfs": -6})
    status = bench.expect("service", link="ws", subset={"type": "server_status"}, timeout_ms=1000)
    assert status.json() == {"type": "server_status", "payload": {"listening": True}}
    ack = bench.expect("board", link="speaker", subset={"tone_hz": 997, "min_ms": 100}, timeout_ms=2000)
    assert abs(ack.json()["tone_hz"] - 997) < 15
    bench.expect("board", link="ws", subset={"type": "event", "payload": {"action": "playback_complete"}},
                 timeout_ms=3000)
    bench.expect("board", link="audio", subset={"underruns": 0, "overruns": 0}, timeout_ms=0)


def test_a_state_that_does_not_come_times_out_showing_the_state(bench):
    with pytest.raises(ExpectationTimeout) as failure:
        bench.expect("service", link="audio", subset={"error_count": 1}, timeout_ms=500)
    assert '"error_count":0' in str(failure.value)


def test_a_bad_signal_is_refused(bench):
    with pytest.raises(InputError):
        bench.send("board", mqtt={"x": 1}, link="mic", payload={})
    with pytest.raises(InputError):
        bench.send("board", link="mic")


def test_spoken_words_reach_the_service_and_a_spoken_reply_plays_on_the_board(tmp_path):
    bench = hilbench.Bench(limit_ms=60_000)
    bench.add_esp32_audio("board")
    bench.add_audio_service("service", app="wake", reply_say="Hello there.")
    bench.expect("service", link="audio", subset={"is_connected": True}, timeout_ms=1000)
    bench.send("board", link="mic", payload={"say": "good morning", "dbfs": -6})
    levels = [bench.expect("service", link="frames", subset={"dir": "received"}, timeout_ms=200).json()["rms_dbfs"]
              for _ in range(10)]
    assert max(levels) > -30, levels  # the words, in 100 ms frames
    bench.send("board", link="mic", payload={"dual_hz": [697, 1209], "ms": 200, "dbfs": -6})
    bench.expect("board", link="speaker", subset={"tone_hz": 997, "min_ms": 100}, timeout_ms=3000)
    bench.expect("board", link="speaker", subset={"sound_ms": 100}, timeout_ms=3000)
    bench.expect("board", link="ws", subset={"type": "event", "payload": {"action": "playback_complete"}},
                 timeout_ms=5000)


def test_a_reply_that_cannot_be_had_is_refused_when_the_service_is_added(tmp_path):
    bench = hilbench.Bench()
    with pytest.raises(InputError, match="missing.wav"):
        bench.add_audio_service("service", reply_wav=str(tmp_path / "missing.wav"))
