// A scenario as loaded from YAML: the devices under test and the steps to run against them.
// Every step keeps where it was written, so errors and failures point at file:line:column.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hil::scenario {

struct Location {
  std::string file;
  int line = 0;    // 1-based
  int column = 0;  // 1-based
  std::string to_string() const {
    return file + ":" + std::to_string(line) + ":" + std::to_string(column);
  }
};

// A device a scenario talks to. Its options are those of its family's row (family.h).
struct DeviceSpec {
  std::string name;
  std::string kind;  // a family's kind, as the rows name it
  nlohmann::json options = nlohmann::json::object();
  Location where;
};

// Which stream of a device a message travels on: the console ("serial") or MQTT with a topic.
// A topic starting with "~/" is relative to the device's own topic root.
struct LinkRef {
  std::string device;
  std::string link;   // "serial" or "mqtt"
  std::string topic;  // mqtt only
};

struct SendStep {
  LinkRef to;
  std::string text;                    // serial line, or raw MQTT payload
  std::optional<nlohmann::json> json;  // MQTT JSON payload (dumped when sent)
  int qos = 1;
  bool retain = false;
};

// How a message is recognised: a regex on the line (serial) or payload text (mqtt), or a JSON
// subset the payload must contain.
struct Matcher {
  std::optional<std::string> regex;
  std::optional<nlohmann::json> json_subset;
};

struct ExpectStep {
  LinkRef on;
  Matcher match;
  std::int64_t timeout_ms = 1000;
  // variable -> regex group number (as a string: "1") or JSON path ("result.est_ms")
  std::vector<std::pair<std::string, std::string>> capture;
};

struct ExpectNoneStep {
  LinkRef on;
  Matcher match;
  std::int64_t for_ms = 0;
};

// advance (virtual time) and delay (wall time in real-time runs; virtual time otherwise).
struct AdvanceStep {
  std::int64_t ms = 0;
  bool wall_clock = false;
};

// A fault that starts now. broker_outage / link_down cut a link for for_ms; power_cycle restarts
// the device; drop / duplicate / delay / corrupt impair a share of the messages crossing a link
// (both ways) for for_ms, chosen by the run's seeded generator.
struct FaultStep {
  std::string kind;
  std::string device;  // empty: every device
  std::string link;    // link_down and the impairments: "mqtt" or "serial"
  std::int64_t for_ms = 0;
  double share = 1.0;         // impairments: the fraction of messages affected
  std::int64_t delay_ms = 0;  // delay: how much later they arrive
};

// Simulated device state: `what` is kind-specific ("stall", "missed_steps", ...).
struct SetStep {
  std::string device;
  std::string what;
  nlohmann::json value;
};

struct Step;
struct RepeatStep {
  int count = 1;
  std::vector<Step> steps;
};

struct Step {
  Location where;
  std::string label;  // optional `name:` of the step, for reports
  std::variant<SendStep, ExpectStep, ExpectNoneStep, AdvanceStep, FaultStep, SetStep, RepeatStep>
      body;
};

struct Scenario {
  std::string name;
  Location where;
  std::vector<DeviceSpec> devices;
  std::vector<Step> steps;
  std::int64_t limit_ms = 600000;  // the whole scenario's limit: nothing hangs
};

}  // namespace hil::scenario
