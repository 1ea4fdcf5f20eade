// A private NATS cluster on 127.0.0.1 (Debian's nats-server 2.9): one child process per node, each
// with JetStream, an MQTT listener and a folder of its own, for tests and demos across brokers.
#pragma once

#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bench/io/logged_child.h"
#include "bench/io/nats_config.h"
#include "bench/io/nats_readiness.h"
#include "bench/io/private_dir.h"

namespace hil::bench {

struct NatsClusterOptions {
  int nodes = 1;           // 1 (a single server) to kMaxNodes
  std::string executable;  // empty: /usr/sbin/nats-server, else `nats-server` on PATH
  std::string cluster_name = "hilbench";
};

class NatsCluster {
 public:
  static constexpr int kMaxNodes = 9;

  // Creates the cluster's folder; start() runs it.
  explicit NatsCluster(NatsClusterOptions options);
  // Stops every node and removes the folder.
  ~NatsCluster();
  NatsCluster(const NatsCluster&) = delete;
  NatsCluster& operator=(const NatsCluster&) = delete;

  // Takes free loopback ports, writes each node's config and store folder, starts the nodes and
  // waits (up to 30 s) until every node serves MQTT with JetStream (see nats_readiness.h). False
  // with a reason, including the end of a failed node's log, if they do not; nothing is left
  // running then.
  [[nodiscard]] bool start(std::string& error);
  // Every node at once: SIGTERM, then SIGKILL after 5 s.
  void stop();
  // Calls `on_exit` from `io` with the node's index and how it ended, with the end of its log,
  // when a node ends without stop().
  void watch_exits(boost::asio::io_context& io,
                   const std::function<void(std::size_t node, const std::string& why)>& on_exit);

  std::size_t size() const { return nodes_.size(); }
  const NatsNode& node(std::size_t i) const { return nodes_[i]; }
  pid_t pid(std::size_t i) const { return processes_[i]->pid(); }
  std::size_t running_count() const;
  // How long start() waited for the nodes (see NatsReadyTimes).
  const NatsReadyTimes& ready_times() const { return ready_times_; }
  // The folder holding each node's config, log and JetStream store (n1/, n2/, ...).
  const std::string& dir() const { return dir_.path(); }

 private:
  bool write_configs(std::string& error);
  // "nats node n2 (pid 123) <how>; the end of its log: ...".
  std::string describe_end(std::size_t i, pid_t pid, const std::string& how) const;
  // A node's end during start(), described; "" while every node runs.
  std::string first_end();

  NatsClusterOptions options_;
  PrivateDir dir_;
  std::vector<NatsNode> nodes_;
  std::vector<std::unique_ptr<LoggedChild>> processes_;
  NatsReadyTimes ready_times_;
};

}  // namespace hil::bench
