// A device family as one row of a table: everything the scenario engine, the CLI's generic commands
// and the Python Bench need to know of a kind of device (its options, links, `set:` controls,
// signals and plots, how it is made in process, how a target reaches a real one, how `record` hears
// it). The engine iterates over the rows and never names a family. Each family fills its row in its
// own folder (families/<kind>/); families/registry.cpp lists the rows.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/scenario/device.h"
#include "bench/scenario/impairments.h"
#include "bench/scenario/remote_profile.h"
#include "bench/scenario/scenario.h"
#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/ports/scheduler.h"
#include "sim/audio/memory_websocket.h"
#include "sim/network/sim_mqtt_bus.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::scenario {

enum class OptionType { kText, kInteger, kNumber, kBool, kChoice };

// One option of a device: the key a scenario, a trace header and Python's Bench.add() use.
struct OptionSpec {
  std::string key;
  OptionType type = OptionType::kText;
  std::string description;
  nlohmann::json default_value;      // null: none, or one derived as default_note says
  std::string default_note;          // a default that depends on the run ("the device's name")
  std::vector<std::string> choices;  // kChoice
  double min = -std::numeric_limits<double>::infinity();  // kInteger and kNumber
  double max = std::numeric_limits<double>::infinity();
  // kText naming a file: a relative one is read from the scenario's folder (path_of()), and kept
  // as written in traces, so that they do not depend on where the suite lies.
  bool is_path = false;
};

// Rows are written with these: text_option("node_id", "the node's id", "24a1601b2c3d").
OptionSpec text_option(std::string key, std::string description, nlohmann::json fallback = nullptr,
                       std::string note = "");
OptionSpec integer_option(std::string key, std::string description, double min, double max,
                          nlohmann::json fallback = nullptr, std::string note = "");
OptionSpec number_option(std::string key, std::string description, double min, double max,
                         nlohmann::json fallback = nullptr, std::string note = "");
// A file: relative to the folder of the scenario that names it.
OptionSpec path_option(std::string key, std::string description);
// The file a path option of `spec` names, for opening: a relative one from the folder of the file
// that declared the device ("" when the option is not given).
std::string path_of(const DeviceSpec& spec, const std::string& key);
OptionSpec bool_option(std::string key, std::string description, nlohmann::json fallback = nullptr);
OptionSpec choice_option(std::string key, std::string description, std::vector<std::string> choices,
                         nlohmann::json fallback = nullptr);

// How a link's messages look, which says how steps write them: lines of text (a console, a UART:
// `serial`), publishes with a topic (`mqtt`), reports a device makes of what it did, JSON
// documents that expects match and nothing sends (a blaster's `ir`), the device's state as it
// stands, which an expect waits to see (`audio: {gaps: 0}`), or signals a scenario feeds a
// simulated peripheral, JSON documents that sends write and nothing expects (`mic: {tone_hz:
// 1000, ms: 500}`).
enum class LinkShape { kLines, kPublishes, kReports, kState, kSignals };

// Whether an expect's JSON (`expected`) holds for a report or a state (`actual`).
using JsonMatcher =
    std::function<bool(const nlohmann::json& actual, const nlohmann::json& expected)>;

// What sends and expects may name.
struct LinkSpec {
  std::string name;
  LinkShape shape = LinkShape::kLines;
  std::string description;
  // For reports and states: how an expect compares (tolerances, bounds); empty: every key given
  // must be there with that value (json_contains).
  JsonMatcher matches;
  // For signals: why a signal is refused ("" when it is good), so a bad one is an error where it
  // is written (the scenario's line, the Python call), never a message silently lost.
  std::function<std::string(const nlohmann::json& signal)> check;
  // Drop, duplicate and delay faults on this link act on the device's own wire (SimContext::fate:
  // a dropped microphone frame never reaches the service), so the session does not impair the
  // device's messages on it a second time.
  bool device_impairs = false;
  // For signals: keys whose value names a file, read from the folder of the scenario naming it.
  std::vector<std::string> path_keys;

  bool sent() const { return shape != LinkShape::kReports && shape != LinkShape::kState; }
  bool expected() const { return shape != LinkShape::kSignals; }
};

// A `set:` control of the simulated device.
struct SettingSpec {
  std::string name;
  std::string form;  // how its value is written: "{motor: N|ALL, on: true|false}"
  std::string description;
};

// A column of the device's snapshot as a VCD signal: one value, or an array of them (one per
// motor), each in a scope of its own (element_scope + index: motor0, motor1, ...).
struct SignalSpec {
  std::string key;     // in the snapshot
  std::string signal;  // the VCD variable
  double scale = 1;    // integers are value * scale; 0: a one-bit wire
  std::string element_scope;
};

// One chart of the HTML report: series from snapshot columns (an array gives one per element,
// labelled "<label> <index>").
struct PlotSpec {
  std::string title;
  std::vector<std::pair<std::string, std::string>> series;  // snapshot key -> label
};

// The fate the session's faults give a message a device sends on one of its links, now.
using LinkFate = std::function<Fate(const std::string& device, const std::string& link)>;

// What a simulated device is made with: the session's clock, broker and WebSocket network, its
// seed, and the faults of the session for links whose devices impair their own wire.
struct SimContext {
  sim::VirtualScheduler& scheduler;
  sim::SimMqttBus& bus;
  sim::MemoryWsNetwork& ws;
  std::uint64_t seed;
  const LinkFate& fate;
};

enum class Need { kNo, kOptional, kRequired };

// How a target file reaches a real device of the family.
struct RemoteRules {
  Need serial = Need::kOptional;
  Need mqtt = Need::kOptional;
  // The device's topics on its broker; nullopt and why when the spec or connection lacks something.
  std::function<std::optional<RemoteProfile>(
      const DeviceSpec& spec, const RemoteConnection& connection, std::string& error)>
      profile;
};

// A topic `hilbench record` heard that belongs to a device of the family.
struct HeardTopic {
  std::string device;                                 // its name in the trace
  nlohmann::json options = nlohmann::json::object();  // what makes it again (trace header)
  bool inbound = false;                               // a command to it: what replay feeds back
  std::string also_link;  // a copy on this link too ("ir": an emitted frame)
};

// How `hilbench record` hears the family on a live broker or tty.
struct RecordRules {
  std::vector<std::string> filters;  // subscribed by default
  std::function<std::optional<HeardTopic>(const std::string& topic)> claim;
  // A line on a tty recorded as `name` that only this family prints (which family the tty belongs
  // to): the device it is, or nullopt.
  std::function<std::optional<HeardTopic>(const std::string& name, std::string_view line)>
      claim_line;
  // How long the device `name` had been running when a trace recorded on the wall clock began, as
  // its messages tell (a node's uptime stamps), so that a replay boots it that much earlier. None:
  // it boots when the replay starts.
  std::function<std::int64_t(const std::string& name, const std::vector<LinkMessage>& messages)>
      boot_lead_ms;
};

// `hilbench sim <kind>`: the simulated device as a process on real transports.
struct ProcessRules {
  std::string usage;  // its main flags: "--node-id ID [--broker URL] [--serial pty|PATH]"
  std::function<int(const std::vector<std::string>& args)> run;  // the exit code (2: usage error)
};

// One device of a fleet (`hilbench fleet`): the family's firmware on the fleet's clock, with an
// MQTT session of its own that the fleet connects and cuts.
class FleetDevice {
 public:
  virtual ~FleetDevice() = default;
  // The broker session is up (again); a message arrived on one of its subscriptions.
  virtual void on_connected() = 0;
  virtual void on_message(std::string_view topic, std::string_view payload) = 0;
  // Power off and on (what it stored is kept).
  virtual void power_cycle() = 0;
  // Going away on purpose: says so on its broker (its will, in person) before the fleet
  // disconnects it.
  virtual void shut_down() = 0;
};

struct FleetDeviceContext {
  core::Scheduler& scheduler;
  core::MqttLink& mqtt;
  std::string id;  // its id in the fleet (a node id)
  std::uint64_t seed;
};

// How `hilbench fleet` makes many devices of the family in one process.
struct FleetRules {
  // The id of the index-th device from a prefix ("" or why in `error` for a prefix it refuses).
  std::function<std::string(const std::string& prefix, std::size_t index, std::string& error)>
      make_id;
  // The MQTT client id of the device with this id.
  std::function<std::string(const std::string& id)> client_id;
  std::function<std::unique_ptr<FleetDevice>(const FleetDeviceContext& context)> make;
  // The fleet's own host (`--command-rate`): a harmless command to the device `id` carrying `tag`
  // (its topic and payload), the filter its answers arrive on, and the tag read back from an
  // answer ("" for a message that is not one). Empty: the family is not commanded.
  std::function<std::pair<std::string, std::string>(const std::string& id, const std::string& tag)>
      command;
  std::string answer_filter;
  std::function<std::string(std::string_view topic, std::string_view payload)> answer_tag;
};

struct Family {
  std::string kind;
  std::vector<std::string> aliases;  // older spellings still accepted (ir-blaster)
  std::string summary;
  std::vector<OptionSpec> options;
  std::vector<LinkSpec> links;
  std::vector<SettingSpec> settings;
  std::vector<SignalSpec> signals;
  std::vector<PlotSpec> plots;
  // Checks across options once each is valid on its own (a name the bridge refuses); "" or why.
  std::function<std::string(const std::string& name, const nlohmann::json& options)> check;
  // The device in process on virtual time; nullptr and why.
  std::function<std::unique_ptr<Device>(const DeviceSpec& spec, SimContext& context,
                                        DeviceOutput output, std::string& error)>
      make;
  RemoteRules remote;
  RecordRules record;
  ProcessRules process;
  FleetRules fleet;  // empty: the family has no fleet form

  const OptionSpec* option(const std::string& key) const;
  const LinkSpec* link(const std::string& name) const;
  bool has_link(const std::string& name) const { return link(name) != nullptr; }
  std::string link_names() const;  // "serial, mqtt"
};

// The table of families: the built-in rows, or a table of a test's own.
class FamilyRegistry {
 public:
  // The families this build knows (families/registry.cpp).
  static const FamilyRegistry& builtin();

  void add(Family family) { rows_.push_back(std::move(family)); }
  // By kind or alias; nullptr when none.
  const Family* find(const std::string& kind) const;
  // The family of a device as describe() and trace headers give it ({"name":..,"kind":..}); nullptr
  // when its kind is missing, not a string or unknown.
  const Family* of(const nlohmann::json& device) const;
  // Device name -> family, for the described devices of a run whose kind is known.
  std::map<std::string, const Family*> by_name(const nlohmann::json& devices) const;
  const std::vector<Family>& rows() const { return rows_; }
  std::vector<std::string> kinds() const;
  // Every link some family has, in the order the rows first name them.
  std::vector<LinkSpec> links() const;
  // The link of that name, or nullptr when no family has it.
  const LinkSpec* link(const std::string& name) const;
  // "unknown device kind 'x'; expected one of stepper, hvac, ..."
  std::string unknown(const std::string& kind) const;

 private:
  std::vector<Family> rows_;
};

// "" when `value` suits the option, else why not ("must be an integer from 0 to 100, got 150");
// `shown` is how the message shows the value (its JSON when empty; a loader says where it came
// from).
std::string check_option(const OptionSpec& option, const nlohmann::json& value,
                         const std::string& shown = "");
// Every option known to the family and valid, then the family's own check; "" or why not.
std::string check_options(const Family& family, const std::string& name,
                          const nlohmann::json& options);
// The options with the row's fixed defaults filled in where none was given.
nlohmann::json with_defaults(const Family& family, nlohmann::json options);
// Only the fields that are options of the family (a trace header also holds what identified a real
// device: its tty, its broker); their values are checked when the device is made.
nlohmann::json known_options(const Family& family, const nlohmann::json& fields);
// The rows as JSON: kinds, aliases, options (type, default, choices, range), links, settings.
nlohmann::ordered_json describe_families(const FamilyRegistry& registry);
// The options of every family as Markdown tables (docs/scenarios.md holds this text).
std::string options_markdown(const FamilyRegistry& registry);

}  // namespace hil::scenario
