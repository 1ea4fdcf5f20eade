# The ESP32 audio family over real WebSockets on loopback, with the websockets library (Debian 10.4,
# asyncio API) as the peer nobody here wrote: as the ESP32 against `hilbench audio-service`, and as
# the plan's server against `hilbench sim esp32-audio`. Signals are checked with a Goertzel filter.

import asyncio
import json
import math
import struct
import time
import wave

import websockets

DEADLINE = 10.0  # generous: a bound on a hang, never a measurement
RATE = 16000
BLOCK = 1600  # 100 ms
LEVEL = 8231  # -12 dBFS
WAKE_LOW, WAKE_HIGH = 697.0, 1209.0  # the core's WakeToneOptions


def tone(hz, count, start=0, amplitude=LEVEL):
    return [round(amplitude * math.sin(2 * math.pi * hz * (start + i) / RATE)) for i in range(count)]


def pcm(samples):
    return struct.pack(f"<{len(samples)}h", *samples)


def samples_of(data):
    return list(struct.unpack(f"<{len(data) // 2}h", data))


def tone_share(samples, hz):
    """The share of the block's energy at `hz` (1.0 for a pure sine of whole cycles), by Goertzel."""
    coeff = 2 * math.cos(2 * math.pi * hz / RATE)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + coeff * s1 - s2, s1
    power = s1 * s1 + s2 * s2 - coeff * s1 * s2
    energy = sum(x * x for x in samples)
    return 2 * power / (len(samples) * energy) if energy else 0.0


def run_and_return(coro):
    return asyncio.run(asyncio.wait_for(coro, 60))


async def next_message(ws, want, deadline=DEADLINE):
    """Reads until want(message) holds; returns that message."""
    end = time.monotonic() + deadline
    while True:
        message = await asyncio.wait_for(ws.recv(), max(0.01, end - time.monotonic()))
        if want(message):
            return message


def is_json(kind):
    return lambda m: isinstance(m, str) and json.loads(m).get("type") == kind


class Streamer:
    """Sends 100 ms blocks of a signal at the 16 kHz pace (the service refuses audio faster than real
    time) and collects what comes back, until stopped."""

    def __init__(self, ws, block_fn):
        self.ws = ws
        self.block_fn = block_fn
        self.sent = 0
        self.task = asyncio.ensure_future(self._run())

    async def _run(self):
        start = time.monotonic()
        while True:
            await self.ws.send(pcm(self.block_fn(self.sent)))
            self.sent += 1
            await asyncio.sleep(max(0.0, start + self.sent * 0.1 - time.monotonic()))

    async def stop(self):
        self.task.cancel()
        try:
            await self.task
        except asyncio.CancelledError:
            pass


def service(procs, *args):
    return procs.start("audio-service", "--port", "0", *args, name="audio-service")


def test_echo_returns_a_1khz_tone_and_a_second_client_is_busy(procs):
    proc = service(procs, "--app", "echo")
    url = proc.info["url"]
    assert url.startswith("ws://127.0.0.1:") and url.endswith("/ws")

    async def scenario():
        async with websockets.connect(url) as ws:
            streamer = Streamer(ws, lambda n: tone(1000, BLOCK, n * BLOCK))
            received = []
            while len(received) < 8 * BLOCK:
                received += samples_of(await next_message(ws, lambda m: isinstance(m, bytes)))
            # A second ESP32 is refused while the first keeps streaming.
            async with websockets.connect(url) as second:
                try:
                    await asyncio.wait_for(second.recv(), DEADLINE)
                    raise AssertionError("the second client was not closed")
                except websockets.ConnectionClosed as closed:
                    assert (closed.code, closed.reason) == (1013, "Service busy")
            after = []
            while len(after) < 4 * BLOCK:
                after += samples_of(await next_message(ws, lambda m: isinstance(m, bytes)))
            await streamer.stop()
            return received, after

    received, after = run_and_return(scenario())
    for block in (received[-BLOCK:], after[-BLOCK:]):
        assert tone_share(block, 1000) > 0.9
        assert tone_share(block, 1500) < 0.01
    proc.wait_for_log("a second client was refused with 1013", DEADLINE)


def test_the_wake_tone_pair_brings_listening_and_the_ack(procs):
    proc = service(procs, "--app", "wake")
    assert proc.info["reply"] == "tone:ready"

    def block(n):
        if 3 <= n < 6:  # 300 ms of the pair
            low, high = tone(WAKE_LOW, BLOCK, n * BLOCK, 4000), tone(WAKE_HIGH, BLOCK, n * BLOCK, 4000)
            return [a + b for a, b in zip(low, high)]
        return [0] * BLOCK

    async def scenario():
        async with websockets.connect(proc.info["url"]) as ws:
            streamer = Streamer(ws, block)
            listening = json.loads(await next_message(ws, is_json("server_status")))
            command = json.loads(await next_message(ws, is_json("server_command")))
            reply = await next_message(ws, lambda m: isinstance(m, bytes))
            await streamer.stop()
            return listening, command, reply

    listening, command, reply = run_and_return(scenario())
    assert listening["payload"]["listening"] is True
    assert command["payload"] == {"command": "play_tone", "tone": "ack"}
    assert len(reply) > 0 and len(reply) % 2 == 0


def test_the_service_answers_pings_and_survives_bad_input(procs):
    proc = service(procs, "--app", "echo")

    async def scenario():
        async with websockets.connect(proc.info["url"]) as ws:
            await asyncio.wait_for(await ws.ping(), DEADLINE)
            await ws.send("this is not JSON")
            await ws.send(json.dumps({"type": "no_such_type", "payload": {}}))
            await ws.send(b"\x01\x02\x03")
            streamer = Streamer(ws, lambda n: tone(1000, BLOCK, n * BLOCK))
            echoed = samples_of(await next_message(ws, lambda m: isinstance(m, bytes)))
            await streamer.stop()
            await asyncio.wait_for(await ws.ping(), DEADLINE)
            return echoed

    echoed = run_and_return(scenario())
    assert tone_share(echoed, 1000) > 0.9
    proc.wait_for_log("ESP32 client disconnected (1000", DEADLINE)  # closed by us, not by the service
    errors = [line for line in proc.log_text().splitlines() if "ESP32 client error: " in line]
    for why in ("not JSON", '"no_such_type"', "a binary frame of odd length 3"):
        assert any(why in line for line in errors), proc.log_tail()


def test_the_simulated_device_streams_at_pace_plays_back_and_reports(procs, tmp_path):
    wav_path = tmp_path / "speaker.wav"
    down = [((i * 37) % 2000) - 1000 for i in range(4800)]  # 300 ms the device must play exactly
    blocks = []  # (client_status messages before it, bytes)
    texts = []
    done = asyncio.Event()
    status = asyncio.Event()
    enough = asyncio.Event()  # 25 microphone blocks have arrived
    second_status = asyncio.Event()  # the periodic client_status, 5 s after the first

    async def handler(ws, path):
        assert path == "/ws"
        sent = False
        async for message in ws:
            if isinstance(message, bytes):
                blocks.append((sum(t["type"] == "client_status" for t in texts), message))
                if len(blocks) >= 25:
                    enough.set()
                if not sent:  # the plan's server: audio down in 100 ms frames
                    for i in range(0, len(down), BLOCK):
                        await ws.send(pcm(down[i:i + BLOCK]))
                    sent = True
            else:
                doc = json.loads(message)
                texts.append(doc)
                if doc["type"] == "client_status":
                    (second_status if status.is_set() else status).set()
                if doc["type"] == "event" and doc["payload"].get("action") == "playback_complete":
                    done.set()

    async def scenario():
        server = await websockets.serve(handler, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        loop = asyncio.get_running_loop()
        sim = await loop.run_in_executor(None, lambda: procs.start(
            "sim", "esp32-audio", "--url", f"ws://127.0.0.1:{port}/ws", "--mic", "tone:1000",
            "--speaker", f"wav:{wav_path}", name="sim-esp32-audio"))
        await asyncio.wait_for(status.wait(), DEADLINE)
        await asyncio.wait_for(done.wait(), DEADLINE)
        await asyncio.wait_for(enough.wait(), 3 * DEADLINE)
        await asyncio.wait_for(second_status.wait(), 3 * DEADLINE)
        await loop.run_in_executor(None, sim.stop)
        server.close()
        await server.wait_closed()
        return sim

    sim = run_and_return(scenario())
    assert sim.info["count"] == 1 and sim.info["devices"] == [
        {"index": 0, "url": sim.info["url"], "speaker_wav": str(wav_path)}]

    assert len(blocks) >= 25
    assert all(len(data) == 2 * BLOCK for _, data in blocks)
    assert tone_share(samples_of(blocks[-1][1]), 1000) > 0.9
    # Pace, by the device's own clock: between two client_status messages (uptime_ms U1, U2) it
    # sends (U2 - U1) / 100 blocks, one either way for where the block boundaries fall.
    statuses = [t["payload"] for t in texts if t["type"] == "client_status"]
    assert len(statuses) >= 2, "a status at connect and one 5 s later"
    between = sum(1 for seen, _ in blocks if seen == 1)
    assert abs(between - (statuses[1]["uptime_ms"] - statuses[0]["uptime_ms"]) / 100) <= 1, \
        (between, statuses[:2])

    client_status = statuses[0]
    assert {"uptime_ms", "heap_free", "wifi_rssi"} <= client_status.keys()
    complete = next(t for t in texts if t["type"] == "event" and t["payload"].get("action") == "playback_complete")
    assert complete["payload"]["source"] == "speaker"
    assert complete["payload"]["samples_received"] == len(down)

    with wave.open(str(wav_path), "rb") as played:
        assert (played.getframerate(), played.getnchannels(), played.getsampwidth()) == (RATE, 1, 2)
        assert samples_of(played.readframes(played.getnframes())) == down


def test_an_index_in_the_url_spreads_the_devices_over_the_endpoints(procs):
    proc = service(procs, "--endpoints", "2", "--app", "echo")
    port = proc.info["port"]
    sim = procs.start("sim", "esp32-audio", "--count", "2", "--url", f"ws://127.0.0.1:{port}/ws/{{i}}",
                      name="sim-esp32-audio")
    assert [d["url"] for d in sim.info["devices"]] == [f"ws://127.0.0.1:{port}/ws/{i}" for i in (0, 1)]
    for i in (0, 1):
        proc.wait_for_log(f"/ws/{i}: ESP32 client connected", DEADLINE)
