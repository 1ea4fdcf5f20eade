// How expect steps recognise messages: regexes on text, JSON subsets on payloads, MQTT topic
// filters, captures into variables and ${name} substitution.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace hil::scenario {

// Captured values keep their JSON type (a captured est_ms is the number 550); regex groups are
// strings.
using Variables = std::map<std::string, nlohmann::json>;

// Replaces ${name} with its value as text (strings without quotes); nullopt and the name in
// `missing` if one is not defined. With `regex_escape`, values match literally inside a regex.
std::optional<std::string> substitute(const std::string& text, const Variables& vars,
                                      std::string& missing, bool regex_escape = false);
// The same through every string of a JSON value; a string that is exactly "${name}" becomes the
// variable's value with its type, so {actual_ms: "${est}"} compares numbers.
std::optional<nlohmann::json> substitute(const nlohmann::json& value, const Variables& vars,
                                         std::string& missing);

// True when every key of `expected` is in `actual` with a matching value (recursively);
// arrays match element by element and must have the same length.
bool json_contains(const nlohmann::json& actual, const nlohmann::json& expected);

// The value at a dot path ("result.est_ms", "errors.0.code").
std::optional<nlohmann::json> json_path(const nlohmann::json& doc, const std::string& path);

}  // namespace hil::scenario
