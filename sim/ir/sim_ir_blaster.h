// A simulated Zigbee IR blaster (Tuya/Zosung ZS06 as Zigbee2MQTT presents it) in front of a
// simulated room and temperature sensor.
//
// What it plays (shared/specs/ir-and-home-assistant-notes.md, "Zigbee2MQTT IR blasters", and
// shared/specs/hvac-climate-mqtt.md, "Zigbee2MQTT Topics"):
//   zigbee2mqtt/<name>/set           in:  {"ir_code_to_send": "<base64>"}; other keys are ignored
//                                         as Zigbee2MQTT ignores keys a device does not know
//   zigbee2mqtt/<name>/availability  out: {"state":"online"|"offline"}, retained, QoS 1; also the
//                                         last will (offline)
//   zigbee2mqtt/<name>               out: {"linkquality":N} on start and on every reconnect
//   zigbee2mqtt/<sensor>             out: {"temperature":T,"humidity":H} (one decimal each), QoS 0,
//                                         every sensor period and when T moves by >= 0.1 C
// and what a real blaster cannot tell anyone, on the bench's own topics:
//   hilbench/ir/<name>/emitted       out: one report per send, not retained, QoS 1 (see below)
//   hilbench/ir/<name>/control       in:  {"online":bool}, {"room_temperature":C},
//                                         {"outside_temperature":C}, or several keys at once
//   hilbench/ir/<name>/control/error out: {"error":"...","payload":"<first 200 chars>"}
//
// Timing: a send occupies the blaster from the moment the set message arrives for kSendLatency
// (Zigbee transfer and processing) plus the sum of the code's durations; the report is published
// when that ends. A second send arriving in that window breaks both, as on the real device
// ("Unexpected sequence"): the first is cut off, the second is not sent, and one overlap report
// says so. Codes the strict Tuya decoder refuses are reported at once and do not occupy the
// blaster (unless one arrives during a send: the overlap rule comes first).
//
// Reports on emitted:
//   Daikin frame  {"protocol":"daikin"|"daikin312","state":"11da27...","settings":{"power":true,
//                  "mode":"cool","hvac_mode":"cool","temperature":21,"fan_mode":"auto","swing_mode":"off",
//                  "powerful":false,"quiet":false,"econo":false,"mold":false,"sensor":false,
//                  "comfort":false},"durations":583,"code_chars":N}
//   other code    {"protocol":"unknown","durations":N,"reason":"not a Daikin frame: ..."}
//   bad code      {"error":"<decoder's reason>","code":"<first 40 chars>"}
//   overlap       {"error":"unexpected sequence: a send arrived while one was in flight",
//                  "code":"<first 40 chars of the second>","interrupted_code":"<first 40 of the
//                  first>","interrupted_after_ms":N}
// Every Daikin frame emitted becomes the room's unit settings (room_model.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/ir/daikin_settings.h"
#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/ports/scheduler.h"
#include "sim/ir/room_model.h"

namespace hil::sim {

struct SimIrBlasterOptions {
  std::string name = "ir_blaster";  // the blaster's Zigbee2MQTT friendly name
  std::string sensor_name;          // empty: <name>_room
  double room_temperature_c = 26.0;
  double outside_temperature_c = 30.0;
  // Sensor heartbeat; <= 0: the sensor reports changes only (and once at start).
  core::Micros sensor_period = std::chrono::seconds(30);
  bool online = true;  // false: starts unpowered (availability offline, sends ignored)
  int linkquality = 120;
  RoomModelConstants room;
};

struct SimIrBlasterTopics {
  std::string set;
  std::string availability;
  std::string state;  // the Zigbee2MQTT device topic: zigbee2mqtt/<name>
  std::string emitted;
  std::string control;
  std::string control_error;
  std::string sensor;
};

struct SimIrBlasterCounters {
  std::uint64_t emitted = 0;   // sends that completed (Daikin or not)
  std::uint64_t broken = 0;    // overlaps (each breaks two sends)
  std::uint64_t rejected = 0;  // codes the decoder refused
  std::uint64_t ignored = 0;   // set payloads without a code, and sends while offline
};

class SimIrBlaster {
 public:
  // Zigbee transfer and processing before the pulses start: ZS06 sends land 100..200 ms after the
  // publish, so a fixed 150 ms.
  static constexpr core::Micros kSendLatency = std::chrono::milliseconds(150);
  // The room is stepped and the sensor looks at it this often.
  static constexpr core::Micros kSampleInterval = std::chrono::seconds(1);
  static constexpr double kSensorStepC = 0.1;  // a change this large is reported at once
  static constexpr std::size_t kCodeExcerptChars = 40;
  static constexpr double kMinTemperatureC = -40.0;  // what control accepts
  static constexpr double kMaxTemperatureC = 60.0;
  static constexpr std::string_view kOverlapError =
      "unexpected sequence: a send arrived while one was in flight";

  // Why a friendly name cannot be used in topics ("" when it can): empty, or with + # or NUL.
  static std::string check_name(std::string_view name);
  static SimIrBlasterTopics topics_for(const std::string& name, const std::string& sensor_name);

  // The scheduler and link must outlive the blaster; `log` (optional) gets one line per event.
  SimIrBlaster(core::Scheduler& scheduler, core::MqttLink& mqtt, SimIrBlasterOptions options = {},
               core::LineSink* log = nullptr);
  ~SimIrBlaster();
  SimIrBlaster(const SimIrBlaster&) = delete;
  SimIrBlaster& operator=(const SimIrBlaster&) = delete;

  // Sets the will, subscribes (set and control), starts the room and sensor clock and, if the
  // link is up, announces itself (availability, device state) and the first sensor reading.
  void start();
  // Announces again after a (re)connection: the broker may have delivered the will meanwhile.
  void on_mqtt_connected();
  // Every message the link receives; topics that are not the blaster's are ignored.
  void on_mqtt_message(std::string_view topic, std::string_view payload);
  // A clean stop: publishes availability offline (a clean disconnect discards the will).
  void shutdown();

  // The test-control face. Going offline cuts off a send in flight, silently, as pulling the plug
  // would; the temperature setters return why they refused (out of range) or "" when applied.
  void set_online(bool online);
  std::string set_room_temperature(double celsius);
  std::string set_outside_temperature(double celsius);
  // Applies a control payload as the control topic does; returns the error (also published).
  std::string control(std::string_view payload);
  // Sends a code as {"ir_code_to_send": code} on the set topic would.
  void send_code(std::string_view code);

  bool online() const { return online_; }
  bool busy() const { return flight_.has_value(); }
  // The room brought up to now.
  const RoomModel& room();
  double room_temperature() { return room().temperature(); }
  const SimIrBlasterTopics& topics() const { return topics_; }
  const SimIrBlasterCounters& counters() const { return counters_; }
  const std::string& name() const { return options_.name; }

 private:
  struct Flight {
    std::string code;
    std::vector<std::uint32_t> durations_us;
    core::Micros started{0};
    core::TimerId timer = 0;
  };

  void announce();
  void publish_availability();
  void handle_set(std::string_view payload);
  void start_send(std::string code);
  void complete_send();
  void cut_off(const char* why);
  void publish_report(const std::string& payload);
  void publish_control_error(const std::string& error, std::string_view payload);
  void sync_room();
  void sample();
  void schedule_sample(core::Micros when);
  void publish_reading();
  std::string check_temperature(const char* what, double celsius) const;
  void log(const std::string& line);

  core::Scheduler& scheduler_;
  core::MqttLink& mqtt_;
  SimIrBlasterOptions options_;
  SimIrBlasterTopics topics_;
  core::LineSink* log_;
  RoomModel room_;
  core::Micros room_time_{0};
  bool started_ = false;
  bool online_;
  std::optional<Flight> flight_;
  SimIrBlasterCounters counters_;
  core::TimerId sample_timer_ = 0;
  core::Micros next_heartbeat_{0};
  double reported_c_ = 0.0;  // the temperature of the last reading published
};

}  // namespace hil::sim
