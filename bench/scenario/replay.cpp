// Replays a trace and compares what comes back.
#include "bench/scenario/replay.h"

#include <algorithm>
#include <map>
#include <set>

namespace hil::scenario {
namespace {

constexpr std::int64_t kSettleMs = 1000;  // after the last recorded message, for late answers

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// How long the recorded devices had been running when the trace began, so that the replayed ones
// boot that much earlier and their stamps line up: nothing for a trace on virtual time (paced or
// not), which began at boot; otherwise the longest any device's family reads from its messages.
std::int64_t boot_lead_ms(const Trace& trace, const FamilyRegistry& families) {
  const std::string clock = trace.header.value("clock", "virtual");
  if (clock == "virtual" || clock == "paced") return 0;
  std::int64_t lead_ms = 0;
  for (const auto& device : trace.header.value("devices", nlohmann::json::array())) {
    const Family* family = families.of(device);
    if (family != nullptr && family->record.boot_lead_ms) {
      lead_ms =
          std::max(lead_ms, family->record.boot_lead_ms(device.value("name", ""), trace.messages));
    }
  }
  return lead_ms;
}

}  // namespace

ReplayResult replay_trace(const Trace& trace, const ReplayOptions& options) {
  ReplayResult result;
  std::int64_t last_us = 0;
  std::vector<LinkMessage> expected;
  for (const auto& message : trace.messages) {
    last_us = std::max(last_us, message.time_us);
    if (message.inbound) {
      ++result.inputs;
    } else {
      expected.push_back(message);
    }
  }
  result.expected_outputs = expected.size();
  const FamilyRegistry& families = FamilyRegistry::builtin();
  const std::int64_t lead_us = (options.make_session ? 0 : boot_lead_ms(trace, families)) * 1000;
  const std::int64_t end_ms =
      (lead_us + last_us) / 1000 + std::max(kSettleMs, options.diff.telemetry_window_ms);
  const SessionOptions session_options{
      options.seed.value_or(trace.header.value("seed", std::uint64_t{1})), end_ms + 1000, 0, 0};
  auto session = options.make_session ? options.make_session(session_options)
                                      : Session::simulated(session_options, nullptr, families);
  for (const auto& device : trace.header.value("devices", nlohmann::json::array())) {
    const std::string name = device.is_object() ? device.value("name", "") : "";
    const Family* family = session->families().of(device);
    if (family == nullptr) {
      const nlohmann::json kind =
          device.is_object() ? device.value("kind", nlohmann::json()) : nlohmann::json();
      result.error =
          "device '" + name + "': " +
          session->families().unknown(kind.is_string() ? kind.get<std::string>() : kind.dump());
      return result;
    }
    // What the header says of a device is what makes it again (node_id, a bridge's entity, a
    // blaster's room).
    const DeviceSpec spec{name, family->kind, known_options(*family, device), {}};
    if (const std::string error = session->add_device(spec); !error.empty()) {
      result.error = "device '" + spec.name + "': " + error;
      return result;
    }
  }
  // What the replayed device said before the trace began (nothing when the trace began at boot).
  session->advance_us(lead_us);
  const std::size_t booting = lead_us > 0 ? session->messages().size() : 0;
  for (const auto& message : trace.messages) {
    if (!message.inbound || message.lost)
      continue;  // a lost message never reached the device then either
    if (!message.from.empty())
      continue;  // another device of the trace published it: the replay does so again
    const std::int64_t wait_us = lead_us + message.time_us - session->now_us();
    if (wait_us > 0) session->advance_us(wait_us);
    if (const std::string error =
            session->send(message.device, message.link, message.topic, message.payload);
        !error.empty()) {
      result.error = error;
      return result;
    }
  }
  session->advance_us(end_ms * 1000 - session->now_us());
  // Outputs on the trace's clock. Of what came before the trace began, a recorder saw the console
  // (a tty keeps what was printed until someone reads it) and the retained config; not the rest.
  std::map<std::string, std::size_t> last_retained;
  for (std::size_t i = 0; i < booting; ++i) {
    const LinkMessage& message = session->messages()[i];
    if (message.link == "mqtt" && ends_with(message.topic, "/config"))
      last_retained[message.topic] = i;
  }
  // Links the recording did not listen on (a passive recorder given only a broker) are not
  // compared.
  std::set<std::string> recorded_links;
  for (const auto& message : trace.messages)
    recorded_links.insert(message.device + "|" + message.link);
  for (std::size_t i = 0; i < session->messages().size(); ++i) {
    LinkMessage message = session->messages()[i];
    const bool seen_early = message.link == "serial" || (last_retained.count(message.topic) &&
                                                         last_retained[message.topic] == i);
    if (message.inbound || (i < booting && !seen_early)) continue;
    if (recorded_links.count(message.device + "|" + message.link) == 0) continue;
    message.time_us = std::max<std::int64_t>(message.time_us - lead_us, 0);
    // The recording ended with its last message: what comes after it (a sensor's next reading) was
    // never there to be recorded.
    if (message.time_us > last_us + options.diff.time_tolerance_ms * 1000) continue;
    result.actual.push_back(std::move(message));
  }
  result.differences = diff_outputs(expected, result.actual, options.diff);
  std::sort(result.differences.begin(), result.differences.end(),
            [](const Difference& a, const Difference& b) { return a.time_us < b.time_us; });
  return result;
}

}  // namespace hil::scenario
