// Broker addresses: parsing mqtt://HOST:PORT and mqtts://HOST:PORT.
#include "bench/io/mqtt_url.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "bench/io/nats_mqtt_limits.h"

namespace hil::bench {
namespace {

constexpr std::string_view kPlainScheme = "mqtt://";
constexpr std::string_view kTlsScheme = "mqtts://";

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::optional<std::uint16_t> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return std::nullopt;
  unsigned value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

}  // namespace

std::optional<MqttUrl> parse_mqtt_url(std::string_view url, std::string& error) {
  MqttUrl result;
  std::string_view rest;
  if (starts_with(url, kPlainScheme)) {
    rest = url.substr(kPlainScheme.size());
    result.port = kMqttDefaultPort;
  } else if (starts_with(url, kTlsScheme)) {
    rest = url.substr(kTlsScheme.size());
    result.tls = true;
    result.port = kMqttsDefaultPort;
  } else {
    error = "broker URL must start with mqtt:// or mqtts://: '" + std::string(url) + "'";
    return std::nullopt;
  }
  if (rest.find_first_of("/?#@") != std::string_view::npos) {
    error = "broker URL must be only scheme://HOST[:PORT]: '" + std::string(url) + "'";
    return std::nullopt;
  }

  std::string_view port_text;
  bool has_port = false;
  if (starts_with(rest, "[")) {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) {
      error = "unterminated '[' in broker URL: '" + std::string(url) + "'";
      return std::nullopt;
    }
    result.host = std::string(rest.substr(1, close - 1));
    const std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        error = "unexpected text after ']' in broker URL: '" + std::string(url) + "'";
        return std::nullopt;
      }
      has_port = true;
      port_text = after.substr(1);
    }
  } else {
    const auto colon = rest.find(':');
    result.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      has_port = true;
      port_text = rest.substr(colon + 1);
    }
  }

  if (result.host.empty()) {
    error = "broker URL has no host: '" + std::string(url) + "'";
    return std::nullopt;
  }
  if (std::any_of(result.host.begin(), result.host.end(),
                  [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
    error = "broker host contains white space: '" + std::string(url) + "'";
    return std::nullopt;
  }
  if (has_port) {
    const auto port = parse_port(port_text);
    if (!port) {
      error = "broker port must be a number from 1 to 65535: '" + std::string(url) + "'";
      return std::nullopt;
    }
    result.port = *port;
  }
  return result;
}

std::optional<MqttClientOptions> client_options_for(std::string_view url,
                                                    const std::string& username,
                                                    const std::string& password,
                                                    const std::string& tls_ca_file,
                                                    std::string& error) {
  const auto parsed = parse_mqtt_url(url, error);
  if (!parsed) return std::nullopt;
  const std::optional<bool> nats = nats_compatible_from(std::getenv(kBrokerEngineVariable), error);
  if (!nats) return std::nullopt;
  MqttClientOptions options;
  options.nats_compatible = *nats;
  options.host = parsed->host;
  options.port = parsed->port;
  options.username = username;
  options.password = password;
  options.tls_ca_file = tls_ca_file;
  return options;
}

}  // namespace hil::bench
