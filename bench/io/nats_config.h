// The configuration file of one node of a NATS cluster on loopback with JetStream and an MQTT
// listener, in nats-server 2.9's format (keys from server/opts.go at v2.9.10).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hil::bench {

struct NatsNode {
  std::string name;  // its server_name, which MQTT requires (server/mqtt.go)
  std::uint16_t client_port = 0;
  std::uint16_t cluster_port = 0;
  std::uint16_t mqtt_port = 0;
  std::uint16_t monitor_port = 0;

  std::string mqtt_url() const { return "mqtt://127.0.0.1:" + std::to_string(mqtt_port); }
  std::string nats_url() const { return "nats://127.0.0.1:" + std::to_string(client_port); }
  std::string monitor_url() const { return "http://127.0.0.1:" + std::to_string(monitor_port); }
};

struct NatsNodeConfig {
  NatsNode node;
  std::string store_dir;                   // JetStream's files
  std::string cluster_name;                // empty: a single node, with no cluster block
  std::vector<std::uint16_t> route_ports;  // the peers' cluster ports
  // Replicas of the MQTT streams. Set explicitly: 2.9 otherwise counts the routes, which is 2 on a
  // 3-node cluster whose routes name only the peers (mqttDetermineReplicas).
  int stream_replicas = 1;
  // The MQTT sessions' consumers keep their state in memory, still replicated: on files, every
  // QoS 1 subscription is a Raft group writing its own log, and a few thousand of them at once
  // stall JetStream on a small machine.
  bool consumer_memory_storage = true;
  // JetStream takes 75% of the RAM and 1 TB of disk when unlimited (jetstream.go).
  std::string max_memory_store = "256M";
  std::string max_file_store = "1G";
};

// The text of the node's config file.
std::string nats_node_config(const NatsNodeConfig& config);

}  // namespace hil::bench
