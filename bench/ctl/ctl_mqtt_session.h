// The host CLI over MQTT: console-syntax commands published as envelopes, responses followed by
// the cmd_id the node allocated.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <deque>
#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <string>

#include "bench/io/mqtt_client.h"

namespace hil::ctl {

enum class CtlResult { kOk = 0, kFailed = 1, kTimedOut = 3 };

class CtlMqttSession {
 public:
  CtlMqttSession(boost::asio::io_context& io, bench::MqttClientOptions options,
                 std::string node_id);
  ~CtlMqttSession();

  bool connect(std::chrono::milliseconds timeout, std::string& error);
  // Runs one console line (a ';' batch is sent as separate commands), printing what comes back.
  CtlResult run(std::string_view line, std::ostream& out, std::chrono::milliseconds timeout);

 private:
  CtlResult run_one(std::string_view text, std::ostream& out, std::chrono::milliseconds timeout);

  boost::asio::io_context& io_;
  std::string node_id_;
  std::unique_ptr<bench::MqttClient> client_;
  std::deque<nlohmann::json> inbox_;
  std::set<std::string> known_ids_;  // cmd_ids seen before: never adopted by a new command
};

}  // namespace hil::ctl
