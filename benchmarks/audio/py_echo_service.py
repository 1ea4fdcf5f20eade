#!/usr/bin/env python3
"""The baseline: the plan's ESP32Service (shared/specs/esp32-audio-websocket.md) on python3-websockets
with its defaults, doing the echo's job: a message loop hands each binary frame to the audio
callback, which queues it for playback; a playback loop sends what is queued as soon as it can (the
plan has no pacing). Prints {"ready": true, "url": ...} when it listens; runs until SIGINT.

    benchmarks/audio/py_echo_service.py
"""

import asyncio
import json
import signal

import websockets


class Esp32Service:
    """The plan's message loop, audio callback and playback queue, reduced to one client's echo."""

    def __init__(self):
        self.queue = asyncio.Queue()

    def on_audio(self, data):
        self.queue.put_nowait(data)  # play_audio_chunk()

    async def playback_loop(self, ws):
        while True:
            await ws.send(await self.queue.get())

    async def handler(self, ws, path):
        playback = asyncio.ensure_future(self.playback_loop(ws))
        try:
            async for message in ws:
                if isinstance(message, bytes):
                    self.on_audio(message)
        except websockets.ConnectionClosed:
            pass
        finally:
            playback.cancel()


async def main():
    service = Esp32Service()
    stop = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().add_signal_handler(signal.SIGINT, stop.set_result, None)
    async with websockets.serve(service.handler, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        print(json.dumps({"ready": True, "url": f"ws://127.0.0.1:{port}/ws"}), flush=True)
        await stop


if __name__ == "__main__":
    asyncio.run(main())
