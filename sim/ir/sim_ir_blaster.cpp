// A simulated Zigbee IR blaster with its room and temperature sensor.
#include "sim/ir/sim_ir_blaster.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <numeric>
#include <utility>

#include "firmware_core/common/text.h"
#include "firmware_core/ir/climate_state.h"
#include "firmware_core/ir/daikin_detect.h"
#include "firmware_core/ir/daikin_json.h"
#include "firmware_core/ir/tuya_codec.h"

namespace hil::sim {
namespace {

// Keys in the order the header documents them (nlohmann::json would sort them).
using Json = nlohmann::ordered_json;

constexpr std::size_t kPayloadExcerptChars = 200;
constexpr std::string_view kControlKeys = "online, room_temperature, outside_temperature";

// The start of a code quoted in a JSON report (the JSON escapes it).
std::string excerpt(std::string_view text, std::size_t chars) {
  return std::string(text.substr(0, chars));
}

double one_decimal(double value) { return std::round(value * 10.0) / 10.0; }

std::string format_number(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return buf;
}

}  // namespace

std::string SimIrBlaster::check_name(std::string_view name) {
  if (name.empty()) return "the name must not be empty";
  for (const char c : name) {
    if (c == '+' || c == '#' || c == '\0')
      return "the name must not contain '+', '#' or NUL: it goes into MQTT topics";
  }
  return "";
}

SimIrBlasterTopics SimIrBlaster::topics_for(const std::string& name,
                                            const std::string& sensor_name) {
  const std::string device = "zigbee2mqtt/" + name;
  const std::string bench = "hilbench/ir/" + name;
  return {device + "/set",
          device + "/availability",
          device,
          bench + "/emitted",
          bench + "/control",
          bench + "/control/error",
          "zigbee2mqtt/" + (sensor_name.empty() ? name + "_room" : sensor_name)};
}

SimIrBlaster::SimIrBlaster(core::Scheduler& scheduler, core::MqttLink& mqtt,
                           SimIrBlasterOptions options, core::LineSink* log)
    : scheduler_(scheduler),
      mqtt_(mqtt),
      options_(std::move(options)),
      topics_(topics_for(options_.name, options_.sensor_name)),
      log_(log),
      room_(options_.room_temperature_c, options_.outside_temperature_c, options_.room),
      online_(options_.online) {}

SimIrBlaster::~SimIrBlaster() {
  if (sample_timer_ != 0) scheduler_.cancel(sample_timer_);
  if (flight_) scheduler_.cancel(flight_->timer);
}

void SimIrBlaster::start() {
  if (started_) return;
  started_ = true;
  mqtt_.set_will({topics_.availability, Json{{"state", "offline"}}.dump(), 1, true});
  mqtt_.subscribe(topics_.set, 1);
  mqtt_.subscribe(topics_.control, 1);
  const core::Micros now = scheduler_.now();
  room_time_ = now;
  next_heartbeat_ = now + options_.sensor_period;
  log("started " + std::string(online_ ? "online" : "offline") + "; room " +
      format_number(room_.temperature()) + " C, outside " +
      format_number(room_.outside_temperature()) + " C; sensor " + topics_.sensor);
  if (mqtt_.connected()) announce();
  publish_reading();  // queued by the link until it connects, as a sensor's first report would be
  schedule_sample(now + kSampleInterval);
}

void SimIrBlaster::on_mqtt_connected() {
  if (started_) announce();
}

void SimIrBlaster::announce() {
  publish_availability();
  mqtt_.publish(topics_.state, Json{{"linkquality", options_.linkquality}}.dump(), 0, false);
}

void SimIrBlaster::publish_availability() {
  mqtt_.publish(topics_.availability, Json{{"state", online_ ? "online" : "offline"}}.dump(), 1,
                true);
}

void SimIrBlaster::shutdown() {
  if (!started_) return;
  mqtt_.publish(topics_.availability, Json{{"state", "offline"}}.dump(), 1, true);
}

void SimIrBlaster::on_mqtt_message(std::string_view topic, std::string_view payload) {
  if (topic == topics_.set) {
    handle_set(payload);
  } else if (topic == topics_.control) {
    // An empty message clears a retained control message (`mosquitto_pub -n -r`): not a request.
    if (payload.empty()) {
      log("ignored an empty control message (a retained one being cleared)");
      return;
    }
    control(payload);
  }
}

void SimIrBlaster::send_code(std::string_view code) {
  handle_set(Json{{"ir_code_to_send", std::string(code)}}.dump());
}

// ---- sends ----

void SimIrBlaster::handle_set(std::string_view payload) {
  if (!online_) {
    ++counters_.ignored;
    log("offline (unpowered): ignored a set message");
    return;
  }
  const Json doc = Json::parse(payload, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    ++counters_.ignored;
    log("set payload is not a JSON object: ignored: " +
        core::printable_excerpt(payload, kPayloadExcerptChars));
    return;
  }
  const auto it = doc.find("ir_code_to_send");
  if (it == doc.end()) {
    ++counters_.ignored;  // e.g. {"learn_ir_code": ...}: nothing to send
    log("set payload has no ir_code_to_send: ignored: " +
        core::printable_excerpt(payload, kPayloadExcerptChars));
    return;
  }
  if (!it->is_string()) {
    ++counters_.ignored;
    log("ir_code_to_send is not a string: ignored: " +
        core::printable_excerpt(payload, kPayloadExcerptChars));
    return;
  }
  start_send(it->get<std::string>());
}

void SimIrBlaster::start_send(std::string code) {
  const core::Micros now = scheduler_.now();
  if (flight_) {
    const Flight first = std::move(*flight_);
    flight_.reset();
    scheduler_.cancel(first.timer);
    ++counters_.broken;
    const std::int64_t after_ms = core::to_ms(now - first.started);
    log(std::string(kOverlapError) + ": the send started " + std::to_string(after_ms) +
        " ms ago is cut off and the new one is not sent");
    publish_report(Json{
        {"error", kOverlapError},
        {"code", excerpt(code, kCodeExcerptChars)},
        {"interrupted_code", excerpt(first.code, kCodeExcerptChars)},
        {"interrupted_after_ms",
         after_ms}}.dump());
    return;
  }
  const ir::TuyaDecoded decoded = ir::decode_tuya(code);
  std::string error;
  if (!decoded.ok()) {
    error = decoded.problem->message;
  } else if (decoded.durations_us.empty()) {
    error = "empty code: no durations to send";
  }
  if (!error.empty()) {
    ++counters_.rejected;
    log("refused a code: " + error);
    publish_report(Json{{"error", error}, {"code", excerpt(code, kCodeExcerptChars)}}.dump());
    return;
  }
  Flight flight;
  flight.durations_us.assign(decoded.durations_us.begin(), decoded.durations_us.end());
  const std::uint64_t train_us =
      std::accumulate(flight.durations_us.begin(), flight.durations_us.end(), std::uint64_t{0});
  flight.code = std::move(code);
  flight.started = now;
  const core::Micros ends = now + kSendLatency + core::Micros(static_cast<std::int64_t>(train_us));
  log("sending " + std::to_string(flight.durations_us.size()) + " durations (" +
      std::to_string(flight.code.size()) + " code chars): busy for " +
      std::to_string(core::to_ms(ends - now)) + " ms");
  flight.timer = scheduler_.call_at(ends, [this] { complete_send(); });
  flight_ = std::move(flight);
}

void SimIrBlaster::complete_send() {
  if (!flight_) return;
  const Flight flight = std::move(*flight_);
  flight_.reset();
  ++counters_.emitted;
  const auto frame = ir::decode_any_daikin(flight.durations_us);
  if (!frame.ok()) {
    log("emitted " + std::to_string(flight.durations_us.size()) +
        " durations, not Daikin: " + frame.error());
    publish_report(Json{{"protocol", "unknown"},
                        {"durations", flight.durations_us.size()},
                        {"reason", frame.error()}}
                       .dump());
    return;
  }
  sync_room();
  room_.set_unit(frame->settings);
  log("emitted " + std::string(ir::to_string(frame->protocol)) + ": " +
      ir::to_string(frame->settings));
  publish_report(Json{{"protocol", ir::protocol_json_name(frame->protocol)},
                      {"state", ir::hex_string(frame->state)},
                      {"settings", Json(ir::daikin_settings_json(frame->settings))},
                      {"durations", flight.durations_us.size()},
                      {"code_chars", flight.code.size()}}
                     .dump());
}

void SimIrBlaster::cut_off(const char* why) {
  if (!flight_) return;
  scheduler_.cancel(flight_->timer);
  flight_.reset();
  log(std::string("a send in flight was cut off: ") + why);
}

void SimIrBlaster::publish_report(const std::string& payload) {
  mqtt_.publish(topics_.emitted, payload, 1, false);
}

// ---- control ----

void SimIrBlaster::set_online(bool online) {
  if (!online) cut_off("the blaster lost power");
  if (online != online_) log(online ? "back online" : "offline (unpowered): sends are ignored");
  online_ = online;
  if (started_) publish_availability();
}

std::string SimIrBlaster::check_temperature(const char* what, double celsius) const {
  if (std::isfinite(celsius) && celsius >= kMinTemperatureC && celsius <= kMaxTemperatureC)
    return "";
  return "\"" + std::string(what) + "\" must be a number from " + format_number(kMinTemperatureC) +
         " to " + format_number(kMaxTemperatureC) + " (degrees C)";
}

std::string SimIrBlaster::set_room_temperature(double celsius) {
  std::string error = check_temperature("room_temperature", celsius);
  if (!error.empty()) return error;
  sync_room();
  room_.set_temperature(celsius);
  log("room temperature set to " + format_number(celsius) + " C");
  if (started_ && std::abs(room_.temperature() - reported_c_) >= kSensorStepC - 1e-9)
    publish_reading();
  return "";
}

std::string SimIrBlaster::set_outside_temperature(double celsius) {
  std::string error = check_temperature("outside_temperature", celsius);
  if (!error.empty()) return error;
  sync_room();
  room_.set_outside_temperature(celsius);
  log("outside temperature set to " + format_number(celsius) + " C");
  return "";
}

std::string SimIrBlaster::control(std::string_view payload) {
  const Json doc = Json::parse(payload, nullptr, false);
  std::string error;
  std::optional<bool> online;
  std::optional<double> room;
  std::optional<double> outside;
  if (doc.is_discarded()) {
    error = "control payload is not JSON";
  } else if (!doc.is_object()) {
    error = "control payload must be a JSON object such as {\"online\": false}";
  } else if (doc.empty()) {
    error = "control payload names nothing to change (" + std::string(kControlKeys) + ")";
  } else {
    for (const auto& [key, value] : doc.items()) {
      if (key == "online") {
        if (!value.is_boolean()) {
          error = "\"online\" must be true or false";
          break;
        }
        online = value.get<bool>();
      } else if (key == "room_temperature" || key == "outside_temperature") {
        const double celsius = value.is_number() ? value.get<double>() : std::nan("");
        error = check_temperature(key.c_str(), celsius);
        if (!error.empty()) break;
        (key == "room_temperature" ? room : outside) = celsius;
      } else {
        error = "unknown control key \"" + key + "\" (" + std::string(kControlKeys) + ")";
        break;
      }
    }
  }
  if (!error.empty()) {
    log("control refused: " + error);
    publish_control_error(error, payload);
    return error;
  }
  // Everything checked: apply it all.
  if (outside) (void)set_outside_temperature(*outside);
  if (room) (void)set_room_temperature(*room);
  if (online) set_online(*online);
  return "";
}

void SimIrBlaster::publish_control_error(const std::string& error, std::string_view payload) {
  mqtt_.publish(
      topics_.control_error,
      Json{{"error", error}, {"payload", core::printable_excerpt(payload, kPayloadExcerptChars)}}
          .dump(),
      1, false);
}

// ---- room and sensor ----

void SimIrBlaster::sync_room() {
  const core::Micros now = scheduler_.now();
  if (now > room_time_) room_.advance(now - room_time_);
  room_time_ = now;
}

const RoomModel& SimIrBlaster::room() {
  sync_room();
  return room_;
}

void SimIrBlaster::schedule_sample(core::Micros when) {
  sample_timer_ = scheduler_.call_at(when, [this] { sample(); });
}

void SimIrBlaster::sample() {
  sample_timer_ = 0;
  sync_room();
  const core::Micros now = scheduler_.now();
  bool heartbeat = false;
  if (options_.sensor_period > core::Micros(0)) {
    while (next_heartbeat_ <= now) {
      heartbeat = true;
      next_heartbeat_ += options_.sensor_period;
    }
  }
  if (heartbeat || std::abs(room_.temperature() - reported_c_) >= kSensorStepC - 1e-9)
    publish_reading();
  schedule_sample(now + kSampleInterval);
}

void SimIrBlaster::publish_reading() {
  reported_c_ = room_.temperature();
  mqtt_.publish(topics_.sensor,
                Json{{"temperature", one_decimal(room_.temperature())},
                     {"humidity", one_decimal(room_.humidity())}}
                    .dump(),
                0, false);
}

void SimIrBlaster::log(const std::string& line) {
  if (log_ != nullptr) log_->write_line("[ir " + options_.name + "] " + line);
}

}  // namespace hil::sim
