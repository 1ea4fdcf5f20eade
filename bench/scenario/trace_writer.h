// Traces as JSON Lines: a header (format, version, seed, clock, devices), then one line per
// message that crossed a device boundary.
#pragma once

#include <ostream>
#include <string>

#include "bench/scenario/runner.h"

namespace hil::scenario {

constexpr int kTraceFormatVersion = 1;

// The header line's object.
nlohmann::ordered_json trace_header(const ScenarioResult& result, std::uint64_t seed,
                                    const std::string& clock);
// One message's line object: t_us, device, link, dir (in|out), kind (line|publish), topic, payload.
nlohmann::ordered_json trace_line(const LinkMessage& message);
void write_trace(std::ostream& out, const ScenarioResult& result, std::uint64_t seed,
                 const std::string& clock);
// The same for messages recorded some other way (a passive recording), under a given header.
void write_trace(std::ostream& out, const nlohmann::ordered_json& header,
                 const std::vector<LinkMessage>& messages);

// Writes the trace of a run as it goes, a line a message.
class TraceStream : public RunObserver {
 public:
  TraceStream(std::ostream& out, std::uint64_t seed) : out_(out), seed_(seed) {}
  void begin(const ScenarioResult& started) override;
  void message(const LinkMessage& message) override;
  void sample(const StateSample&) override {}
  void end(const ScenarioResult&) override;
  // Why the trace could not be written whole ("" when it was): the system's reason, kept from the
  // first write that failed (a full disk: "No space left on device").
  const std::string& failure() const { return failure_; }

 private:
  void check();

  std::ostream& out_;
  std::uint64_t seed_;
  std::string failure_;
};

}  // namespace hil::scenario
