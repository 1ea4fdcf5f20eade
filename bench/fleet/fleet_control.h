// The control messages of `hilbench fleet` (JSON, one a line on its stdin, or one a message on its
// control topic), each answered with one JSON document:
//   {"cut": 10, "for_ms": 5000}   10 % of the devices lose their connection for 5 s (the broker
//                                  publishes their wills), then dial again
//   {"power_cycle": 5}            5 % are powered off and on (flash kept)
//   {"reconnect_storm": true}     every device loses its connection and dials again at once
//   {"report": true}              the counters (and commands) now
#pragma once

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bench/fleet/fleet.h"
#include "bench/fleet/fleet_report.h"
#include "bench/io/mqtt_client.h"

namespace hil::bench {

// Applies one control message; the answer says what was done ({"ok": true, ...}) or why not
// ({"ok": false, "error": ...}).
nlohmann::json apply_control(Fleet& fleet, const FleetReporter& reporter, std::string_view line);

// `--control-topic T`: control messages on T, each answered on T/answer. Every shard subscribed to
// one topic acts on its own share of the fleet.
class FleetControlTopic {
 public:
  FleetControlTopic(boost::asio::io_context& io, MqttClientOptions client, std::string topic,
                    Fleet& fleet, const FleetReporter& reporter);
  void start();
  void stop();
  bool closed() const { return client_.closed(); }

 private:
  MqttClient client_;
  std::string topic_;
};

}  // namespace hil::bench
