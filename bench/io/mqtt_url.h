// Broker addresses: parsing mqtt://HOST:PORT and mqtts://HOST:PORT.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "bench/io/mqtt_client.h"

namespace hil::bench {

struct MqttUrl {
  bool tls = false;
  std::string host;  // without the brackets of an IPv6 literal
  std::uint16_t port = 0;

  bool operator==(const MqttUrl& other) const {
    return tls == other.tls && host == other.host && port == other.port;
  }
};

inline constexpr std::uint16_t kMqttDefaultPort = 1883;
inline constexpr std::uint16_t kMqttsDefaultPort = 8883;

// Returns the parsed URL, or nullopt with a human-readable reason in `error`.
// The port defaults to 1883 (mqtt) or 8883 (mqtts); paths, queries and user info are refused.
[[nodiscard]] std::optional<MqttUrl> parse_mqtt_url(std::string_view url, std::string& error);

// Client options for a broker URL and credentials (empty: none), minding NATS 2.9's limits when
// HILBENCH_BROKER_ENGINE=nats (nats_mqtt_limits.h); nullopt and why when the URL or that variable
// is bad.
[[nodiscard]] std::optional<MqttClientOptions> client_options_for(std::string_view url,
                                                                  const std::string& username,
                                                                  const std::string& password,
                                                                  const std::string& tls_ca_file,
                                                                  std::string& error);

}  // namespace hil::bench
