// Waiting for a NATS cluster we started to serve MQTT: every node's /healthz answers ok (on a
// cluster only once the node knows JetStream's meta leader: monitor.go's healthz in 2.9.10), then
// every node accepts an MQTT connection. The first of those creates the account's MQTT streams,
// which would otherwise slow the first user's connect (nats-server#3450).
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "bench/io/nats_config.h"

namespace hil::bench {

struct NatsReadyTimes {
  std::chrono::milliseconds healthy{0};  // until the last node's /healthz said ok
  std::chrono::milliseconds serving{0};  // until the last node accepted an MQTT connection
};

// Blocks until every node serves (true, and how long each stage took), until `deadline` (false,
// and what each node that is not ready said last), or until `ended()` says a node has ended
// (false, and what it said). `ended()` returns "" while every node runs.
bool wait_until_nats_ready(const std::vector<NatsNode>& nodes,
                           std::chrono::steady_clock::time_point deadline,
                           const std::function<std::string()>& ended, NatsReadyTimes& times,
                           std::string& error);

}  // namespace hil::bench
