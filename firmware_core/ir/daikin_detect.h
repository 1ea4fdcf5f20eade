// Which Daikin protocol a captured pulse train speaks: tries DAIKIN, then DAIKIN312.
#pragma once

#include <cstdint>
#include <vector>

#include "firmware_core/ir/climate_result.h"
#include "firmware_core/ir/daikin_settings.h"
#include "firmware_core/ir/pulse_train.h"

namespace hil::ir {

// The frame of whichever protocol matched (frame.protocol says which), or both reasons for
// refusing: "not a Daikin frame: as DAIKIN, ...; as DAIKIN312, ...".
Checked<DaikinFrame> decode_any_daikin(const std::vector<std::uint32_t>& durations,
                                       int tolerance_pct = kDefaultTolerancePct);

}  // namespace hil::ir
