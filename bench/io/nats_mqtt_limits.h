// What Debian's nats-server 2.9 refuses of MQTT 3.1.1, so that our client refuses it first and its
// connection survives: a topic with '.' or ' ' (a publish or a will closes the connection, a
// subscribe gets SUBACK 0x80) and a QoS 2 publish (closes the connection; QoS 2 came in 2.10).
// Learned from server/mqtt.go at v2.9.10 and checked against the server.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hil::bench {

// The environment variable that tells a process's MQTT clients the broker's engine: "mosquitto"
// (or unset) or "nats". It is inherited by every process a suite or a rig starts, which a flag on
// each command would not be; a URL cannot say it (both engines speak mqtt://).
inline constexpr const char* kBrokerEngineVariable = "HILBENCH_BROKER_ENGINE";
// The highest QoS a NATS 2.9 broker takes in a PUBLISH.
inline constexpr int kNatsMaxQos = 1;

// "" when NATS 2.9 takes the topic; else why not.
std::string nats_topic_problem(std::string_view topic);

// Whether clients must keep to NATS 2.9's limits, from the variable's value (nullptr: unset);
// nullopt and why for a value that names no engine.
std::optional<bool> nats_compatible_from(const char* engine, std::string& error);

}  // namespace hil::bench
