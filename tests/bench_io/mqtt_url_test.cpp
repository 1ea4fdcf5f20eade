// Tests of parse_mqtt_url: accepted forms, default ports and the errors for everything else.
#include "bench/io/mqtt_url.h"

#include <gtest/gtest.h>

#include <string>

namespace hil::bench {
namespace {

MqttUrl parsed(const std::string& url) {
  std::string error;
  const auto result = parse_mqtt_url(url, error);
  EXPECT_TRUE(result.has_value()) << url << ": " << error;
  return result.value_or(MqttUrl{});
}

std::string error_for(const std::string& url) {
  std::string error;
  EXPECT_FALSE(parse_mqtt_url(url, error).has_value()) << url;
  return error;
}

TEST(MqttUrl, PlainWithPort) {
  EXPECT_EQ(parsed("mqtt://127.0.0.1:1884"), (MqttUrl{false, "127.0.0.1", 1884}));
}

TEST(MqttUrl, DefaultPorts) {
  EXPECT_EQ(parsed("mqtt://broker.local"), (MqttUrl{false, "broker.local", 1883}));
  EXPECT_EQ(parsed("mqtts://broker.local"), (MqttUrl{true, "broker.local", 8883}));
}

TEST(MqttUrl, TlsWithPort) {
  EXPECT_EQ(parsed("mqtts://example.com:443"), (MqttUrl{true, "example.com", 443}));
}

TEST(MqttUrl, BracketedIpv6) {
  EXPECT_EQ(parsed("mqtt://[::1]:1883"), (MqttUrl{false, "::1", 1883}));
  EXPECT_EQ(parsed("mqtts://[fe80::1]"), (MqttUrl{true, "fe80::1", 8883}));
}

TEST(MqttUrl, HighestPort) { EXPECT_EQ(parsed("mqtt://h:65535").port, 65535); }

TEST(MqttUrl, RejectsOtherSchemes) {
  EXPECT_NE(error_for("tcp://localhost:1883").find("mqtt://"), std::string::npos);
  error_for("http://localhost");
  error_for("localhost:1883");
  error_for("MQTT://localhost");
  error_for("");
}

TEST(MqttUrl, RejectsMissingHost) {
  EXPECT_NE(error_for("mqtt://").find("no host"), std::string::npos);
  error_for("mqtt://:1883");
  error_for("mqtt://[]:1883");
}

TEST(MqttUrl, RejectsBadPorts) {
  EXPECT_NE(error_for("mqtt://localhost:0").find("1 to 65535"), std::string::npos);
  error_for("mqtt://localhost:65536");
  error_for("mqtt://localhost:99999999");
  error_for("mqtt://localhost:");
  error_for("mqtt://localhost:12a");
  error_for("mqtt://localhost:-1");
  error_for("mqtt://localhost:+1");
}

TEST(MqttUrl, RejectsMalformedIpv6) {
  error_for("mqtt://[::1");
  error_for("mqtt://[::1]1883");
  error_for("mqtt://::1:1883");
}

TEST(MqttUrl, RejectsPathsAndCredentials) {
  error_for("mqtt://localhost:1883/");
  error_for("mqtt://localhost/topic");
  error_for("mqtt://user:pass@localhost");
  error_for("mqtt://localhost?x=1");
  error_for("mqtt://local host");
}

}  // namespace
}  // namespace hil::bench
