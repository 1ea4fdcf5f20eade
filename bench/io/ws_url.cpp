// WebSocket addresses: ws://HOST[:PORT][/PATH].
#include "bench/io/ws_url.h"

#include <charconv>

namespace hil::bench {

std::optional<WsUrl> parse_ws_url(std::string_view url, std::string& error) {
  constexpr std::string_view kScheme = "ws://";
  const auto refuse = [&](const std::string& why) -> std::optional<WsUrl> {
    error = "WebSocket URL " + why + ": '" + std::string(url) + "'";
    return std::nullopt;
  };
  if (url.substr(0, kScheme.size()) != kScheme) return refuse("must start with ws://");
  std::string_view rest = url.substr(kScheme.size());
  WsUrl result;
  const std::size_t slash = rest.find('/');
  if (slash != std::string_view::npos) result.target = std::string(rest.substr(slash));
  std::string_view authority = rest.substr(0, slash);
  if (authority.find('@') != std::string_view::npos) return refuse("must not carry user info");
  std::size_t port_at = std::string_view::npos;
  if (!authority.empty() && authority.front() == '[') {
    const std::size_t close = authority.find(']');
    if (close == std::string_view::npos) return refuse("has an unterminated '['");
    result.host = std::string(authority.substr(1, close - 1));
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return refuse("has text after ']'");
      port_at = close + 2;
    }
  } else {
    const std::size_t colon = authority.find(':');
    result.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_at = colon + 1;
  }
  if (result.host.empty()) return refuse("has no host");
  if (port_at != std::string_view::npos) {
    const std::string_view digits = authority.substr(port_at);
    unsigned port = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
    if (ec != std::errc() || end != digits.data() + digits.size() || port == 0 || port > 65535)
      return refuse("has a bad port");
    result.port = static_cast<std::uint16_t>(port);
  }
  return result;
}

}  // namespace hil::bench
