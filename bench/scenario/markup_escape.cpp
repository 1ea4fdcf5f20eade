// Escaping text for XML and HTML reports.
#include "bench/scenario/markup_escape.h"

#include <cstdio>

namespace hil::scenario {

std::string escape_markup(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') {
          char code[8];
          std::snprintf(code, sizeof code, "\\x%02x", static_cast<unsigned char>(c));
          out += code;
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

}  // namespace hil::scenario
