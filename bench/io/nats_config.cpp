// The configuration file of one node of a NATS cluster on loopback with JetStream and an MQTT
// listener, in nats-server 2.9's format (keys from server/opts.go at v2.9.10).
#include "bench/io/nats_config.h"

#include <sstream>

namespace hil::bench {
namespace {

std::string loopback(std::uint16_t port) { return "127.0.0.1:" + std::to_string(port); }

// A quoted string of the config format, which reads backslashes as escapes.
std::string quoted(const std::string& text) {
  std::string result = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') result += '\\';
    result += c;
  }
  return result + '"';
}

}  // namespace

std::string nats_node_config(const NatsNodeConfig& config) {
  std::ostringstream out;
  out << "# A node of a private NATS cluster, written by hilbench.\n"
      << "server_name: " << quoted(config.node.name) << '\n'
      << "listen: " << loopback(config.node.client_port) << '\n'
      << "http: " << loopback(config.node.monitor_port) << '\n'
      << "jetstream {\n"
      << "  store_dir: " << quoted(config.store_dir) << '\n'
      << "  max_memory_store: " << config.max_memory_store << '\n'
      << "  max_file_store: " << config.max_file_store << '\n'
      << "}\n";
  if (!config.cluster_name.empty()) {
    out << "cluster {\n"
        << "  name: " << quoted(config.cluster_name) << '\n'
        << "  listen: " << loopback(config.node.cluster_port) << '\n'
        << "  routes: [\n";
    for (const std::uint16_t port : config.route_ports) {
      out << "    nats-route://" << loopback(port) << '\n';
    }
    out << "  ]\n"
        << "}\n";
  }
  out << "mqtt {\n"
      << "  listen: " << loopback(config.node.mqtt_port) << '\n';
  if (!config.cluster_name.empty()) out << "  stream_replicas: " << config.stream_replicas << '\n';
  if (config.consumer_memory_storage) out << "  consumer_memory_storage: true\n";
  out << "}\n";
  return out.str();
}

}  // namespace hil::bench
