# `hilbench audio-devices`: the devices PortAudio finds, as JSON on stdout, run against a private
# ALSA configuration (ALSA_CONFIG_PATH) that declares one file-backed device, so no sound card is
# needed. ALSA's and JACK's complaints about the cards that are not there go to stderr.

import json
import os
import subprocess


def alsa_config(tmp_path):
    (tmp_path / "mic_in.raw").write_bytes(b"\0\0" * 160)
    config = tmp_path / "asoundrc"
    config.write_text(
        "</usr/share/alsa/alsa.conf>\n"
        "pcm.bench_file_mic {\n"
        "  type plug\n"
        f'  slave {{ pcm {{ type file slave.pcm "null" file "/dev/null" infile "{tmp_path}/mic_in.raw" }}\n'
        "          format S16_LE channels 1 rate 16000 }\n"
        "}\n")
    return config


def test_lists_the_configured_device_as_json(hilbench_bin, tmp_path):
    env = dict(os.environ, ALSA_CONFIG_PATH=str(alsa_config(tmp_path)))
    result = subprocess.run([str(hilbench_bin), "audio-devices"], env=env, capture_output=True,
                            text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    devices = {d["name"]: d for d in json.loads(result.stdout)["devices"]}
    mic = devices["bench_file_mic"]
    assert mic["host_api"] == "ALSA"
    assert mic["input_channels"] > 0
    assert mic["default_sample_rate_hz"] == 16000.0
    assert sorted(d["index"] for d in devices.values()) == list(range(len(devices)))
