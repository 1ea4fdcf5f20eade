// WebSocket addresses: parsing ws://HOST[:PORT][/PATH] (RFC 6455 section 3; no TLS: wss:// is
// refused).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hil::bench {

struct WsUrl {
  std::string host;          // a name or a numeric address (an IPv6 one without its brackets)
  std::uint16_t port = 80;   // RFC 6455's default for ws://
  std::string target = "/";  // the path and query, as the request line carries them
};

// The parsed URL, or nullopt with a reason in `error`.
[[nodiscard]] std::optional<WsUrl> parse_ws_url(std::string_view url, std::string& error);

}  // namespace hil::bench
