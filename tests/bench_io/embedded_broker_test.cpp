// Tests of EmbeddedBroker: a real mosquitto child on a free loopback port, started and stopped.
#include "bench/io/embedded_broker.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <cerrno>
#include <string>

#include "tests/bench_io/mqtt_peers.h"

namespace hil::bench {
namespace {

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0; }

TEST(EmbeddedBroker, StartsOnAFreePortAndStops) {
  EmbeddedBroker broker;
  std::string error;
  ASSERT_TRUE(broker.start(error)) << error;
  EXPECT_TRUE(broker.running());
  EXPECT_NE(broker.port(), 0);
  EXPECT_EQ(broker.url(), "mqtt://127.0.0.1:" + std::to_string(broker.port()));
  const pid_t pid = broker.pid();
  ASSERT_GT(pid, 0);
  EXPECT_TRUE(process_exists(pid));

  std::string output;
  EXPECT_EQ(testing::publish_with_mosquitto_pub(broker.port(), "hil/ping", "x", 1, false, output),
            0)
      << output;

  broker.stop();
  EXPECT_FALSE(broker.running());
  EXPECT_FALSE(process_exists(pid));  // stopped and reaped
}

TEST(EmbeddedBroker, RestartsOnTheSamePort) {
  EmbeddedBroker broker;
  std::string error;
  ASSERT_TRUE(broker.start(error)) << error;
  const auto port = broker.port();
  broker.stop();
  ASSERT_TRUE(broker.start(error)) << error;
  EXPECT_EQ(broker.port(), port);
}

TEST(EmbeddedBroker, UsesTheGivenPort) {
  std::string error;
  const auto port = find_free_loopback_port(error);
  ASSERT_NE(port, 0) << error;
  EmbeddedBrokerOptions options;
  options.port = port;
  EmbeddedBroker broker(options);
  ASSERT_TRUE(broker.start(error)) << error;
  EXPECT_EQ(broker.port(), port);
}

TEST(EmbeddedBroker, ReportsABadConfigWithTheBrokerLog) {
  EmbeddedBrokerOptions options;
  options.extra_config = {"no_such_option true"};
  EmbeddedBroker broker(options);
  std::string error;
  EXPECT_FALSE(broker.start(error));
  EXPECT_FALSE(broker.running());
  EXPECT_NE(error.find("no_such_option"), std::string::npos) << error;
}

TEST(EmbeddedBroker, ReportsAMissingExecutable) {
  EmbeddedBrokerOptions options;
  options.executable = "/nonexistent/mosquitto";
  EmbeddedBroker broker(options);
  std::string error;
  EXPECT_FALSE(broker.start(error));
  EXPECT_NE(error.find("status 127"), std::string::npos) << error;
}

TEST(EmbeddedBroker, DestructorStopsItAndRemovesItsDirectory) {
  pid_t pid = -1;
  std::string dir;
  {
    EmbeddedBroker broker;
    std::string error;
    ASSERT_TRUE(broker.start(error)) << error;
    pid = broker.pid();
    dir = broker.dir();
  }
  EXPECT_FALSE(process_exists(pid));
  EXPECT_NE(::access(dir.c_str(), F_OK), 0);
}

}  // namespace
}  // namespace hil::bench
