// Climate state -> Daikin frame -> Tuya code.
#include "firmware_core/hvac/ir_frame.h"

#include <nlohmann/json.hpp>

#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/daikin312.h"
#include "firmware_core/ir/pulse_train.h"
#include "firmware_core/ir/tuya_codec.h"

namespace hil::hvac {

ir::Checked<IrFrame> encode_ir_frame(ir::DaikinProtocol protocol, const ir::ClimateState& state) {
  ir::DaikinSettings settings;
  settings.climate = state;
  const bool is_312 = protocol == ir::DaikinProtocol::kDaikin312;
  const ir::Checked<ir::PulseTrain> train =
      is_312 ? ir::encode_daikin312(settings) : ir::encode_daikin(settings);
  if (!train) return ir::CheckError{train.error()};
  const ir::PulseTrain sent = ir::ending_on_last_mark(*train);
  ir::TuyaEncoded encoded =
      ir::encode_tuya_smallest(sent.durations_us);  // a short code fails less often on blasters
  if (!encoded.ok()) return ir::CheckError{"Tuya encoding failed: " + encoded.problem->message};
  IrFrame frame;
  frame.protocol = protocol;
  frame.state_bytes = is_312 ? ir::kDaikin312StateLength : ir::kDaikinStateLength;
  frame.durations = sent.durations_us.size();
  frame.code = std::move(encoded.code);
  return frame;
}

std::string blaster_payload(const IrFrame& frame) {
  return nlohmann::json{{"ir_code_to_send", frame.code}}.dump();
}

std::string describe(const IrFrame& frame) {
  return std::string(ir::to_string(frame.protocol)) + " frame, " +
         std::to_string(frame.state_bytes) + " bytes, " + std::to_string(frame.code.size()) +
         "-character code";
}

}  // namespace hil::hvac
