// `hilbench broker --engine nats [--cluster N]`: a NATS cluster on loopback until SIGINT/SIGTERM.
#include "bench/cli/nats_broker.h"

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "bench/cli/run_until_signal.h"
#include "bench/io/nats_cluster.h"

namespace hil::cli {
namespace {

nlohmann::json ready_line(const bench::NatsCluster& cluster) {
  nlohmann::json nodes = nlohmann::json::array();
  for (std::size_t i = 0; i < cluster.size(); ++i) {
    const bench::NatsNode& node = cluster.node(i);
    nodes.push_back({{"name", node.name},
                     {"url", node.mqtt_url()},
                     {"nats_url", node.nats_url()},
                     {"cluster_port", node.cluster_port},
                     {"monitor_url", node.monitor_url()},
                     {"pid", cluster.pid(i)}});
  }
  // The first node's MQTT listener where the mosquitto line has the broker's.
  const bench::NatsNode& first = cluster.node(0);
  return {{"ready", true},           {"engine", "nats"}, {"url", first.mqtt_url()},
          {"port", first.mqtt_port}, {"nodes", nodes},   {"hilbench_pid", ::getpid()}};
}

}  // namespace

int serve_nats_broker(int nodes, const bench::Logger& log) {
  // Before the cluster: the nodes' exit watches are bound to it, and a node still watched when a
  // lost quorum stops the loop must be stopped (by ~NatsCluster) while the io_context is still
  // there.
  boost::asio::io_context io;
  bench::NatsClusterOptions options;
  options.nodes = nodes;
  bench::NatsCluster cluster(options);
  std::string error;
  if (!cluster.start(error)) {
    log.error(error);
    return 1;
  }
  const bench::NatsReadyTimes& times = cluster.ready_times();
  log.info(std::to_string(cluster.size()) + " NATS node(s) in " + cluster.dir() +
           ": JetStream healthy after " + std::to_string(times.healthy.count()) +
           " ms, MQTT accepted on every node after " + std::to_string(times.serving.count()) +
           " ms");
  auto guard = boost::asio::make_work_guard(io);
  int exit_code = 0;
  // A cluster serves on while JetStream keeps its quorum (a majority of the nodes), so the failover
  // of clients can be watched; the end still shows in the exit code.
  const std::size_t quorum = cluster.size() / 2 + 1;
  cluster.watch_exits(io, [&](std::size_t /*node*/, const std::string& why) {
    log.error(why);
    exit_code = 1;
    const std::size_t running = cluster.running_count();
    const std::string count = std::to_string(running) + " of " + std::to_string(cluster.size());
    if (running >= quorum) {
      log.warning("serving on with " + count + " nodes (JetStream needs " + std::to_string(quorum) +
                  "); the exit code will be 1");
      return;
    }
    if (cluster.size() > 1) {
      log.error(count + " nodes run, fewer than JetStream's quorum of " + std::to_string(quorum) +
                ": stopping");
    }
    io.stop();
  });
  serve_until_signal(io, ready_line(cluster).dump(), [&] {
    guard.reset();
    cluster.stop();
  });
  return exit_code;
}

}  // namespace hil::cli
