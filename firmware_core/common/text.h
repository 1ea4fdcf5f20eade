// Small string helpers the protocol parsers share: case folding, trimming, strict integers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hil::core {

std::string to_upper(std::string_view text);
std::string_view trim(std::string_view text);
bool iequals(std::string_view a, std::string_view b);
// Parses an optionally signed decimal integer with nothing else around it.
std::optional<std::int64_t> parse_int(std::string_view text);
// Splits on `separator`, ignoring separators inside double quotes (with \" and \\ escapes).
std::vector<std::string_view> split_unquoted(std::string_view text, char separator);
// Removes surrounding double quotes and resolves \" and \\; nullopt if the quoting is broken.
std::optional<std::string> unquote(std::string_view text);
// Wraps a value in double quotes, escaping " and \ .
std::string quote(std::string_view text);
// True when every byte sequence is well-formed UTF-8.
bool valid_utf8(std::string_view text);
// C0 controls, DEL and C1 controls: what moves a cursor, ends a line or drives a terminal.
bool is_control(std::uint32_t code_point);
// True when a control character is in the text (bytes that are not UTF-8 are not looked at).
bool has_control(std::string_view text);
// The text safe to print on a console or terminal: controls as \n, \r, \t or \xNN, bytes that
// are not UTF-8 as \xNN, everything else as it is; so a peer's text cannot start a line of its own
// or drive the terminal it is shown on.
std::string printable(std::string_view text);
// printable() of the first `limit` bytes, with "..." when there were more: a flood stays one short
// line.
std::string printable_excerpt(std::string_view text, std::size_t limit);

}  // namespace hil::core
