// When a telemetry sample is news.
#include "firmware_core/supervisor/mcu_telemetry_policy.h"

#include <cmath>
#include <cstdlib>

namespace hil::supervisor {

bool is_news(const Telemetry& last_sent, const Telemetry& now, const ChangeThresholds& thresholds) {
  return last_sent.battery_pct != now.battery_pct || last_sent.unread_ext != now.unread_ext ||
         std::abs(now.pack_mv - last_sent.pack_mv) >= thresholds.pack_mv ||
         std::abs(now.pack_ma - last_sent.pack_ma) >= thresholds.pack_ma ||
         std::fabs(now.mcu_temp_c - last_sent.mcu_temp_c) >= thresholds.mcu_temp_c ||
         now.last_msg_age_s < last_sent.last_msg_age_s;
}

}  // namespace hil::supervisor
