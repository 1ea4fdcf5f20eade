// Small string helpers the protocol parsers share.
#include "firmware_core/common/text.h"

#include <limits>

namespace hil::core {

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  text = trim(text);
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 18) return std::nullopt;  // 18 digits cannot overflow
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

std::vector<std::string_view> split_unquoted(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  bool in_quotes = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes && c == '\\') {
      ++i;  // the escaped character never ends a quote or a part
    } else if (c == '"') {
      in_quotes = !in_quotes;
    } else if (c == separator && !in_quotes) {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

std::optional<std::string> unquote(std::string_view text) {
  text = trim(text);
  if (text.empty() || text.front() != '"') return std::string(text);
  if (text.size() < 2 || text.back() != '"') return std::nullopt;
  std::string out;
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c == '\\') {
      if (i + 2 >= text.size()) return std::nullopt;
      c = text[++i];
      if (c != '"' && c != '\\') return std::nullopt;
    } else if (c == '"') {
      return std::nullopt;
    }
    out.push_back(c);
  }
  return out;
}

std::string quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

namespace {

struct CodePoint {
  std::uint32_t code = 0;
  std::size_t length = 0;  // 0: the bytes at that place are not UTF-8
};

// The well-formed UTF-8 sequence that starts at `i`.
CodePoint decode_utf8(std::string_view text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  std::size_t extra = 0;
  std::uint32_t code = 0;
  if (b < 0x80) return CodePoint{b, 1};
  if ((b & 0xE0) == 0xC0) {
    extra = 1;
    code = b & 0x1F;
  } else if ((b & 0xF0) == 0xE0) {
    extra = 2;
    code = b & 0x0F;
  } else if ((b & 0xF8) == 0xF0) {
    extra = 3;
    code = b & 0x07;
  } else {
    return {};
  }
  if (i + extra >= text.size()) return {};
  for (std::size_t k = 1; k <= extra; ++k) {
    const auto c = static_cast<unsigned char>(text[i + k]);
    if ((c & 0xC0) != 0x80) return {};
    code = (code << 6) | (c & 0x3F);
  }
  const std::uint32_t min_code[] = {0, 0x80, 0x800, 0x10000};
  if (code < min_code[extra] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return {};
  return CodePoint{code, extra + 1};
}

void append_hex_escape(std::string& out, unsigned char byte) {
  static const char kDigits[] = "0123456789abcdef";
  out += "\\x";
  out += kDigits[byte >> 4];
  out += kDigits[byte & 0x0F];
}

}  // namespace

bool valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint point = decode_utf8(text, i);
    if (point.length == 0) return false;
    i += point.length;
  }
  return true;
}

bool is_control(std::uint32_t code) { return code < 0x20 || (code >= 0x7F && code <= 0x9F); }

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint point = decode_utf8(text, i);
    if (point.length == 0) {
      append_hex_escape(out, static_cast<unsigned char>(text[i++]));
      continue;
    }
    if (point.code == '\n') {
      out += "\\n";
    } else if (point.code == '\r') {
      out += "\\r";
    } else if (point.code == '\t') {
      out += "\\t";
    } else if (is_control(point.code)) {
      // A C1 control is two bytes in UTF-8; its code point (below 0x100) names it.
      append_hex_escape(out, static_cast<unsigned char>(point.code));
    } else {
      out.append(text.substr(i, point.length));
    }
    i += point.length;
  }
  return out;
}

std::string printable_excerpt(std::string_view text, std::size_t limit) {
  return printable(text.substr(0, limit)) + (text.size() > limit ? "..." : "");
}

bool has_control(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint point = decode_utf8(text, i);
    if (point.length == 0) {
      ++i;
      continue;
    }
    if (is_control(point.code)) return true;
    i += point.length;
  }
  return false;
}

}  // namespace hil::core
