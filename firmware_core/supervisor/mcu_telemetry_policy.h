// When a telemetry sample is news: the rule behind "telemetry every 2 s (or when a value changes)".
//
// A sample is compared with the last one sent. It is news when
//   - battery_pct or unread_ext differ at all (whole numbers that change rarely),
//   - pack_mv moved by >= 50 mV, pack_ma by >= 100 mA, mcu_temp_c by >= 1.0 C (ADC readings
//     wander by a few counts; a charger plugged in moves the current by hundreds of mA),
//   - last_msg_age_s went down (a mesh message arrived, or clear_unread).
// uptime_s and a last_msg_age_s that only ticks up never count: clocks advancing are not changes,
// and the periodic event already carries them.
#pragma once

#include "firmware_core/supervisor/mcu_values.h"

namespace hil::supervisor {

struct ChangeThresholds {
  int pack_mv = 50;
  int pack_ma = 100;
  double mcu_temp_c = 1.0;
};

bool is_news(const Telemetry& last_sent, const Telemetry& now,
             const ChangeThresholds& thresholds = {});

}  // namespace hil::supervisor
