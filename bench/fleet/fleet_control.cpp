// The control lines of `hilbench fleet`.
#include "bench/fleet/fleet_control.h"

#include "firmware_core/common/text.h"

namespace hil::bench {
namespace {

const char* const kForms =
    "a control line is one of {\"cut\": PERCENT, \"for_ms\": N}, {\"power_cycle\": PERCENT}, "
    "{\"reconnect_storm\": true}, {\"report\": true}";

nlohmann::json refused(const std::string& why) { return {{"ok", false}, {"error", why}}; }

// A share of the fleet in percent, or nullopt.
std::optional<double> percent(const nlohmann::json& value) {
  if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 100)
    return std::nullopt;
  return value.get<double>();
}

}  // namespace

nlohmann::json apply_control(Fleet& fleet, const FleetReporter& reporter, std::string_view line) {
  const nlohmann::json doc = nlohmann::json::parse(line, nullptr, false);
  if (!doc.is_object() || doc.size() != 1 + (doc.contains("for_ms") ? 1 : 0))
    return refused(std::string(kForms) + "; got " + core::printable_excerpt(line, 80));
  if (doc.contains("cut")) {
    const auto share = percent(doc["cut"]);
    const nlohmann::json outage = doc.value("for_ms", nlohmann::json(0));
    if (!share || !outage.is_number_integer() || outage.get<long long>() < 0)
      return refused("cut: a percent from 0 to 100, and for_ms a whole number >= 0");
    fleet.cut(*share, std::chrono::milliseconds(outage.get<long long>()));
    return {{"ok", true}, {"cut", *share}, {"for_ms", outage}};
  }
  if (doc.contains("power_cycle")) {
    const auto share = percent(doc["power_cycle"]);
    if (!share) return refused("power_cycle: a percent from 0 to 100");
    fleet.power_cycle(*share);
    return {{"ok", true}, {"power_cycle", *share}};
  }
  if (doc.value("reconnect_storm", false)) {
    fleet.reconnect_storm();
    return {{"ok", true}, {"reconnect_storm", true}};
  }
  if (doc.value("report", false)) return reporter.snapshot();
  return refused(std::string(kForms) + "; got " + core::printable_excerpt(line, 80));
}

FleetControlTopic::FleetControlTopic(boost::asio::io_context& io, MqttClientOptions client,
                                     std::string topic, Fleet& fleet, const FleetReporter& reporter)
    : client_(io, std::move(client)), topic_(std::move(topic)) {
  client_.set_on_message([this, &fleet, &reporter](std::string_view topic, std::string_view payload,
                                                   int, bool) {
    if (topic != topic_) return;
    client_.publish(topic_ + "/answer", apply_control(fleet, reporter, payload).dump(), 1, false);
  });
}

void FleetControlTopic::start() {
  client_.subscribe(topic_, 1);
  client_.start();
}

void FleetControlTopic::stop() { client_.stop(); }

}  // namespace hil::bench
