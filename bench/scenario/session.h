// The engine under scenarios and the Python bench: devices on one virtual clock, messages sent to
// them, and expectations read through ordered cursors. It knows nothing of YAML or variables.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "bench/scenario/device.h"
#include "bench/scenario/family.h"
#include "bench/scenario/impairments.h"
#include "bench/scenario/scenario.h"
#include "bench/scenario/session_clock.h"

namespace hil::scenario {

struct StateSample {
  std::int64_t time_us = 0;
  nlohmann::json devices;  // device name -> snapshot
};

// What an expectation waits for on one stream: a device's link, narrowed to a topic filter (MQTT
// wildcards allowed; "~/" is the device's topic root), matched by a regex and/or a JSON subset.
struct StreamQuery {
  std::string device;
  std::string link;  // a link of the device's family: "serial", "mqtt", ...
  std::string topic;
  std::optional<std::regex> regex;
  std::optional<nlohmann::json> subset;
};

struct Match {
  LinkMessage message;
  std::vector<std::optional<std::string>> groups;  // regex groups (0 is the whole match)
};

struct ExpectOutcome {
  std::optional<Match> match;
  std::string error;                 // non-empty: why there is no match (timeout, limit, no device)
  std::vector<std::string> nearest;  // what the stream held instead (newest last)
};

// Makes the device a spec names (its kind's row given, its options checked against it), sending
// what it produces to `output`; nullptr and a reason when it cannot.
using DeviceFactory = std::function<std::unique_ptr<Device>(
    const Family& family, const DeviceSpec& spec, std::uint64_t seed, DeviceOutput output,
    std::string& error)>;

struct SessionOptions {
  std::uint64_t seed = 1;
  std::int64_t limit_ms = 600000;      // bounds the (device) time of the whole session
  std::int64_t sample_every_ms = 100;  // device state samples for reports; 0 for none
  // Real connections take time to answer: no expect waits less than this (device ms).
  std::int64_t min_timeout_ms = 0;
  // Whether messages() and take_samples() hold the whole run; a long run hands them to the
  // observers instead and keeps only what an expect can still read.
  bool keep_history = true;
};

// Handed each message once it is final (its `lost` known) and each state sample, in the order they
// happened; a trace or a dump written to disk as the run goes.
using MessageObserver = std::function<void(const LinkMessage&)>;
using SampleObserver = std::function<void(const StateSample&)>;

class Session {
 public:
  // `families` must outlive the session.
  Session(SessionOptions options, std::unique_ptr<SessionClock> clock, DeviceFactory factory,
          const FamilyRegistry& families = FamilyRegistry::builtin());
  // The usual session: simulated devices in process on virtual time (or on `clock`, a virtual clock
  // that may be paced to the wall clock), made by their families' rows.
  static std::unique_ptr<Session> simulated(
      const SessionOptions& options, std::unique_ptr<VirtualSessionClock> clock = nullptr,
      const FamilyRegistry& families = FamilyRegistry::builtin());
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Creates a device of a kind (or alias) the families know, with options its row accepts; "" on
  // success, else why not.
  std::string add_device(const DeviceSpec& spec);
  const FamilyRegistry& families() const { return families_; }
  Device* device(const std::string& name);

  // Sends one message; "" on success (even if the link was down and it was lost), else an error.
  std::string send(const std::string& device, const std::string& link, const std::string& topic,
                   const std::string& payload);
  // Waits (in virtual time) for the next matching message after the stream's cursor, consuming
  // up to and including it.
  ExpectOutcome expect(const StreamQuery& query, std::int64_t timeout_ms);
  // Lets `for_ms` pass; returns the first matching message that appeared meanwhile (messages from
  // before the window do not count, and the stream's cursor stays where it was).
  ExpectOutcome expect_none(const StreamQuery& query, std::int64_t for_ms);
  // Lets time pass; "" or why it stopped (the session limit).
  std::string advance(std::int64_t ms) { return advance_us(ms * 1000); }
  std::string advance_us(std::int64_t us);
  // Starts a fault now: broker_outage / link_down end by themselves after for_ms; drop /
  // duplicate / delay / corrupt befall `share` of the messages on `link` (both ways) for for_ms.
  std::string fault(const std::string& kind, const std::string& device, const std::string& link,
                    std::int64_t for_ms, double share = 1.0, std::int64_t delay_ms = 0);
  // Sets simulated device state; "" or the device's reason.
  std::string set(const std::string& device, const std::string& what, const nlohmann::json& value);

  std::int64_t now_us() const { return clock_->now().count(); }
  const char* clock_mode() const { return clock_->mode(); }
  void observe(MessageObserver on_message, SampleObserver on_sample);
  // Every message so far (with keep_history; else none).
  const std::vector<LinkMessage>& messages() const { return messages_; }
  std::size_t message_count() const { return message_count_; }
  // How many messages the streams hold for expects to come: what is flat in a long run.
  std::size_t held_messages() const;
  // Hands over the messages and samples without copying them; for the end of a run, as the
  // session cannot read its streams any more afterwards. The samples end with the state at the
  // end of the run (which the sample observer is handed too).
  std::vector<LinkMessage> take_messages() { return std::move(messages_); }
  std::vector<StateSample> take_samples();
  nlohmann::json describe_devices() const;
  // Device name -> its sounds, for the devices that have any.
  std::map<std::string, std::vector<DeviceWaveform>> waveforms() const;
  // The full topic: "~/" expanded to the device's root; an empty topic is the device's default for
  // a send (inbound) or an expect.
  std::string resolve_topic(const std::string& device, const std::string& topic, bool inbound);
  // Whether the device's link carries publishes with topics (its family's row says).
  bool publishes(const std::string& device, const std::string& link);
  // The fate the active faults give a message the device sends on the link now (one draw).
  Fate link_fate(const std::string& device, const std::string& link);

 private:
  struct Stream;
  // A device link's messages its streams can still read, from absolute position `first` on.
  struct Output {
    std::deque<LinkMessage> messages;
    std::size_t first = 0;
    // A link without topics has one stream, so what it read is gone for good; on a link with
    // topics a filter not used yet reads from the start, so only the cap applies. Unknown while
    // the device is being made (it speaks before it is registered).
    std::optional<bool> one_stream;
    std::size_t read = 0;  // with one stream: its cursor
    std::size_t end() const { return first + messages.size(); }
  };
  std::string open(const StreamQuery& query, Stream& stream);
  // The next match after the stream's cursor; moves that (local) cursor past it.
  std::optional<Match> find(Stream& stream) const;
  std::vector<std::string> nearest(const Stream& stream) const;
  // A stream on a state link (LinkShape::kState) reads the device's state, not its messages.
  static bool is_state(const Stream& stream);
  // The state now, when it holds what the query asks.
  std::optional<Match> state_match(Stream& stream) const;
  // The query's JSON against a document, by the link's own rule if its family gives one.
  static bool subset_holds(const Stream& stream, const nlohmann::json& doc);
  // Whether the device impairs the link's wire itself (LinkSpec::device_impairs).
  bool device_impairs(const std::string& device, const std::string& link);
  // Lets time pass to `until` or until `done()`; false if the session's limit came first.
  bool run_until(core::Micros until, const std::function<bool()>& done);
  // A message crossing a device boundary: impairments apply to what devices say, then store().
  void record(LinkMessage message);
  void store(LinkMessage message);
  // Hands the messages stored since the last call to the observer, their streams (and the
  // history).
  void settle();
  void stream(LinkMessage message);
  // Drops what no stream can read any more from the front of a device link's output.
  static void prune(Output& output);
  void sample();      // now, and again every sample_every_ms_
  void sample_now();  // stored when a device changed, else only its time is remembered
  void keep_sample(StateSample sample);

  std::string limit_reached() const;

  std::uint64_t seed_;
  core::Micros limit_;
  std::int64_t sample_every_ms_;
  std::int64_t min_timeout_ms_;
  std::unique_ptr<SessionClock> clock_;
  DeviceFactory factory_;
  const FamilyRegistry& families_;
  std::map<std::string, std::unique_ptr<Device>> devices_;
  bool keep_history_;
  MessageObserver on_message_;
  SampleObserver on_sample_;
  std::vector<LinkMessage> messages_;  // with keep_history_
  std::size_t message_count_ = 0;
  // Stored but not yet handed on: a message sent to a device waits until its delivery is known.
  std::vector<LinkMessage> unsettled_;
  int holding_ = 0;                             // > 0 while a send delivers
  std::map<std::string, Output> outputs_;       // "device|link" -> what its streams can read
  std::map<std::string, std::size_t> cursors_;  // stream key -> next unread position (absolute)
  // Samples are kept where the state changed: an unchanged one is only remembered (its time), and
  // stored, as a copy of the one before, when the next change or the end comes, so plots stay flat
  // up to a change.
  std::vector<StateSample> samples_;  // with keep_history_
  std::optional<StateSample> last_sample_;
  std::optional<std::int64_t> unchanged_since_us_;  // the latest sample time with nothing new
  Impairments impairments_;
};

}  // namespace hil::scenario
