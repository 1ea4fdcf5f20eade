// A private NATS cluster on 127.0.0.1 (Debian's nats-server 2.9): one child process per node, each
// with JetStream, an MQTT listener and a folder of its own, for tests and demos across brokers.
#include "bench/io/nats_cluster.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <utility>

#include "bench/io/free_port.h"

namespace hil::bench {
namespace {

// Three nodes take about a second to elect JetStream's meta leader on an idle machine; a loaded one
// with several clusters starting side by side needs more.
constexpr std::chrono::seconds kStartDeadline{30};
// Nodes of a cluster hand over their JetStream assets before they exit.
constexpr std::chrono::seconds kStopGrace{5};
constexpr std::size_t kPortsPerNode = 4;
// Beyond three, replicas cost and add nothing for tests (JetStream's own advice).
constexpr int kMaxStreamReplicas = 3;

}  // namespace

NatsCluster::NatsCluster(NatsClusterOptions options)
    : options_(std::move(options)), dir_("hilbench-nats") {}

NatsCluster::~NatsCluster() { stop(); }

bool NatsCluster::start(std::string& error) {
  if (!processes_.empty()) return true;
  if (options_.nodes < 1 || options_.nodes > kMaxNodes) {
    error = "a NATS cluster has 1 to " + std::to_string(kMaxNodes) + " nodes, not " +
            std::to_string(options_.nodes);
    return false;
  }
  if (dir().empty()) {
    error = "cannot create a temp directory for the NATS cluster";
    return false;
  }
  if (!write_configs(error)) return false;
  const std::string executable = find_server_program(options_.executable, "/usr/sbin/nats-server");
  for (const NatsNode& node : nodes_) {
    const std::string folder = dir_.file(node.name);
    processes_.push_back(std::make_unique<LoggedChild>(folder + "/nats.log"));
    if (!processes_.back()->spawn({executable, "-c", folder + "/nats.conf"}, error)) {
      stop();
      return false;
    }
  }
  const auto ended = [this] { return first_end(); };
  if (!wait_until_nats_ready(nodes_, std::chrono::steady_clock::now() + kStartDeadline, ended,
                             ready_times_, error)) {
    stop();
    return false;
  }
  return true;
}

bool NatsCluster::write_configs(std::string& error) {
  const auto count = static_cast<std::size_t>(options_.nodes);
  const std::vector<std::uint16_t> ports = find_free_loopback_ports(count * kPortsPerNode, error);
  if (ports.empty()) return false;
  nodes_.clear();
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint16_t* mine = &ports[i * kPortsPerNode];
    nodes_.push_back({"n" + std::to_string(i + 1), mine[0], mine[1], mine[2], mine[3]});
  }
  for (const NatsNode& node : nodes_) {
    NatsNodeConfig config;
    config.node = node;
    const std::string folder = dir_.file(node.name);
    config.store_dir = folder + "/jetstream";
    if (count > 1) {
      config.cluster_name = options_.cluster_name;
      for (const NatsNode& peer : nodes_) {
        if (peer.name != node.name) config.route_ports.push_back(peer.cluster_port);
      }
      config.stream_replicas = std::min(options_.nodes, kMaxStreamReplicas);
    }
    std::error_code ec;
    std::filesystem::create_directories(config.store_dir, ec);
    std::ofstream out(folder + "/nats.conf", std::ios::trunc);
    out << nats_node_config(config);
    out.close();
    if (ec || !out) {
      error = "cannot write the config of NATS node " + node.name + " in " + folder;
      return false;
    }
  }
  return true;
}

std::string NatsCluster::describe_end(std::size_t i, pid_t pid, const std::string& how) const {
  return "nats node " + nodes_[i].name + " (pid " + std::to_string(pid) + ") " + how +
         "; the end of its log:\n" + processes_[i]->log_tail();
}

std::string NatsCluster::first_end() {
  for (std::size_t i = 0; i < processes_.size(); ++i) {
    const pid_t pid = processes_[i]->pid();
    std::string how;
    if (processes_[i]->reap(how)) return describe_end(i, pid, how + " before it was ready");
  }
  return "";
}

void NatsCluster::watch_exits(
    boost::asio::io_context& io,
    const std::function<void(std::size_t node, const std::string& why)>& on_exit) {
  for (std::size_t i = 0; i < processes_.size(); ++i) {
    const pid_t pid = processes_[i]->pid();
    processes_[i]->watch_exit(io, [this, i, pid, on_exit](const std::string& how) {
      on_exit(i, describe_end(i, pid, how));
    });
  }
}

std::size_t NatsCluster::running_count() const {
  return static_cast<std::size_t>(std::count_if(
      processes_.begin(), processes_.end(),
      [](const std::unique_ptr<LoggedChild>& process) { return process->running(); }));
}

void NatsCluster::stop() {
  for (const auto& process : processes_) process->terminate();
  for (const auto& process : processes_) process->stop(kStopGrace);
  processes_.clear();
}

}  // namespace hil::bench
