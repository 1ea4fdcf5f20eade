// Message impairments on links.
#include "bench/scenario/impairments.h"

#include <algorithm>

namespace hil::scenario {

Fate Impairments::decide(const std::string& device, const std::string& link, std::int64_t now_us) {
  active_.erase(std::remove_if(active_.begin(), active_.end(),
                               [now_us](const Impairment& i) { return i.until_us <= now_us; }),
                active_.end());
  Fate fate;
  for (const Impairment& impairment : active_) {
    if (impairment.link != link || (!impairment.device.empty() && impairment.device != device))
      continue;
    const bool hit = std::uniform_real_distribution<double>(0.0, 1.0)(random_) < impairment.share;
    if (!hit) continue;
    if (impairment.kind == "drop") fate.dropped = true;
    if (impairment.kind == "duplicate") fate.copies = 2;
    if (impairment.kind == "delay") fate.delay_us = std::max(fate.delay_us, impairment.delay_us);
    if (impairment.kind == "corrupt") fate.corrupted = true;
  }
  return fate;
}

std::string Impairments::corrupt(std::string payload) {
  if (payload.empty()) return std::string(1, static_cast<char>(random_() & 0xFF));
  const auto at = static_cast<std::size_t>(random_() % payload.size());
  payload[at] = static_cast<char>(payload[at] ^ (1U << (random_() % 8)));
  return payload;
}

}  // namespace hil::scenario
