// Tests of what NATS 2.9 refuses in topics, and of reading HILBENCH_BROKER_ENGINE's value.
#include "bench/io/nats_mqtt_limits.h"

#include <gtest/gtest.h>

namespace hil::bench {
namespace {

TEST(NatsTopicProblem, TakesTopicsOfLevelsAndWildcards) {
  for (const char* topic : {"devices/abc/cmd", "homeassistant/climate/ac/config", "a/+/c", "#",
                            "$SYS/x", "with-dash_and_underscore"}) {
    EXPECT_EQ(nats_topic_problem(topic), "") << topic;
  }
}

TEST(NatsTopicProblem, RefusesADotOrASpaceAnywhere) {
  EXPECT_EQ(nats_topic_problem("fw/v1.2"), "NATS 2.9 refuses a '.' in a topic: 'fw/v1.2'");
  EXPECT_EQ(nats_topic_problem("."), "NATS 2.9 refuses a '.' in a topic: '.'");
  EXPECT_EQ(nats_topic_problem("living room/temp"),
            "NATS 2.9 refuses a space in a topic: 'living room/temp'");
  EXPECT_EQ(nats_topic_problem("a/b "), "NATS 2.9 refuses a space in a topic: 'a/b '");
}

TEST(NatsCompatibleFrom, MosquittoOrUnsetMeansNo) {
  std::string error;
  EXPECT_EQ(nats_compatible_from(nullptr, error), false);
  EXPECT_EQ(nats_compatible_from("", error), false);
  EXPECT_EQ(nats_compatible_from("mosquitto", error), false);
  EXPECT_EQ(error, "");
}

TEST(NatsCompatibleFrom, NatsMeansYes) {
  std::string error;
  EXPECT_EQ(nats_compatible_from("nats", error), true);
}

TEST(NatsCompatibleFrom, AnythingElseIsRefusedByName) {
  std::string error;
  EXPECT_EQ(nats_compatible_from("NATS", error), std::nullopt);
  EXPECT_EQ(error, "HILBENCH_BROKER_ENGINE must be mosquitto or nats, not 'NATS'");
  EXPECT_EQ(nats_compatible_from("rabbitmq", error), std::nullopt);
}

}  // namespace
}  // namespace hil::bench
