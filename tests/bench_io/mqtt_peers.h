// The reference MQTT peers of the client tests: mosquitto_sub and mosquitto_pub, run as programs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/io/child_process.h"

namespace hil::bench::testing {

// mosquitto_sub at QoS 1 that exits after `count` messages (or 10 s), printing each message as
// message_line() does. Extra arguments (e.g. TLS options) go at the end.
std::vector<std::string> sub_command(std::uint16_t port, const std::string& topic, int count,
                                     const std::vector<std::string>& extra = {});
// True once mosquitto_sub has its SUBACK.
bool subscribed(const ChildProcess& sub);
// The message lines of mosquitto_sub's output, in order.
std::vector<std::string> received_lines(const ChildProcess& sub);
std::string message_line(const std::string& topic, int qos, bool retain,
                         const std::string& payload);

// Publishes one message with mosquitto_pub; returns its exit status (output in `output`).
int publish_with_mosquitto_pub(std::uint16_t port, const std::string& topic,
                               const std::string& payload, int qos, bool retain,
                               std::string& output);

// Shuts down (without closing) every socket of this process connected to 127.0.0.1:port, so the
// peer sees the connection end without an MQTT DISCONNECT. Returns how many it shut down.
int shutdown_connections_to(std::uint16_t port);

}  // namespace hil::bench::testing
