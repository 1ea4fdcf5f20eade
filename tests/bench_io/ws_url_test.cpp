// ws://HOST[:PORT][/PATH] parsing: what the device's --url takes and what it refuses.
#include "bench/io/ws_url.h"

#include <gtest/gtest.h>

namespace hil::bench {
namespace {

TEST(WsUrl, TakesHostPortAndPath) {
  std::string error;
  const auto url = parse_ws_url("ws://127.0.0.1:8765/ws/3?x=1", error);
  ASSERT_TRUE(url) << error;
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 8765);
  EXPECT_EQ(url->target, "/ws/3?x=1");
}

TEST(WsUrl, DefaultsToPort80AndTheRootPath) {
  std::string error;
  const auto url = parse_ws_url("ws://[::1]", error);
  ASSERT_TRUE(url) << error;
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 80);
  EXPECT_EQ(url->target, "/");
}

TEST(WsUrl, RefusesOtherSchemesBadPortsAndNoHost) {
  for (const char* bad : {"wss://h/ws", "http://h/", "ws://:80/ws", "ws://h:0/ws", "ws://h:65536/",
                          "ws://h:8x/", "ws://u@h/", "ws://[::1/"}) {
    std::string error;
    EXPECT_FALSE(parse_ws_url(bad, error)) << bad;
    EXPECT_NE(error.find(bad), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace hil::bench
