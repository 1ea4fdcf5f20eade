// Escaping untrusted bytes for logs and status fields.
#include "firmware_core/audio/printable.h"

namespace hil::audio {

std::string printable(std::string_view text, std::size_t limit) {
  static constexpr char kDigits[] = "0123456789abcdef";
  const std::string_view shown = text.substr(0, limit);
  std::string out;
  out.reserve(shown.size());
  for (const char c : shown) {
    const auto code = static_cast<unsigned char>(c);
    if (code < 0x20 || code > 0x7e) {
      out.append({'\\', 'x', kDigits[code / 16], kDigits[code % 16]});
    } else {
      out.push_back(c);
    }
  }
  if (text.size() > limit) out.append("...");
  return out;
}

}  // namespace hil::audio
