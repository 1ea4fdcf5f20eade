// What Debian's nats-server 2.9 refuses of MQTT 3.1.1, so that our client refuses it first and its
// connection survives.
#include "bench/io/nats_mqtt_limits.h"

namespace hil::bench {

std::string nats_topic_problem(std::string_view topic) {
  // NATS maps '/' to '.' in its subjects and cannot tell a '.' of the topic from a level.
  if (topic.find('.') != std::string_view::npos) {
    return "NATS 2.9 refuses a '.' in a topic: '" + std::string(topic) + "'";
  }
  if (topic.find(' ') != std::string_view::npos) {
    return "NATS 2.9 refuses a space in a topic: '" + std::string(topic) + "'";
  }
  return "";
}

std::optional<bool> nats_compatible_from(const char* engine, std::string& error) {
  const std::string_view name = engine == nullptr ? "" : engine;
  if (name.empty() || name == "mosquitto") return false;
  if (name == "nats") return true;
  error = std::string(kBrokerEngineVariable) + " must be mosquitto or nats, not '" +
          std::string(name) + "'";
  return std::nullopt;
}

}  // namespace hil::bench
