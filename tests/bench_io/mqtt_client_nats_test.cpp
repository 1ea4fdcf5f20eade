// Tests of MqttClient's nats_compatible option: what it sends, seen through mosquitto, and that a
// real NATS 2.9 node keeps the connection that QoS 2 or a '.' in a topic would otherwise end.
#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bench/io/child_process.h"
#include "bench/io/embedded_broker.h"
#include "bench/io/mqtt_client.h"
#include "bench/io/nats_cluster.h"
#include "bench/log/log_sink.h"
#include "tests/bench_io/io_wait.h"
#include "tests/bench_io/mqtt_peers.h"

namespace hil::bench {
namespace {

using testing::message_line;
using testing::received_lines;
using testing::run_until;
using testing::sub_command;
using testing::subscribed;

struct Received {
  std::string topic;
  std::string payload;
  int qos;
};

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
    ++count;
  }
  return count;
}

// A client on 127.0.0.1:port that records what it receives, how often it lost its connection and
// what it logged.
class Client {
  // First, so the log outlives the client, which logs as it goes.
  std::ostringstream log_;
  LogSink sink_{log_, LogLevel::kDebug};

 public:
  Client(boost::asio::io_context& io, std::uint16_t port, bool nats_compatible,
         const std::string& id) {
    MqttClientOptions options;
    options.port = port;
    options.client_id = id;
    options.nats_compatible = nats_compatible;
    options.log = Logger(sink_, "mqtt");
    mqtt = std::make_unique<MqttClient>(io, options);
    mqtt->set_on_message([this](std::string_view topic, std::string_view payload, int qos, bool) {
      received.push_back({std::string(topic), std::string(payload), qos});
    });
    mqtt->set_on_disconnected([this] { ++disconnects; });
  }
  std::string log() const { return log_.str(); }

  std::unique_ptr<MqttClient> mqtt;
  std::vector<Received> received;
  int disconnects = 0;
};

class NatsCompatibleOnMosquitto : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(broker_.start(error)) << error;
  }

  // Connected and subscribed to hil/nats/# at QoS 2, so what arrives shows the QoS it was sent at.
  void start(Client& client) {
    client.mqtt->subscribe("hil/nats/#", 2);
    client.mqtt->start();
    ASSERT_TRUE(run_until(io_, [&] { return client.mqtt->subscribed(); }))
        << client.mqtt->last_error();
  }

  EmbeddedBroker broker_;
  boost::asio::io_context io_;
};

TEST_F(NatsCompatibleOnMosquitto, SendsQos2AsQos1AndSaysSoOnce) {
  Client client(io_, broker_.port(), true, "hil-nats-qos2");
  start(client);
  EXPECT_TRUE(client.mqtt->publish("hil/nats/discovery", "first", 2, true));
  EXPECT_TRUE(client.mqtt->publish("hil/nats/discovery", "second", 2, true));
  ASSERT_TRUE(run_until(io_, [&] { return client.received.size() == 2; }));
  for (const Received& message : client.received) EXPECT_EQ(message.qos, 1) << message.payload;
  EXPECT_EQ(count_of(client.log(), "NATS 2.9 has no QoS 2"), 1U) << client.log();
  EXPECT_NE(client.log().find("'hil/nats/discovery' and every later QoS 2 publish go at QoS 1"),
            std::string::npos)
      << client.log();
}

TEST_F(NatsCompatibleOnMosquitto, RefusesDotsAndSpacesInTopicsAndSendsNothingForThem) {
  Client client(io_, broker_.port(), true, "hil-nats-topics");
  client.mqtt->set_will({"hil/nats/will.status", "offline", 1, true});
  start(client);
  client.mqtt->subscribe("hil/nats/with space/#", 1);
  ChildProcess sub(io_, sub_command(broker_.port(), "hil/nats/#", 1));
  ASSERT_TRUE(run_until(io_, [&] { return subscribed(sub); })) << sub.output();

  EXPECT_FALSE(client.mqtt->publish("hil/nats/v1.2", "dotted", 1, false));
  EXPECT_FALSE(client.mqtt->publish("hil/nats/a b", "spaced", 0, false));
  EXPECT_TRUE(client.mqtt->publish("hil/nats/plain", "plain", 1, false));
  // mosquitto_sub takes one message and exits: the first one sent must be the plain one.
  ASSERT_TRUE(run_until(io_, [&] { return sub.finished(); })) << sub.output();
  EXPECT_EQ(received_lines(sub),
            std::vector<std::string>{message_line("hil/nats/plain", 1, false, "plain")});
  EXPECT_TRUE(client.mqtt->subscribed());  // the refused subscription was never sent
  EXPECT_EQ(client.disconnects, 0);
  const std::string log = client.log();
  EXPECT_NE(log.find("connecting with no will: NATS 2.9 refuses a '.' in a topic: "
                     "'hil/nats/will.status'"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("not subscribing: NATS 2.9 refuses a space in a topic: "
                     "'hil/nats/with space/#'"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("not publishing: NATS 2.9 refuses a '.' in a topic: 'hil/nats/v1.2'"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("not publishing: NATS 2.9 refuses a space in a topic: 'hil/nats/a b'"),
            std::string::npos)
      << log;
}

TEST_F(NatsCompatibleOnMosquitto, WithoutItQos2AndDottedTopicsGoAsGiven) {
  Client client(io_, broker_.port(), false, "hil-nats-off");
  start(client);
  EXPECT_TRUE(client.mqtt->publish("hil/nats/v1.2", "dotted", 2, false));
  ASSERT_TRUE(run_until(io_, [&] { return !client.received.empty(); }));
  EXPECT_EQ(client.received.front().topic, "hil/nats/v1.2");
  EXPECT_EQ(client.received.front().qos, 2);
  EXPECT_EQ(client.log().find("NATS"), std::string::npos) << client.log();
}

class NatsCompatibleOnNats : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(cluster_.start(error)) << error;
  }

  void start(Client& client) {
    client.mqtt->subscribe("hil/nats/#", 1);
    client.mqtt->start();
    ASSERT_TRUE(run_until(io_, [&] { return client.mqtt->subscribed(); }))
        << client.mqtt->last_error();
  }

  std::uint16_t port() const { return cluster_.node(0).mqtt_port; }

  NatsCluster cluster_{NatsClusterOptions{}};
  boost::asio::io_context io_;
};

// What the option is for: nats-server 2.9.10 ends the connection of a QoS 2 publish.
TEST_F(NatsCompatibleOnNats, WithoutItAQos2PublishCostsTheConnection) {
  Client client(io_, port(), false, "hil-nats-plain-client");
  start(client);
  client.mqtt->publish("hil/nats/exactly-once", "x", 2, false);
  ASSERT_TRUE(run_until(io_, [&] { return client.disconnects == 1; }));
  EXPECT_TRUE(client.received.empty());
}

TEST_F(NatsCompatibleOnNats, WithItTheConnectionOutlivesQos2AndDottedTopics) {
  Client client(io_, port(), true, "hil-nats-compatible-client");
  start(client);
  EXPECT_FALSE(client.mqtt->publish("hil/nats/v1.2", "dotted", 1, false));
  EXPECT_TRUE(client.mqtt->publish("hil/nats/exactly-once", "as QoS 1", 2, false));
  ASSERT_TRUE(run_until(io_, [&] { return !client.received.empty(); }));
  EXPECT_EQ(client.received.front().topic, "hil/nats/exactly-once");
  EXPECT_EQ(client.received.front().payload, "as QoS 1");
  EXPECT_EQ(client.received.front().qos, 1);
  EXPECT_EQ(client.received.size(), 1U);
  EXPECT_EQ(client.disconnects, 0);
  EXPECT_TRUE(client.mqtt->connected());
}

}  // namespace
}  // namespace hil::bench
