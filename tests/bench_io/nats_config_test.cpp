// Golden configs of NATS nodes: a single server, and a node of a 3-node cluster whose routes name
// its peers and whose MQTT streams ask for 3 replicas.
#include "bench/io/nats_config.h"

#include <gtest/gtest.h>

namespace hil::bench {
namespace {

NatsNodeConfig node_config() {
  NatsNodeConfig config;
  config.node = {"n1", 4222, 6222, 1883, 8222};
  config.store_dir = "/tmp/hil \"x\"/n1/jetstream";
  return config;
}

TEST(NatsConfig, ASingleServerHasNoClusterBlock) {
  EXPECT_EQ(nats_node_config(node_config()),
            "# A node of a private NATS cluster, written by hilbench.\n"
            "server_name: \"n1\"\n"
            "listen: 127.0.0.1:4222\n"
            "http: 127.0.0.1:8222\n"
            "jetstream {\n"
            "  store_dir: \"/tmp/hil \\\"x\\\"/n1/jetstream\"\n"
            "  max_memory_store: 256M\n"
            "  max_file_store: 1G\n"
            "}\n"
            "mqtt {\n"
            "  listen: 127.0.0.1:1883\n"
            "  consumer_memory_storage: true\n"
            "}\n");
}

TEST(NatsConfig, AClusterNodeRoutesToItsPeersWithThreeStreamReplicas) {
  NatsNodeConfig config = node_config();
  config.cluster_name = "hilbench";
  config.route_ports = {6223, 6224};
  config.stream_replicas = 3;
  EXPECT_EQ(nats_node_config(config),
            "# A node of a private NATS cluster, written by hilbench.\n"
            "server_name: \"n1\"\n"
            "listen: 127.0.0.1:4222\n"
            "http: 127.0.0.1:8222\n"
            "jetstream {\n"
            "  store_dir: \"/tmp/hil \\\"x\\\"/n1/jetstream\"\n"
            "  max_memory_store: 256M\n"
            "  max_file_store: 1G\n"
            "}\n"
            "cluster {\n"
            "  name: \"hilbench\"\n"
            "  listen: 127.0.0.1:6222\n"
            "  routes: [\n"
            "    nats-route://127.0.0.1:6223\n"
            "    nats-route://127.0.0.1:6224\n"
            "  ]\n"
            "}\n"
            "mqtt {\n"
            "  listen: 127.0.0.1:1883\n"
            "  stream_replicas: 3\n"
            "  consumer_memory_storage: true\n"
            "}\n");
}

TEST(NatsConfig, NodeUrlsAreOnLoopback) {
  const NatsNode node = node_config().node;
  EXPECT_EQ(node.mqtt_url(), "mqtt://127.0.0.1:1883");
  EXPECT_EQ(node.nats_url(), "nats://127.0.0.1:4222");
  EXPECT_EQ(node.monitor_url(), "http://127.0.0.1:8222");
}

}  // namespace
}  // namespace hil::bench
