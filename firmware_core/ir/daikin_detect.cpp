// Daikin protocol detection.
#include "firmware_core/ir/daikin_detect.h"

#include <string>
#include <string_view>

#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/daikin312.h"

namespace hil::ir {
namespace {

// Each decoder says "not a DAIKIN... frame: why"; the combined message keeps only the why.
std::string_view reason(const std::string& message) {
  const auto colon = message.find(": ");
  return colon == std::string::npos ? std::string_view(message)
                                    : std::string_view(message).substr(colon + 2);
}

}  // namespace

Checked<DaikinFrame> decode_any_daikin(const std::vector<std::uint32_t>& durations,
                                       int tolerance_pct) {
  // The two never both match: DAIKIN's section 1 ends after 8 bytes, where DAIKIN312's runs on
  // to 20.
  auto daikin = decode_daikin(durations, tolerance_pct);
  if (daikin) return daikin;
  auto daikin312 = decode_daikin312(durations, tolerance_pct);
  if (daikin312) return daikin312;
  std::string message = "not a Daikin frame: as DAIKIN, ";
  message += reason(daikin.error());
  message += "; as DAIKIN312, ";
  message += reason(daikin312.error());
  return CheckError{message};
}

}  // namespace hil::ir
