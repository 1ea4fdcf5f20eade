// MQTT topic filter matching, level by level without splitting into strings.
#include "sim/network/mqtt_topic_filter.h"

namespace hil::sim {
namespace {

// The level starting at `pos` and where the next one starts (npos after the last).
std::string_view level_at(std::string_view text, std::size_t pos, std::size_t& next) {
  const std::size_t end = text.find('/', pos);
  next = end == std::string_view::npos ? std::string_view::npos : end + 1;
  return text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
}

}  // namespace

bool mqtt_topic_matches(std::string_view filter, std::string_view topic) {
  std::size_t f = 0;
  std::size_t t = 0;
  while (f != std::string_view::npos) {
    std::size_t f_next = 0;
    const std::string_view want = level_at(filter, f, f_next);
    if (want == "#") return true;
    if (t == std::string_view::npos) return false;  // the topic ran out of levels first
    std::size_t t_next = 0;
    const std::string_view have = level_at(topic, t, t_next);
    if (want != "+" && want != have) return false;
    f = f_next;
    t = t_next;
  }
  return t == std::string_view::npos;
}

}  // namespace hil::sim
