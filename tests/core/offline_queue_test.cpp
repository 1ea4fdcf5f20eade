// The offline queue every MQTT link shares (the bench's libmosquitto client, the in-process
// broker's clients, the captured link of rigs): order kept, the newest refused past the limit.
#include "firmware_core/common/offline_queue.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hil::core {
namespace {

TEST(OfflineQueue, HandsOverInOrderAndIsEmptyAfter) {
  OfflineQueue<std::string> queue(4);
  ASSERT_TRUE(queue.push("a"));
  ASSERT_TRUE(queue.push("b"));
  std::vector<std::string> sent;
  queue.drain([&](std::string message) { sent.push_back(std::move(message)); });
  EXPECT_EQ(sent, (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(queue.empty());
}

TEST(OfflineQueue, RefusesTheNewestPastItsLimitAndKeepsTheOldest) {
  OfflineQueue<int> queue(2);
  EXPECT_TRUE(queue.push(1));
  EXPECT_TRUE(queue.push(2));
  EXPECT_FALSE(queue.push(3));
  EXPECT_EQ(queue.size(), 2u);
  std::vector<int> sent;
  queue.drain([&](int message) { sent.push_back(message); });
  EXPECT_EQ(sent, (std::vector<int>{1, 2}));
}

TEST(OfflineQueue, AMessagePushedWhileDrainingGoesAfterTheOnesWaiting) {
  OfflineQueue<int> queue(8);
  ASSERT_TRUE(queue.push(1));
  ASSERT_TRUE(queue.push(2));
  std::vector<int> sent;
  queue.drain([&](int message) {
    sent.push_back(message);
    if (message == 1) {
      EXPECT_TRUE(queue.push(3));  // a send that makes another while the link returns
    }
  });
  EXPECT_EQ(sent, (std::vector<int>{1, 2, 3}));
}

}  // namespace
}  // namespace hil::core
