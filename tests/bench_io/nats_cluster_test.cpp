// Tests of NatsCluster: real nats-server nodes on free loopback ports, started, watched and
// stopped.
#include "bench/io/nats_cluster.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <optional>
#include <string>

#include "bench/io/mqtt_client.h"
#include "tests/bench_io/io_wait.h"

namespace hil::bench {
namespace {

using testing::run_until;

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0; }

NatsClusterOptions nodes(int count) {
  NatsClusterOptions options;
  options.nodes = count;
  return options;
}

TEST(NatsCluster, ASingleNodeServesMqttAndGoesWithItsFolder) {
  std::string dir;
  pid_t pid = -1;
  {
    NatsCluster cluster(nodes(1));
    std::string error;
    ASSERT_TRUE(cluster.start(error)) << error;
    ASSERT_EQ(cluster.size(), 1U);
    pid = cluster.pid(0);
    dir = cluster.dir();
    EXPECT_TRUE(process_exists(pid));
    EXPECT_EQ(cluster.running_count(), 1U);

    boost::asio::io_context io;
    MqttClientOptions options;
    options.port = cluster.node(0).mqtt_port;
    options.client_id = "hil-nats-cluster-test";
    MqttClient client(io, options);
    std::optional<std::string> received;
    client.set_on_message([&](std::string_view, std::string_view payload, int, bool) {
      received = std::string(payload);
    });
    client.subscribe("hil/nats/echo", 1);
    client.start();
    ASSERT_TRUE(run_until(io, [&] { return client.subscribed(); })) << client.last_error();
    client.publish("hil/nats/echo", "hello", 1, false);
    ASSERT_TRUE(run_until(io, [&] { return received.has_value(); }));
    EXPECT_EQ(*received, "hello");
    client.stop();
    ASSERT_TRUE(run_until(io, [&] { return client.closed(); }));
  }
  EXPECT_FALSE(process_exists(pid));  // stopped and reaped
  EXPECT_NE(::access(dir.c_str(), F_OK), 0);
}

TEST(NatsCluster, ReportsAMissingExecutableAndLeavesNothingRunning) {
  NatsClusterOptions options = nodes(2);
  options.executable = "/nonexistent/nats-server";
  NatsCluster cluster(options);
  std::string error;
  EXPECT_FALSE(cluster.start(error));
  EXPECT_EQ(error.rfind("nats node n", 0), 0U) << error;  // whichever node is found gone first
  EXPECT_NE(error.find("exited with status 127 before it was ready"), std::string::npos) << error;
  EXPECT_EQ(cluster.running_count(), 0U);
}

TEST(NatsCluster, RefusesTenNodes) {
  NatsCluster cluster(nodes(10));
  std::string error;
  EXPECT_FALSE(cluster.start(error));
  EXPECT_EQ(error, "a NATS cluster has 1 to 9 nodes, not 10");
}

TEST(NatsCluster, SaysWhichNodeEndedOnItsOwn) {
  NatsCluster cluster(nodes(1));
  std::string error;
  ASSERT_TRUE(cluster.start(error)) << error;
  boost::asio::io_context io;
  std::optional<std::size_t> ended;
  std::string why;
  cluster.watch_exits(io, [&](std::size_t node, const std::string& how) {
    ended = node;
    why = how;
  });
  const pid_t pid = cluster.pid(0);
  ::kill(pid, SIGKILL);  // our own child
  ASSERT_TRUE(run_until(io, [&] { return ended.has_value(); }));
  EXPECT_EQ(*ended, 0U);
  EXPECT_EQ(why.rfind("nats node n1 (pid " + std::to_string(pid) +
                          ") was killed by signal 9; the end of its log:\n",
                      0),
            0U)
      << why;
  EXPECT_EQ(cluster.running_count(), 0U);
}

}  // namespace
}  // namespace hil::bench
