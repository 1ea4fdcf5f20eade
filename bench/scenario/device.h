// A device under test as the scenario runner sees it: links it can be sent on, and the messages
// it produces, delivered to a callback with the time they appeared.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/signal/waveform_envelope.h"

namespace hil::scenario {

// One message crossing a device boundary.
struct LinkMessage {
  std::int64_t time_us = 0;
  std::string device;
  std::string link;   // a link of the device's family: "serial", "mqtt", a report link such as "ir"
  std::string topic;  // mqtt only
  std::string payload;
  bool inbound = false;  // sent to the device (true) or produced by it (false)
  bool lost = false;     // sent while the link was down: it never arrived
  std::string from;      // inbound over the in-process broker: the device that published it
};

// The topics of a device that publishes: what "~/" stands for (e.g. "devices/<node_id>/"), and
// where a send or an expect goes when the step names no topic ("~/" allowed).
struct DeviceTopics {
  std::string root;
  std::string send;
  std::string expect;
};

// A sound the device heard or made, as the HTML report draws it.
struct DeviceWaveform {
  std::string label;  // "microphone", "speaker"
  signal::Waveform waveform;
};

// Where a device sends the messages it produces, as they appear.
using DeviceOutput = std::function<void(const LinkMessage&)>;

class Device {
 public:
  virtual ~Device() = default;
  virtual const std::string& name() const = 0;
  virtual std::string kind() const = 0;
  // Its topics, for a device with a publishes link (none for the others).
  virtual DeviceTopics topics() const { return {}; }
  // Delivers a message to the device; false if its link is down (the message is lost).
  virtual bool deliver(const std::string& link, const std::string& topic,
                       const std::string& payload) = 0;
  // Cuts or restores a link (a fault); false and a reason when this device cannot do it.
  virtual bool set_link_up(const std::string& link, bool up, std::string& error) = 0;
  // Power off and on; false and a reason when this device cannot do it.
  virtual bool power_cycle(std::string& error) = 0;
  // Test-control state (kind-specific); false and a reason when `what` is not known.
  virtual bool set(const std::string& what, const nlohmann::json& value, std::string& error) = 0;
  // A snapshot of the device's state for reports (positions, budgets).
  virtual nlohmann::json snapshot() = 0;
  // The state a state link (LinkShape::kState) shows now: what its expects are held against.
  virtual nlohmann::json state(const std::string& /*link*/) { return nlohmann::json::object(); }
  // False when its state is surely what the last snapshot() showed, so the session can skip
  // building one (a state sample every 100 ms otherwise dominates a run's cost).
  virtual bool changed_since_snapshot() { return true; }
  // Its sounds so far (none for a device without audio).
  virtual std::vector<DeviceWaveform> waveforms() const { return {}; }
  // What identifies the device in a trace header.
  virtual nlohmann::json describe() const = 0;

  // Messages the device produces, as they appear.
  std::function<void(const LinkMessage&)> on_output;
};

}  // namespace hil::scenario
