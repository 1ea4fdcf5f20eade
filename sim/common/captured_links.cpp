// Links that keep what the device sent.
#include "sim/common/captured_links.h"

namespace hil::sim {

bool CapturedMqtt::publish(std::string_view topic, std::string_view payload, int qos, bool retain) {
  PublishedMessage message{scheduler_.now().count(), std::string(topic), std::string(payload), qos,
                           retain};
  if (connected_) {
    record(std::move(message));
    return true;
  }
  return offline_.push(std::move(message));  // full: dropped, as the real client does
}

void CapturedMqtt::set_connected(bool connected) {
  connected_ = connected;
  if (!connected) return;
  offline_.drain([this](PublishedMessage message) {
    message.time_us = scheduler_.now().count();  // it reaches the broker now
    record(std::move(message));
  });
}

void CapturedMqtt::record(PublishedMessage message) {
  if (on_publish) {  // a listener takes it: keeping a copy too would grow without bound
    on_publish(message);
    return;
  }
  published_.push_back(std::move(message));
}

}  // namespace hil::sim
