// Binds the IR codec (Daikin frames, Tuya codes) as _hilbench.ir; hilbench/ir.py is the public
// face. Nothing here raises for bad input: failures come back as {"error": ...} and ir.py raises
// IrError.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "firmware_core/ir/climate_state.h"
#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/daikin312.h"
#include "firmware_core/ir/daikin_detect.h"
#include "firmware_core/ir/daikin_json.h"
#include "firmware_core/ir/daikin_settings.h"
#include "firmware_core/ir/pulse_train.h"
#include "firmware_core/ir/tuya_codec.h"

namespace py = pybind11;
// Named one by one: the codec's internals (its layout helpers) stay out of this file's scope.
using hil::ir::ClimateState;
using hil::ir::DaikinPreamble;
using hil::ir::DaikinProtocol;
using hil::ir::DaikinSettings;
using hil::ir::OverRange;
using hil::ir::PulseTrain;
using hil::ir::TuyaDecoded;
using hil::ir::TuyaEncoded;

namespace {

py::dict error_dict(const std::string& message) {
  py::dict out;
  out["error"] = message;
  return out;
}

// The same keys and values as `hilbench ir`'s "settings" object (daikin_json.h).
py::dict settings_dict(const DaikinSettings& settings) {
  py::dict out;
  const nlohmann::json json = hil::ir::daikin_settings_json(settings);
  for (const auto& [key, value] : json.items()) {
    if (value.is_boolean()) {
      out[key.c_str()] = value.get<bool>();
    } else if (value.is_number_integer()) {
      out[key.c_str()] = value.get<std::int64_t>();
    } else if (value.is_number()) {
      out[key.c_str()] = value.get<double>();
    } else {
      out[key.c_str()] = value.get<std::string>();
    }
  }
  return out;
}

std::uint32_t carrier_hz(DaikinProtocol protocol) {
  return protocol == DaikinProtocol::kDaikin312 ? hil::ir::kDaikin312CarrierHz
                                                : hil::ir::kDaikinCarrierHz;
}

py::dict frame_dict(DaikinProtocol protocol, DaikinPreamble preamble,
                    const std::vector<std::uint8_t>& state, const DaikinSettings& settings) {
  py::dict out;
  out["protocol"] = hil::ir::protocol_json_name(protocol);
  out["preamble"] = preamble == DaikinPreamble::kLeaderMark ? "leader_mark" : "five_zero_bits";
  out["carrier_hz"] = carrier_hz(protocol);
  out["state"] = py::bytes(reinterpret_cast<const char*>(state.data()), state.size());
  out["settings"] = settings_dict(settings);
  return out;
}

// Durations -> {"code"} or {"error", "index", "value"}; encoder is optimal, smallest, greedy or
// literal.
py::dict ir_encode_tuya(const std::vector<std::uint32_t>& durations_us, const std::string& encoder,
                        bool clamp) {
  const OverRange over_range = clamp ? OverRange::kClamp : OverRange::kReject;
  TuyaEncoded encoded;
  if (encoder == "optimal") {
    encoded = hil::ir::encode_tuya_optimal(durations_us, over_range);
  } else if (encoder == "smallest") {
    encoded = hil::ir::encode_tuya_smallest(durations_us, over_range);
  } else if (encoder == "greedy") {
    encoded = hil::ir::encode_tuya_greedy(durations_us, over_range);
  } else if (encoder == "literal") {
    encoded = hil::ir::encode_tuya_literal_only(durations_us, over_range);
  } else {
    return error_dict("encoder must be optimal, smallest, greedy or literal, not \"" + encoder +
                      "\"");
  }
  if (!encoded.ok()) {
    py::dict out = error_dict(encoded.problem->message);
    out["index"] = encoded.problem->index;
    out["value"] = encoded.problem->value;
    return out;
  }
  py::dict out;
  out["code"] = encoded.code;
  return out;
}

// Code -> {"durations"} or {"error", "offset", "kind"}.
py::dict ir_decode_tuya(std::string_view code) {
  const TuyaDecoded decoded = hil::ir::decode_tuya(code);
  if (!decoded.ok()) {
    py::dict out = error_dict(decoded.problem->message);
    out["offset"] = decoded.problem->offset;
    out["kind"] = hil::ir::to_string(decoded.problem->error);
    return out;
  }
  py::dict out;
  out["durations"] =
      std::vector<std::uint32_t>(decoded.durations_us.begin(), decoded.durations_us.end());
  return out;
}

// Settings -> the frame dict plus "durations" (ending on the last mark, as Tuya codes do), or
// {"error"} naming the first bad value.
py::dict ir_daikin(const std::string& model, const std::string& mode, double temperature_c,
                   const std::string& fan, const std::string& swing, bool power,
                   const py::dict& extras) {
  DaikinProtocol protocol = DaikinProtocol::kDaikin;
  if (model == "daikin312") {
    protocol = DaikinProtocol::kDaikin312;
  } else if (model != "daikin") {
    return error_dict("model must be daikin or daikin312, not \"" + model + "\"");
  }
  ClimateState climate;
  climate.target_c = temperature_c;
  climate.power = power;
  const auto with_mode = hil::ir::with_hvac_mode(climate, mode);
  if (!with_mode) return error_dict(with_mode.error());
  climate = *with_mode;
  if (!power) climate.power = false;
  const auto fan_speed = hil::ir::parse_fan_speed(fan);
  if (!fan_speed) return error_dict(fan_speed.error());
  climate.fan = *fan_speed;
  const auto swing_mode = hil::ir::parse_swing(swing);
  if (!swing_mode) return error_dict(swing_mode.error());
  climate.swing = *swing_mode;

  DaikinSettings settings;
  settings.climate = climate;
  std::pair<const char*, bool*> flags[] = {
      {"powerful", &settings.powerful}, {"quiet", &settings.quiet},
      {"econo", &settings.econo},       {"mold", &settings.mold},
      {"sensor", &settings.sensor},     {"comfort", &settings.comfort}};
  for (const auto& [name, flag] : flags) {
    if (extras.contains(name)) *flag = extras[name].cast<bool>();
  }

  std::vector<std::uint8_t> state;
  PulseTrain train;
  if (protocol == DaikinProtocol::kDaikin312) {
    const auto bytes = hil::ir::encode_daikin312_state(settings);
    if (!bytes) return error_dict(bytes.error());
    state.assign(bytes->begin(), bytes->end());
    train = hil::ir::daikin312_pulse_train(*bytes);
  } else {
    const auto bytes = hil::ir::encode_daikin_state(settings);
    if (!bytes) return error_dict(bytes.error());
    state.assign(bytes->begin(), bytes->end());
    train = hil::ir::daikin_pulse_train(*bytes);
  }
  py::dict out = frame_dict(protocol, DaikinPreamble::kFiveZeroBits, state, settings);
  out["durations"] = hil::ir::ending_on_last_mark(std::move(train)).durations_us;
  return out;
}

// Durations -> the frame dict of whichever Daikin protocol matches, or {"error"} with both reasons.
py::dict ir_decode_daikin(const std::vector<std::uint32_t>& durations_us) {
  const auto frame = hil::ir::decode_any_daikin(durations_us);
  if (!frame) return error_dict(frame.error());
  return frame_dict(frame->protocol, frame->preamble, frame->state, frame->settings);
}

}  // namespace

void bind_ir(py::module_& m) {
  py::module_ ir =
      m.def_submodule("ir", "IR codes: Daikin frames and Tuya codes (use hilbench.ir)");
  ir.def("encode_tuya", &ir_encode_tuya, py::arg("durations"), py::arg("encoder"),
         py::arg("clamp"));
  ir.def("decode_tuya", &ir_decode_tuya, py::arg("code"));
  ir.def("daikin", &ir_daikin, py::arg("model"), py::arg("mode"), py::arg("temperature"),
         py::arg("fan"), py::arg("swing"), py::arg("power"), py::arg("extras"));
  ir.def("decode_daikin", &ir_decode_daikin, py::arg("durations"));
}
