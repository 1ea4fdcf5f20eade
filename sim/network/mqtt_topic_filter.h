// MQTT topic filters (MQTT 3.1.1 section 4.7): levels split on '/', '+' matches one level, '#' the
// rest (including none).
#pragma once

#include <string_view>

namespace hil::sim {

bool mqtt_topic_matches(std::string_view filter, std::string_view topic);

}  // namespace hil::sim
