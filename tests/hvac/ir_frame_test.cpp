// Climate state -> Daikin frame -> Tuya code, and back through the decoders.
#include "firmware_core/hvac/ir_frame.h"

#include <gtest/gtest.h>

#include "hvac_test_support.h"

namespace hil::hvac::testing {
namespace {

using ir::DaikinProtocol;

TEST(IrFrame, DaikinFrameDecodesToTheState) {
  const auto state = climate(true, ir::Mode::kCool, 21, ir::FanSpeed::k3, ir::Swing::kVertical);
  const auto frame = encode_ir_frame(DaikinProtocol::kDaikin, state);
  ASSERT_TRUE(frame.ok()) << frame.error();
  EXPECT_EQ(frame->state_bytes, 35u);
  EXPECT_EQ(frame->durations, 583u) << "Tuya codes end on the last mark";
  const ir::DaikinFrame decoded = decode_send(blaster_payload(*frame));
  EXPECT_EQ(decoded.protocol, DaikinProtocol::kDaikin);
  EXPECT_EQ(decoded.settings.climate, state);
  EXPECT_FALSE(decoded.settings.powerful || decoded.settings.econo || decoded.settings.quiet);
}

TEST(IrFrame, Daikin312FrameCarriesHalfDegrees) {
  const auto state = climate(true, ir::Mode::kHeat, 22.5, ir::FanSpeed::kQuiet, ir::Swing::kBoth);
  const auto frame = encode_ir_frame(DaikinProtocol::kDaikin312, state);
  ASSERT_TRUE(frame.ok()) << frame.error();
  EXPECT_EQ(frame->state_bytes, 39u);
  EXPECT_EQ(frame->durations, 643u);
  const ir::DaikinFrame decoded = decode_send(blaster_payload(*frame));
  EXPECT_EQ(decoded.protocol, DaikinProtocol::kDaikin312);
  EXPECT_EQ(decoded.settings.climate, state);
}

TEST(IrFrame, PowerOffIsAFrameWithThePowerBitClear) {
  const auto state = climate(false, ir::Mode::kCool, 24);
  const auto frame = encode_ir_frame(DaikinProtocol::kDaikin, state);
  ASSERT_TRUE(frame.ok());
  const auto decoded = decode_send(blaster_payload(*frame)).settings.climate;
  EXPECT_FALSE(decoded.power);
  EXPECT_EQ(decoded, state);
}

TEST(IrFrame, PayloadIsTheZigbee2MqttShapeAndTheCodeIsSmall) {
  const auto frame = encode_ir_frame(DaikinProtocol::kDaikin, climate(true, ir::Mode::kCool, 21));
  ASSERT_TRUE(frame.ok());
  const json payload = json::parse(blaster_payload(*frame));
  EXPECT_EQ(payload.size(), 1u);
  EXPECT_EQ(payload["ir_code_to_send"], frame->code);
  EXPECT_LT(frame->code.size(), 400u) << "the optimal parse, not literal-only (1604)";
  EXPECT_EQ(describe(*frame),
            "DAIKIN frame, 35 bytes, " + std::to_string(frame->code.size()) + "-character code");
}

TEST(IrFrame, EveryModeFanAndSwingRoundTripsOnBothModels) {
  for (const auto protocol : {DaikinProtocol::kDaikin, DaikinProtocol::kDaikin312}) {
    for (const auto mode : ir::kAllModes) {
      for (const auto fan : ir::kAllFanSpeeds) {
        for (const auto swing : ir::kAllSwings) {
          const auto state = climate(true, mode, 23, fan, swing);
          const auto frame = encode_ir_frame(protocol, state);
          ASSERT_TRUE(frame.ok()) << frame.error();
          EXPECT_EQ(decoded_climate(blaster_payload(*frame)), state) << ir::to_string(state);
        }
      }
    }
  }
}

}  // namespace
}  // namespace hil::hvac::testing
