// The MQTT port: what the firmware needs of a broker connection.
#pragma once

#include <string>
#include <string_view>

namespace hil::core {

struct MqttWill {
  std::string topic;
  std::string payload;
  int qos = 0;
  bool retain = false;
};

class MqttLink {
 public:
  virtual ~MqttLink() = default;
  // Queues or sends a message; returns false if it was dropped (offline queue full).
  virtual bool publish(std::string_view topic, std::string_view payload, int qos, bool retain) = 0;
  virtual void subscribe(std::string_view topic, int qos) = 0;
  // Sets the last will used by the next (re)connection; a will with an empty topic clears it.
  virtual void set_will(const MqttWill& will) = 0;
  virtual bool connected() const = 0;
};

}  // namespace hil::core
