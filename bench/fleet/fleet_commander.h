// The fleet's own host (`hilbench fleet --command-rate R`): one more MQTT client that sends the
// family's harmless command at QoS 1 to the fleet's devices in turn, R a second, and times each
// answer. A command with no answer within the timeout is lost; the answers' round trips give the
// fleet report's percentiles.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "bench/io/mqtt_client.h"
#include "bench/scenario/family.h"

namespace hil::bench {

struct FleetCommanderOptions {
  const scenario::FleetRules* rules = nullptr;  // with a command form
  std::vector<std::string> ids;                 // the devices commanded, in turn
  MqttClientOptions client;                     // the broker the host talks to
  double rate = 10;                             // commands per second
  std::chrono::milliseconds timeout{30'000};    // no answer by then: lost
};

struct FleetCommandCounts {
  std::uint64_t sent = 0;
  std::uint64_t answered = 0;
  std::uint64_t lost = 0;  // not answered within the timeout (a later answer is not counted)
  std::size_t pending = 0;
};

// The p50, p90 and p99 of round trips in milliseconds (zeros when there are none).
struct RoundTripPercentiles {
  double p50 = 0, p90 = 0, p99 = 0;
  std::uint64_t count = 0;
};

// Round trips in buckets 2 % wide from 1 us to about 100 s: percentiles of a run of any length in
// a fixed few kilobytes.
class RoundTripHistogram {
 public:
  void add(double ms);
  RoundTripPercentiles percentiles() const;
  void clear();

 private:
  std::vector<std::uint64_t> buckets_ = std::vector<std::uint64_t>(kBuckets, 0);
  std::uint64_t count_ = 0;
  static constexpr std::size_t kBuckets = 940;
};

class FleetCommander {
 public:
  FleetCommander(boost::asio::io_context& io, FleetCommanderOptions options);
  FleetCommander(const FleetCommander&) = delete;
  FleetCommander& operator=(const FleetCommander&) = delete;

  // Connects; commands go out once the host's subscription to the answers is granted.
  void start();
  void stop();
  bool closed() const { return client_.closed(); }

  FleetCommandCounts counts() const;
  // The round trips of the answers since the last call; and of all answers so far.
  RoundTripPercentiles take_recent();
  RoundTripPercentiles overall() const { return overall_.percentiles(); }

 private:
  void tick();
  void on_answer(std::string_view topic, std::string_view payload);

  FleetCommanderOptions options_;
  MqttClient client_;
  boost::asio::steady_timer timer_;
  std::chrono::steady_clock::time_point last_tick_;
  double credit_ = 0;
  std::size_t next_device_ = 0;
  std::uint64_t next_tag_ = 0;
  // Commands awaiting an answer, by their number (so the oldest come first for the timeout).
  std::map<std::uint64_t, std::chrono::steady_clock::time_point> pending_;
  std::string tag_prefix_;  // this host's own: other shards' hosts see the same answers
  FleetCommandCounts counts_;
  RoundTripHistogram recent_;
  RoundTripHistogram overall_;
};

}  // namespace hil::bench
