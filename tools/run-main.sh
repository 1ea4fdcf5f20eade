#!/usr/bin/env bash
# The main job: the scenario suite against simulated devices (reports in build/reports/), then an
# embedded broker with a simulated stepper node on MQTT and a PTY, driven through `hilbench ctl`,
# the climate family: the HVAC bridge driving a simulated IR blaster as Home Assistant would, the
# supervisor, the audio family's wake flow, and the robot head's controller on real scripts.
set -euo pipefail
build=${1:-build}
hilbench="$build/bin/hilbench"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Starts a long-running hilbench command and waits for its JSON ready line ($work/NAME.out).
start() {
  local name=$1; shift
  "$hilbench" "$@" >"$work/$name.out" 2>"$work/$name.log" &
  pids+=($!)
  for _ in $(seq 1 200); do
    if [ -s "$work/$name.out" ]; then return 0; fi
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.05
  done
  echo "hilbench $name did not become ready:" >&2
  cat "$work/$name.log" >&2
  return 1
}
# A field of a command's ready line.
field() { /usr/bin/python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())[sys.argv[2]])" "$work/$1.out" "$2"; }

echo "== scenarios/ against in-process simulated devices (virtual time)"
reports="$build/reports"
rm -rf "$reports/traces"
"$hilbench" run scenarios/ --junit "$reports/junit.xml" --html "$reports/report.html" --record "$reports/traces/"
echo "== reports: $reports/report.html, $reports/junit.xml, traces in $reports/traces/"

node=24a1601b2c3d
start broker broker
url=$(field broker url)
echo "== embedded broker: $url"
start sim sim stepper --node-id "$node" --broker "$url" --serial pty
pty=$(field sim serial)
echo "== simulated stepper node $node on $url and $pty"

echo "== over MQTT: hilbench ctl --broker $url --node $node ..."
"$hilbench" ctl --broker "$url" --node "$node" \
  "GET ALL" "MOVE:0,1200" "HOME:ALL,600,150" "SET SPEED=6000" "MOVE:ALL,-600" \
  "GET LAST_OP_TIMING:0" "NET:STATUS" "MQTT:GET_CONFIG"
echo "== a refused command (exit status 1 is expected):"
"$hilbench" ctl --broker "$url" --node "$node" "MOVE:0,5000" && exit 1 || true

echo "== over the serial console: hilbench ctl --serial $pty ..."
"$hilbench" ctl --serial "$pty" "M:1,300;M:2,-300" "GET SPEED"

echo "== status telemetry while motor 3 moves (first message of devices/$node/status):"
mosquitto_sub -p "${url##*:}" -h 127.0.0.1 -t "devices/$node/status" -C 1 -W 5 >"$work/status.json" &
sub=$!
sleep 0.3  # let the subscription reach the broker before the move starts
"$hilbench" ctl --broker "$url" --node "$node" "MOVE:3,1000" >/dev/null
wait "$sub"
cat "$work/status.json"

echo "== climate: hilbench sim ir_blaster --name ir_blaster_01 and hilbench hvac --device living_room"
start blaster sim ir_blaster --name ir_blaster_01 --broker "$url"
start hvac hvac --broker "$url" --device living_room --blaster ir_blaster_01 --name "Living Room AC" \
  --sensor-topic zigbee2mqtt/ir_blaster_01_room
port=${url##*:}
echo "== discovery Home Assistant reads (homeassistant/climate/living_room/config):"
mosquitto_sub -p "$port" -h 127.0.0.1 -t homeassistant/climate/living_room/config -C 1 -W 5
mosquitto_sub -p "$port" -h 127.0.0.1 -t hilbench/ir/ir_blaster_01/emitted -C 1 -W 10 >"$work/emitted.json" &
sub=$!
sleep 0.3
echo "== Home Assistant sets cool at 21 C: {\"mode\": \"cool\", \"temperature\": 21}"
mosquitto_pub -p "$port" -h 127.0.0.1 -q 1 -t homeassistant/climate/living_room/set -m '{"mode": "cool", "temperature": 21}'
wait "$sub"
echo "== the blaster emitted (hilbench/ir/ir_blaster_01/emitted):"
cat "$work/emitted.json"
echo "== the entity's state (homeassistant/climate/living_room/state):"
mosquitto_sub -p "$port" -h 127.0.0.1 -t homeassistant/climate/living_room/state -C 1 -W 5
echo "== supervisor: hilbench sim mcu --serial pty, and the Pi's console hilbench supv --json on its PTY (5 s)"
start mcu sim mcu --serial pty --no-stdin
mcu_pty=$(field mcu serial)
timeout -s TERM 5 "$hilbench" supv --serial "$mcu_pty" --json --mesh-live 2>/dev/null || true
echo "== the power-off handshake, dry run (no --poweroff-cmd: nothing is powered off)"
"$hilbench" supv poweroff --serial "$mcu_pty"
echo "== audio: hilbench audio-service --app wake, and a simulated ESP32 whose microphone hears the wake tone"
/usr/bin/python3 - "$work/wake.wav" <<'PY'
import math, struct, sys, wave
rate = 16000  # 1 s of silence, the wake tone pair (697 + 1209 Hz) for 300 ms, 5 s of silence
pair = [round(4000 * (math.sin(2 * math.pi * 697 * i / rate) + math.sin(2 * math.pi * 1209 * i / rate)))
        for i in range(rate * 3 // 10)]
with wave.open(sys.argv[1], "wb") as out:
    out.setnchannels(1); out.setsampwidth(2); out.setframerate(rate)
    out.writeframes(struct.pack(f"<{rate + len(pair) + 5 * rate}h", *([0] * rate + pair + [0] * 5 * rate)))
PY
start service audio-service --port 0 --app wake --reply "say:Hello, this is the audio service."
audio_url=$(field service url)
start board sim esp32-audio --url "$audio_url" --mic "wav:$work/wake.wav" --speaker "wav:$work/heard.wav"
sleep 5  # the wake tone comes 1 s in; the ack and the spoken reply follow
kill -TERM "${pids[-1]}"; wait "${pids[-1]}" || true
grep -h -E "wake|listening|playback|status " "$work/service.log" | cut -c26- | head -8
/usr/bin/python3 - "$work/heard.wav" <<'PY'
import math, struct, sys, wave
with wave.open(sys.argv[1]) as f:
    samples = struct.unpack(f"<{f.getnframes()}h", f.readframes(f.getnframes()))
def share(block, hz):  # the block's energy at hz, by Goertzel
    c = 2 * math.cos(2 * math.pi * hz / 16000); s1 = s2 = 0.0
    for x in block: s1, s2 = x + c * s1 - s2, s1
    energy = sum(x * x for x in block)
    return 2 * (s1 * s1 + s2 * s2 - c * s1 * s2) / (len(block) * energy) if energy else 0.0
blocks = [samples[i:i + 320] for i in range(0, len(samples) - 319, 320)]
ack = sum(1 for b in blocks if share(b, 997) > 0.8) * 20
voiced = sum(1 for b in blocks if share(b, 997) < 0.5 and max(map(abs, b)) > 1000) * 20
print(f"the board's speaker played {len(samples) / 16000:.2f} s: the ack tone for {ack} ms, then {voiced} ms of speech")
PY
echo "== the robot head: hilbench head --name head1 on the head scenarios' real scripts, driven as the spec's examples"
start head head --name head1 --broker "$url" --scripts-dir scenarios/head_scripts --stop-grace-s 1
port=${url##*:}
mosquitto_sub -p "$port" -h 127.0.0.1 -v -t 'heads/head1/status/#' -W 4 >"$work/head_status.txt" 2>/dev/null &
sub=$!
sleep 0.3
mosquitto_pub -p "$port" -h 127.0.0.1 -t heads/head1/control/script/start -m '{"id": "eyes1", "path": "eyes.py"}'
mosquitto_pub -p "$port" -h 127.0.0.1 -t heads/head1/control/script/start -m '{"id": "crash", "path": "crash.py"}'
mosquitto_pub -p "$port" -h 127.0.0.1 -t heads/head1/control/script/start -m '{"id": "x", "path": "-V"}'
mosquitto_pub -p "$port" -h 127.0.0.1 -t heads/head1/control/bluetooth/connect -m '{"address": "00:11:22:33:44:55"}'
sleep 1
mosquitto_pub -p "$port" -h 127.0.0.1 -t heads/head1/control/script/status -m '{}'
mosquitto_pub -p "$port" -h 127.0.0.1 -t heads/head1/control/script/stop -m '{"id": "eyes1"}'
wait "$sub" || true
cut -c1-160 "$work/head_status.txt"
echo "== done"
