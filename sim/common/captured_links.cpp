// Links that keep what the device sent.
#include "sim/common/captured_links.h"

namespace hil::sim {

bool CapturedMqtt::publish(std::string_view topic, std::string_view payload, int qos, bool retain) {
  published_.push_back(PublishedMessage{scheduler_.now().count(), std::string(topic), std::string(payload), qos, retain});
  if (on_publish) on_publish(published_.back());
  return true;
}

}  // namespace hil::sim
