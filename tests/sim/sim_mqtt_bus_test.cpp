// The in-process broker: wildcard routing, retained messages, wills, sessions that drop and return,
// the offline queue, and deliveries as events at the current instant.
#include "sim/network/sim_mqtt_bus.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/network/mqtt_topic_filter.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::sim {
namespace {

struct Received {
  std::string topic;
  std::string payload;
  bool retained = false;
  bool operator==(const Received& o) const {
    return topic == o.topic && payload == o.payload && retained == o.retained;
  }
};

struct Listener {
  explicit Listener(SimMqttBus& bus, const std::string& name) : client(bus.make_client(name)) {
    client->set_on_message([this](std::string_view topic, std::string_view payload, bool retained) {
      got.push_back({std::string(topic), std::string(payload), retained});
    });
  }
  std::unique_ptr<SimMqttBus::Client> client;
  std::vector<Received> got;
};

TEST(MqttTopicFilter, MatchesLevelsAndWildcards) {
  EXPECT_TRUE(mqtt_topic_matches("a/b", "a/b"));
  EXPECT_FALSE(mqtt_topic_matches("a/b", "a/b/c"));
  EXPECT_FALSE(mqtt_topic_matches("a/b/c", "a/b"));
  EXPECT_TRUE(mqtt_topic_matches("a/+/c", "a/x/c"));
  EXPECT_FALSE(mqtt_topic_matches("a/+", "a/x/c"));
  EXPECT_TRUE(mqtt_topic_matches("a/#", "a"));  // '#' includes the parent level
  EXPECT_TRUE(mqtt_topic_matches("a/#", "a/x/y"));
  EXPECT_TRUE(mqtt_topic_matches("#", "anything/at/all"));
  EXPECT_TRUE(mqtt_topic_matches("+/+", "a/"));  // an empty level is a level
  EXPECT_FALSE(mqtt_topic_matches("+", "a/b"));
}

TEST(SimMqttBus, DeliversToMatchingSubscribersAsAnEventNotDuringThePublish) {
  VirtualScheduler clock;
  SimMqttBus bus(clock);
  Listener a(bus, "a");
  Listener b(bus, "b");
  a.client->subscribe("zigbee2mqtt/+/set", 1);
  b.client->subscribe("other", 0);
  a.client->connect();
  b.client->connect();
  EXPECT_TRUE(b.client->publish("zigbee2mqtt/x/set", "{}", 1, false));
  EXPECT_TRUE(a.got.empty());  // not re-entered from inside publish()
  clock.run_due();
  EXPECT_EQ(a.got, (std::vector<Received>{{"zigbee2mqtt/x/set", "{}", false}}));
  EXPECT_TRUE(b.got.empty());
}

TEST(SimMqttBus, ASenderDoesNotHearItsOwnPublish) {
  VirtualScheduler clock;
  SimMqttBus bus(clock);
  Listener a(bus, "a");
  a.client->subscribe("#", 0);
  a.client->connect();
  a.client->publish("t", "x", 0, false);
  clock.run_due();
  EXPECT_TRUE(a.got.empty());
}

TEST(SimMqttBus, RetainedMessagesReachLaterSubscribersAndAnEmptyOneDeletes) {
  VirtualScheduler clock;
  SimMqttBus bus(clock);
  bus.publish("homeassistant/climate/x/config", "{\"a\":1}", true);
  bus.publish("homeassistant/climate/y/config", "{\"b\":2}", true);
  bus.publish("homeassistant/climate/y/config", "", true);
  Listener ha(bus, "ha");
  ha.client->connect();
  ha.client->subscribe("homeassistant/#", 0);
  clock.run_due();
  EXPECT_EQ(ha.got, (std::vector<Received>{{"homeassistant/climate/x/config", "{\"a\":1}", true}}));
  EXPECT_EQ(bus.retained("homeassistant/climate/y/config"), nullptr);
}

TEST(SimMqttBus, AnUncleanEndPublishesTheWillAndACleanOneDoesNot) {
  VirtualScheduler clock;
  SimMqttBus bus(clock);
  Listener device(bus, "device");
  Listener watcher(bus, "watcher");
  device.client->set_will({"dev/availability", "offline", 1, true});
  watcher.client->subscribe("dev/availability", 1);
  watcher.client->connect();
  device.client->connect();
  device.client->disconnect(true);
  clock.run_due();
  EXPECT_TRUE(watcher.got.empty());
  device.client->connect();
  device.client->disconnect(false);
  clock.run_due();
  EXPECT_EQ(watcher.got, (std::vector<Received>{{"dev/availability", "offline", false}}));
  EXPECT_EQ(*bus.retained("dev/availability"), "offline");
}

TEST(SimMqttBus, PublishesWhileDisconnectedWaitThenGoInOrderOnReconnect) {
  VirtualScheduler clock;
  SimMqttBus bus(clock);
  Listener device(bus, "device");
  Listener watcher(bus, "watcher");
  watcher.client->subscribe("q/#", 0);
  watcher.client->connect();
  for (std::size_t i = 0; i < SimMqttBus::Client::kOfflineQueueLimit; ++i) {
    EXPECT_TRUE(device.client->publish("q/" + std::to_string(i), "", 0, false));
  }
  EXPECT_FALSE(
      device.client->publish("q/over", "", 0, false));  // the queue is full: dropped, and said so
  std::vector<std::string> sent;
  device.client->set_on_sent(
      [&](std::string_view topic, std::string_view, bool) { sent.emplace_back(topic); });
  int connected = 0;
  device.client->set_on_connected([&] { ++connected; });
  device.client->connect();
  clock.run_due();
  EXPECT_EQ(connected, 1);
  ASSERT_EQ(watcher.got.size(), SimMqttBus::Client::kOfflineQueueLimit);
  EXPECT_EQ(watcher.got.front().topic, "q/0");
  EXPECT_EQ(watcher.got.back().topic, "q/31");
  EXPECT_EQ(sent.size(), SimMqttBus::Client::kOfflineQueueLimit);
}

TEST(SimMqttBus, SubscriptionsAreRenewedWithTheirRetainedMessagesOnReconnect) {
  VirtualScheduler clock;
  SimMqttBus bus(clock);
  Listener device(bus, "device");
  device.client->subscribe("state", 0);
  device.client->connect();
  device.client->disconnect(false);
  bus.publish("state", "while away", false);  // a live message while away is not delivered
  bus.publish("state", "kept", true);
  device.client->connect();
  clock.run_due();
  EXPECT_EQ(device.got, (std::vector<Received>{{"state", "kept", true}}));
}

TEST(SimMqttBus, TellsAHandlerWhoSentTheMessage) {
  VirtualScheduler clock;
  SimMqttBus bus(clock);
  Listener device(bus, "device");
  auto injector = bus.make_client("scenario");
  std::vector<std::uint64_t> senders;
  device.client->set_on_message(
      [&](std::string_view, std::string_view, bool) { senders.push_back(bus.delivering_from()); });
  device.client->subscribe("t", 0);
  device.client->connect();
  bus.publish("t", "a", false, injector.get());
  bus.publish("t", "b", false);
  clock.run_due();
  EXPECT_EQ(senders, (std::vector<std::uint64_t>{injector->id(), 0}));
  EXPECT_EQ(bus.delivering_from(), 0u);
}

TEST(SimMqttBus, AClientGoneBeforeItsDeliveryIsSkipped) {
  VirtualScheduler clock;
  SimMqttBus bus(clock);
  auto device = std::make_unique<Listener>(bus, "device");
  device->client->subscribe("t", 0);
  device->client->connect();
  bus.publish("t", "x", false);
  device.reset();
  EXPECT_NO_FATAL_FAILURE(clock.run_due());
}

}  // namespace
}  // namespace hil::sim
