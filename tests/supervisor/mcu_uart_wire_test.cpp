// The simulated UART wire: instant or at the line rate (10 bits a byte), FIFO chunks, and what a
// pulled cable drops.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "sim/supervisor/uart_wire.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::sim {
namespace {

using namespace std::chrono_literals;

struct WireRig {
  WireRig()
      : wire(scheduler, [this](std::string_view bytes) {
          arrived.emplace_back(scheduler.now().count(), std::string(bytes));
        }) {}
  std::string all() const {
    std::string out;
    for (const auto& [at, bytes] : arrived) out += bytes;
    return out;
  }
  VirtualScheduler scheduler;
  std::vector<std::pair<std::int64_t, std::string>> arrived;
  UartWire wire;
};

TEST(UartWire, WithoutALineRateBytesArriveAtOnce) {
  WireRig rig;
  EXPECT_TRUE(rig.wire.send("hello\n"));
  ASSERT_EQ(rig.arrived.size(), 1u);
  EXPECT_EQ(rig.arrived[0], (std::pair<std::int64_t, std::string>{0, "hello\n"}));
}

TEST(UartWire, At115200BaudAByteTakesTenBits) {
  WireRig rig;
  rig.wire.set_baud(115200);
  EXPECT_EQ(rig.wire.crossing_time(1), core::Micros(87));           // 86.8 us, rounded up
  EXPECT_EQ(rig.wire.crossing_time(100), core::Micros(8681));       // 8680.6 us
  EXPECT_EQ(rig.wire.crossing_time(11520), core::Micros(1000000));  // 11,520 bytes a second
}

TEST(UartWire, A100ByteLineArrivesInFifoChunksAtTheLineRate) {
  WireRig rig;
  rig.wire.set_baud(115200);
  const std::string line(99, 'x');
  rig.wire.send(line + "\n");
  EXPECT_TRUE(rig.arrived.empty());
  EXPECT_EQ(rig.wire.bytes_in_flight(), 100u);
  rig.scheduler.advance(1388us);  // 16 bytes need 1388.9 us
  EXPECT_TRUE(rig.arrived.empty());
  rig.scheduler.advance(1us);
  ASSERT_EQ(rig.arrived.size(), 1u);
  EXPECT_EQ(rig.arrived[0].second.size(), UartWire::kFifoBytes);
  rig.scheduler.run_until(core::Micros(8680));
  EXPECT_EQ(rig.all().size(), 96u);  // the last chunk (4 bytes) is still crossing
  rig.scheduler.run_until(core::Micros(8681));
  EXPECT_EQ(rig.all(), line + "\n");
  EXPECT_EQ(rig.arrived.back().first, 8681);
  EXPECT_EQ(rig.arrived.size(), 7u);  // 6 chunks of 16 and one of 4
}

TEST(UartWire, BytesSentWhileBusyQueueBehindAndTheClockDoesNotDrift) {
  WireRig rig;
  rig.wire.set_baud(115200);
  for (int i = 0; i < 1152; ++i) rig.wire.send("0123456789");  // 11,520 bytes, one write at a time
  rig.scheduler.run_until(core::Micros(999999));
  EXPECT_LT(rig.all().size(), 11520u);
  rig.scheduler.run_until(core::Micros(1000000));
  EXPECT_EQ(rig.all().size(), 11520u);  // exactly one second, not 11,520 roundings of 86.8 us
}

TEST(UartWire, ACutDropsWhatIsInFlightAndWhatIsSentUntilJoined) {
  WireRig rig;
  rig.wire.set_baud(115200);
  rig.wire.send(std::string(64, 'a'));
  rig.scheduler.advance(2ms);  // 23 bytes crossed: the first chunk arrived
  rig.wire.cut();
  EXPECT_TRUE(rig.wire.is_cut());
  EXPECT_FALSE(rig.wire.send("lost"));
  rig.scheduler.advance(1s);
  EXPECT_EQ(rig.all(), std::string(16, 'a'));
  EXPECT_EQ(rig.wire.dropped_bytes(), 48u + 4u);
  rig.wire.join();
  rig.wire.send("ok\n");
  rig.scheduler.advance(1ms);
  EXPECT_EQ(rig.all(), std::string(16, 'a') + "ok\n");
}

}  // namespace
}  // namespace hil::sim
