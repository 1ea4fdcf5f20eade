// Fuzz target: arbitrary text as a Tuya IR code; what decodes must survive an optimal re-encode.
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "firmware_core/ir/tuya_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view code(reinterpret_cast<const char*>(data), size);
  const hil::ir::TuyaDecoded decoded = hil::ir::decode_tuya(code);
  if (!decoded.ok()) {
    if (decoded.problem->message.empty() || !decoded.durations_us.empty())
      std::abort();  // a refusal says why
    return 0;
  }
  const std::vector<std::uint32_t> wide(decoded.durations_us.begin(), decoded.durations_us.end());
  for (const hil::ir::TuyaEncoded& encoded :
       {hil::ir::encode_tuya_optimal(wide), hil::ir::encode_tuya_literal_only(wide)}) {
    if (!encoded.ok()) std::abort();  // 16-bit durations always fit
    const hil::ir::TuyaDecoded again = hil::ir::decode_tuya(encoded.code);
    if (!again.ok() || again.durations_us != decoded.durations_us) std::abort();
  }
  return 0;
}
