// Tests of MqttClient against a real mosquitto, with mosquitto_sub and mosquitto_pub as peers.
#include "bench/io/mqtt_client.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bench/io/child_process.h"
#include "bench/io/embedded_broker.h"
#include "tests/bench_io/io_wait.h"
#include "tests/bench_io/mqtt_peers.h"
#include "tests/bench_io/temp_dir.h"

namespace hil::bench {
namespace {

using hil::bench::ChildProcess;
using testing::message_line;
using testing::received_lines;
using testing::run_until;
using testing::sub_command;
using testing::subscribed;

struct Message {
  std::string topic;
  std::string payload;
  int qos;
  bool retain;
};

// Collects what a client receives.
struct Inbox {
  void attach(MqttClient& client) {
    client.set_on_message(
        [this](std::string_view topic, std::string_view payload, int qos, bool retain) {
          messages.push_back({std::string(topic), std::string(payload), qos, retain});
        });
  }
  std::vector<std::string> payloads() const {
    std::vector<std::string> result;
    for (const Message& m : messages) result.push_back(m.payload);
    return result;
  }
  std::vector<Message> messages;
};

class MqttClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(broker_.start(error)) << error;
  }

  MqttClientOptions options_for(const std::string& client_id) const {
    MqttClientOptions options;
    options.host = "127.0.0.1";
    options.port = broker_.port();
    options.client_id = client_id;
    return options;
  }

  // Subscribes, then proves the broker has the subscription by sending a probe through it.
  void subscribe_and_confirm(MqttClient& client, Inbox& inbox, const std::string& prefix) {
    client.subscribe(prefix + "/#", 1);
    ASSERT_TRUE(run_until(io_, [&] { return client.connected(); }));
    client.publish(prefix + "/probe", "probe", 1, false);
    ASSERT_TRUE(run_until(io_, [&] { return !inbox.messages.empty(); }));
    inbox.messages.clear();
  }

  // Starts mosquitto_sub, reading it on `loop`, and waits for its SUBACK.
  std::unique_ptr<ChildProcess> start_sub(boost::asio::io_context& loop, const std::string& topic,
                                          int count) {
    auto sub = std::make_unique<ChildProcess>(loop, sub_command(broker_.port(), topic, count));
    EXPECT_TRUE(sub->started());
    EXPECT_TRUE(run_until(loop, [&] { return subscribed(*sub); })) << sub->output();
    return sub;
  }
  std::unique_ptr<ChildProcess> start_sub(const std::string& topic, int count) {
    return start_sub(io_, topic, count);
  }

  // Runs `loop` until mosquitto_sub exits; returns the messages it printed.
  std::vector<std::string> finish(ChildProcess& sub, boost::asio::io_context& loop) {
    EXPECT_TRUE(run_until(loop, [&] { return sub.finished(); })) << sub.output();
    EXPECT_EQ(sub.wait(), 0) << sub.output();
    return received_lines(sub);
  }
  std::vector<std::string> finish(ChildProcess& sub) { return finish(sub, io_); }

  EmbeddedBroker broker_;
  boost::asio::io_context io_;
};

TEST_F(MqttClientTest, ConnectsAndReportsIt) {
  MqttClient client(io_, options_for("hil-connect"));
  int connected_calls = 0;
  client.set_on_connected([&] { ++connected_calls; });
  EXPECT_FALSE(client.connected());
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); })) << client.last_error();
  EXPECT_EQ(connected_calls, 1);
  EXPECT_EQ(client.last_error(), "");
}

TEST_F(MqttClientTest, PublishesToMosquittoSubWithQos1) {
  MqttClient client(io_, options_for("hil-pub"));
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); })) << client.last_error();

  auto sub = start_sub("hil/out/#", 2);
  EXPECT_TRUE(client.publish("hil/out/status", "{\"state\":\"idle\"}", 1, false));
  EXPECT_TRUE(client.publish("hil/out/status", "second", 0, false));
  EXPECT_EQ(finish(*sub), (std::vector<std::string>{
                              message_line("hil/out/status", 1, false, "{\"state\":\"idle\"}"),
                              message_line("hil/out/status", 0, false, "second")}));
}

TEST_F(MqttClientTest, RetainedPublishReachesALaterSubscriber) {
  MqttClient client(io_, options_for("hil-retain"));
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); })) << client.last_error();
  Inbox inbox;
  inbox.attach(client);
  // Our own retained message coming back proves the broker stored it.
  subscribe_and_confirm(client, inbox, "hil/retained");
  EXPECT_TRUE(client.publish("hil/retained/version", "1.2.3", 1, true));
  ASSERT_TRUE(run_until(io_, [&] { return !inbox.messages.empty(); }));

  ChildProcess sub(io_, sub_command(broker_.port(), "hil/retained/version", 1));
  EXPECT_EQ(finish(sub),
            std::vector<std::string>{message_line("hil/retained/version", 1, true, "1.2.3")});
}

TEST_F(MqttClientTest, ReceivesFromMosquittoPub) {
  MqttClient client(io_, options_for("hil-sub"));
  Inbox inbox;
  inbox.attach(client);
  client.start();
  subscribe_and_confirm(client, inbox, "hil/in");

  std::string output;
  ASSERT_EQ(testing::publish_with_mosquitto_pub(broker_.port(), "hil/in/cmd", "{\"go\":1}", 1,
                                                false, output),
            0)
      << output;
  ASSERT_TRUE(run_until(io_, [&] { return inbox.messages.size() == 1; }));
  EXPECT_EQ(inbox.messages[0].topic, "hil/in/cmd");
  EXPECT_EQ(inbox.messages[0].payload, "{\"go\":1}");
  EXPECT_EQ(inbox.messages[0].qos, 1);
  EXPECT_FALSE(inbox.messages[0].retain);
}

TEST_F(MqttClientTest, ReceivesRetainedMessagesOnSubscribe) {
  std::string output;
  ASSERT_EQ(testing::publish_with_mosquitto_pub(broker_.port(), "hil/config/mode", "cool", 1, true,
                                                output),
            0)
      << output;
  MqttClient client(io_, options_for("hil-retained-sub"));
  Inbox inbox;
  inbox.attach(client);
  client.subscribe("hil/config/#", 1);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return inbox.messages.size() == 1; }));
  EXPECT_EQ(inbox.messages[0].topic, "hil/config/mode");
  EXPECT_EQ(inbox.messages[0].payload, "cool");
  EXPECT_EQ(inbox.messages[0].qos, 1);
  EXPECT_TRUE(inbox.messages[0].retain);
}

TEST_F(MqttClientTest, LastWillIsSentWhenTheConnectionDiesAbruptly) {
  auto sub = start_sub("hil/node/status", 1);
  MqttClient client(io_, options_for("hil-will"));
  client.set_will({"hil/node/status", "offline", 1, false});
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); })) << client.last_error();

  ASSERT_EQ(testing::shutdown_connections_to(broker_.port()), 1);
  EXPECT_EQ(finish(*sub),
            std::vector<std::string>{message_line("hil/node/status", 1, false, "offline")});
}

TEST_F(MqttClientTest, CleanStopDoesNotSendTheWill) {
  auto sub = start_sub("hil/node/status", 1);
  MqttClient client(io_, options_for("hil-no-will"));
  bool disconnected = false;
  client.set_on_disconnected([&] { disconnected = true; });
  client.set_will({"hil/node/status", "offline", 1, false});
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); })) << client.last_error();
  client.stop();
  ASSERT_TRUE(run_until(io_, [&] { return disconnected; }));

  // The first thing the subscriber sees is this marker, not the will.
  std::string output;
  ASSERT_EQ(testing::publish_with_mosquitto_pub(broker_.port(), "hil/node/status", "marker", 1,
                                                false, output),
            0)
      << output;
  EXPECT_EQ(finish(*sub),
            std::vector<std::string>{message_line("hil/node/status", 1, false, "marker")});
}

TEST_F(MqttClientTest, SubscribedMeansTheBrokerAcknowledgedEverySubscription) {
  MqttClient client(io_, options_for("hil-suback"));
  Inbox inbox;
  inbox.attach(client);
  client.subscribe("hil/suback/a", 1);
  client.subscribe("hil/suback/b", 0);
  EXPECT_FALSE(client.subscribed());
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.subscribed(); })) << client.last_error();
  // No probe first: once subscribed() holds, the very next publish by anyone arrives.
  std::string output;
  ASSERT_EQ(testing::publish_with_mosquitto_pub(broker_.port(), "hil/suback/b", "first", 0, false,
                                                output),
            0)
      << output;
  ASSERT_TRUE(run_until(io_, [&] { return inbox.messages.size() == 1; }));
  EXPECT_EQ(inbox.payloads(), std::vector<std::string>{"first"});
}

TEST_F(MqttClientTest, StopSendsWhatIsInFlightBeforeTheDisconnect) {
  auto sub = start_sub("hil/bye/#", 2);
  MqttClient client(io_, options_for("hil-bye"));
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); })) << client.last_error();
  EXPECT_TRUE(client.publish("hil/bye/status", "offline", 1, false));
  EXPECT_TRUE(client.publish("hil/bye/note", "bye", 0, false));
  client.stop();
  ASSERT_TRUE(run_until(io_, [&] { return client.closed(); }));
  EXPECT_EQ(client.in_flight(), 0u);
  EXPECT_EQ(finish(*sub),
            (std::vector<std::string>{message_line("hil/bye/status", 1, false, "offline"),
                                      message_line("hil/bye/note", 0, false, "bye")}));
}

TEST_F(MqttClientTest, ReconnectsResubscribesAndFlushesTheOfflineQueueInOrder) {
  MqttClient client(io_, options_for("hil-reconnect"));
  Inbox inbox;
  inbox.attach(client);
  int connects = 0;
  bool disconnected = false;
  client.set_on_connected([&] { ++connects; });
  client.set_on_disconnected([&] { disconnected = true; });
  client.start();
  subscribe_and_confirm(client, inbox, "hil/queue");

  broker_.stop();
  ASSERT_TRUE(run_until(io_, [&] { return disconnected; }));
  EXPECT_FALSE(client.connected());
  std::vector<std::string> expected;
  for (int i = 0; i < 5; ++i) {
    expected.push_back("offline " + std::to_string(i));
    EXPECT_TRUE(client.publish("hil/queue/data", expected.back(), 1, false));
  }
  EXPECT_EQ(client.queued(), 5u);

  std::string error;
  ASSERT_TRUE(broker_.start(error)) << error;
  // The peer runs on a loop of its own: the client, which is waiting on io_ to reconnect, cannot
  // come back and flush before the peer has subscribed.
  boost::asio::io_context peer_loop;
  auto sub = start_sub(peer_loop, "hil/queue/data", 5);
  ASSERT_TRUE(run_until(io_, [&] { return inbox.messages.size() == 5; })) << client.last_error();
  EXPECT_EQ(connects, 2);
  EXPECT_EQ(client.queued(), 0u);
  EXPECT_EQ(inbox.payloads(), expected);  // re-subscribed before the flush, so ours came back
  std::vector<std::string> expected_lines;
  for (const std::string& payload : expected) {
    expected_lines.push_back(message_line("hil/queue/data", 1, false, payload));
  }
  EXPECT_EQ(finish(*sub, peer_loop), expected_lines);
}

TEST_F(MqttClientTest, OfflineQueueKeeps32AndDropsTheRest) {
  MqttClient client(io_, options_for("hil-limit"));
  Inbox inbox;
  inbox.attach(client);
  client.subscribe("hil/limit/#", 1);
  int accepted = 0;
  for (int i = 0; i < 40; ++i) {
    if (client.publish("hil/limit/n", std::to_string(i), 1, false)) ++accepted;
  }
  EXPECT_EQ(accepted, 32);
  EXPECT_EQ(client.queued(), 32u);

  auto sub = start_sub("hil/limit/n", 32);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return inbox.messages.size() == 32; })) << client.last_error();
  std::vector<std::string> expected;
  std::vector<std::string> expected_lines;
  for (int i = 0; i < 32; ++i) {
    expected.push_back(std::to_string(i));
    expected_lines.push_back(message_line("hil/limit/n", 1, false, expected.back()));
  }
  EXPECT_EQ(inbox.payloads(), expected);
  EXPECT_EQ(finish(*sub), expected_lines);
}

TEST_F(MqttClientTest, RetriesUntilTheBrokerAppears) {
  std::string error;
  const auto port = find_free_loopback_port(error);
  ASSERT_NE(port, 0) << error;
  MqttClientOptions options = options_for("hil-late-broker");
  options.port = port;
  MqttClient client(io_, options);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return !client.last_error().empty(); }));
  EXPECT_FALSE(client.connected());

  EmbeddedBrokerOptions broker_options;
  broker_options.port = port;
  EmbeddedBroker late_broker(broker_options);
  ASSERT_TRUE(late_broker.start(error)) << error;
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); })) << client.last_error();
  EXPECT_EQ(client.last_error(), "");
}

TEST_F(MqttClientTest, DestroyingAConnectedClientDisconnectsCleanly) {
  auto sub = start_sub("hil/node/status", 2);
  auto client = std::make_unique<MqttClient>(io_, options_for("hil-destroy"));
  client->set_will({"hil/node/status", "offline", 1, false});
  client->start();
  ASSERT_TRUE(run_until(io_, [&] { return client->connected(); })) << client->last_error();
  client->publish("hil/node/status", "bye", 1, false);
  client.reset();

  // No will: after "bye" the subscriber's next message is this marker.
  std::string output;
  ASSERT_EQ(testing::publish_with_mosquitto_pub(broker_.port(), "hil/node/status", "marker", 1,
                                                false, output),
            0)
      << output;
  // Running the loop also completes the cancelled waits, which must not touch the dead client.
  EXPECT_EQ(finish(*sub),
            (std::vector<std::string>{message_line("hil/node/status", 1, false, "bye"),
                                      message_line("hil/node/status", 1, false, "marker")}));
}

class MqttPasswordTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string password_file = secrets_.file("passwords");
    std::string output;
    ASSERT_EQ(run_command({"mosquitto_passwd", "-b", "-c", password_file, "rig", "s3cret"}, output),
              0)
        << output;
    EmbeddedBrokerOptions options;
    options.allow_anonymous = false;
    options.extra_config = {"password_file " + password_file};
    broker_ = std::make_unique<EmbeddedBroker>(options);
    std::string error;
    ASSERT_TRUE(broker_->start(error)) << error;
  }

  MqttClientOptions login(const std::string& user, const std::string& password) const {
    MqttClientOptions options;
    options.port = broker_->port();
    options.client_id = "hil-login-" + user + "-" + password;
    options.username = user;
    options.password = password;
    return options;
  }

  testing::TempDir secrets_;
  std::unique_ptr<EmbeddedBroker> broker_;
  boost::asio::io_context io_;
};

TEST_F(MqttPasswordTest, RightPasswordConnects) {
  MqttClient client(io_, login("rig", "s3cret"));
  Inbox inbox;
  inbox.attach(client);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); })) << client.last_error();
  client.subscribe("hil/auth", 1);
  client.publish("hil/auth", "ok", 1, false);
  ASSERT_TRUE(run_until(io_, [&] { return inbox.messages.size() == 1; }));
}

TEST_F(MqttPasswordTest, WrongPasswordDoesNotConnect) {
  MqttClient client(io_, login("rig", "guess"));
  bool connected = false;
  client.set_on_connected([&] { connected = true; });
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return !client.last_error().empty(); }));
  EXPECT_FALSE(connected);
  EXPECT_FALSE(client.connected());
  EXPECT_NE(client.last_error().find("not authorised"), std::string::npos) << client.last_error();
}

TEST_F(MqttPasswordTest, AnonymousDoesNotConnect) {
  MqttClientOptions options = login("", "");
  options.client_id = "hil-anonymous";
  MqttClient client(io_, options);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return !client.last_error().empty(); }));
  EXPECT_FALSE(client.connected());
}

}  // namespace
}  // namespace hil::bench
