// A climate state as one IR frame for the blaster: Daikin bytes of the entity's model -> pulse
// durations ending on the last mark -> the smallest Tuya code (encode_tuya_smallest).
#pragma once

#include <cstddef>
#include <string>

#include "firmware_core/ir/climate_result.h"
#include "firmware_core/ir/climate_state.h"
#include "firmware_core/ir/daikin_settings.h"

namespace hil::hvac {

struct IrFrame {
  ir::DaikinProtocol protocol = ir::DaikinProtocol::kDaikin;
  std::size_t state_bytes = 0;  // 35 (DAIKIN) or 39 (DAIKIN312)
  std::size_t durations = 0;    // 583 or 643: the train without its final gap
  std::string code;             // Tuya Base64, the value of "ir_code_to_send"
};

// The whole state, power off included, with no extras (powerful, econo, ...) set.
ir::Checked<IrFrame> encode_ir_frame(ir::DaikinProtocol protocol, const ir::ClimateState& state);

// {"ir_code_to_send": "<code>"}
std::string blaster_payload(const IrFrame& frame);

// "DAIKIN frame, 35 bytes, 191-character code": for log lines.
std::string describe(const IrFrame& frame);

}  // namespace hil::hvac
