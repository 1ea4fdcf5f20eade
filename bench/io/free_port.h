// Free TCP ports on 127.0.0.1 for the servers we start (brokers, NATS nodes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hil::bench {

// Asks the kernel for a loopback port that is free now; returns 0 and `error` on failure.
std::uint16_t find_free_loopback_port(std::string& error);
// `count` different loopback ports that are free now; empty and `error` on failure.
std::vector<std::uint16_t> find_free_loopback_ports(std::size_t count, std::string& error);

}  // namespace hil::bench
