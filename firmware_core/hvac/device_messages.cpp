// Parsing sensor readings and availability payloads.
#include "firmware_core/hvac/device_messages.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "firmware_core/common/text.h"
#include "firmware_core/hvac/climate_command.h"

namespace hil::hvac {
namespace {

using Json = nlohmann::json;

constexpr std::size_t kMaxPayloadBytes = 4096;

Checked<std::optional<double>> reading(double value) {
  if (!std::isfinite(value) || value < kMinRoomCelsius || value > kMaxRoomCelsius) {
    return CheckError{"temperature " + ir::format_celsius(value) + " C is outside " +
                      ir::format_celsius(kMinRoomCelsius) + ".." +
                      ir::format_celsius(kMaxRoomCelsius) + " C"};
  }
  return std::optional<double>(value);
}

}  // namespace

Checked<std::optional<double>> parse_room_temperature(std::string_view payload,
                                                      std::string_view key) {
  if (payload.size() > kMaxPayloadBytes) return CheckError{"payload too long"};
  const Json doc = Json::parse(core::trim(payload), nullptr, false);
  if (doc.is_discarded()) return CheckError{"not a number or JSON: \"" + excerpt(payload) + "\""};
  if (doc.is_number()) return reading(doc.get<double>());
  if (!doc.is_object() || key.empty()) {
    return CheckError{key.empty() ? "expected a number" : "expected a number or a JSON object"};
  }
  const auto it = doc.find(std::string(key));
  if (it == doc.end() || it->is_null()) return std::optional<double>();
  if (!it->is_number()) return CheckError{"\"" + excerpt(key) + "\" is not a number"};
  return reading(it->get<double>());
}

Checked<Availability> parse_availability(std::string_view payload) {
  std::string_view state = core::trim(payload);
  std::string holder;
  if (!state.empty() && (state.front() == '{' || state.front() == '"')) {
    const Json doc = Json::parse(state, nullptr, false);
    const Json* value = &doc;
    if (doc.is_object()) {
      const auto it = doc.find("state");
      value = it == doc.end() ? nullptr : &*it;
    }
    if (value && value->is_string()) {
      holder = value->get<std::string>();
      state = holder;
    }
  }
  if (state == "online") return Availability::kOnline;
  if (state == "offline") return Availability::kOffline;
  return CheckError{"not an availability payload: \"" + excerpt(payload) + "\""};
}

bool is_online_announcement(std::string_view payload) { return core::trim(payload) == "online"; }

}  // namespace hil::hvac
