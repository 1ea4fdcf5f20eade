// How expect steps recognise messages.
#include "bench/scenario/matching.h"

namespace hil::scenario {
namespace {

std::string escape_regex(const std::string& text) {
  static const std::string kSpecial = R"(\^$.|?*+()[]{})";
  std::string out;
  for (char c : text) {
    if (kSpecial.find(c) != std::string::npos) out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto at = text.find(separator, start);
    parts.push_back(text.substr(start, at - start));
    if (at == std::string::npos) return parts;
    start = at + 1;
  }
}

}  // namespace

std::optional<std::string> substitute(const std::string& text, const Variables& vars,
                                      std::string& missing, bool regex_escape) {
  std::string out;
  std::size_t pos = 0;
  while (true) {
    const auto start = text.find("${", pos);
    if (start == std::string::npos) break;
    const auto end = text.find('}', start);
    if (end == std::string::npos) break;
    out += text.substr(pos, start - pos);
    const std::string name = text.substr(start + 2, end - start - 2);
    const auto it = vars.find(name);
    if (it == vars.end()) {
      missing = name;
      return std::nullopt;
    }
    const std::string value =
        it->second.is_string() ? it->second.get<std::string>() : it->second.dump();
    out += regex_escape ? escape_regex(value) : value;
    pos = end + 1;
  }
  return out + text.substr(pos);
}

std::optional<nlohmann::json> substitute(const nlohmann::json& value, const Variables& vars,
                                         std::string& missing) {
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    if (text.size() > 3 && text.rfind("${", 0) == 0 && text.back() == '}' &&
        text.find('}') == text.size() - 1) {
      const auto it = vars.find(text.substr(2, text.size() - 3));
      if (it != vars.end()) return it->second;
    }
    const auto replaced = substitute(text, vars, missing);
    if (!replaced) return std::nullopt;
    return nlohmann::json(*replaced);
  }
  if (!value.is_structured()) return value;
  nlohmann::json out = value;
  for (auto it = out.begin(); it != out.end(); ++it) {
    auto replaced = substitute(it.value(), vars, missing);
    if (!replaced) return std::nullopt;
    it.value() = std::move(*replaced);
  }
  return out;
}

bool json_contains(const nlohmann::json& actual, const nlohmann::json& expected) {
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      const auto found = actual.find(it.key());
      if (found == actual.end() || !json_contains(*found, it.value())) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) return false;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (!json_contains(actual[i], expected[i])) return false;
    }
    return true;
  }
  if (expected.is_number() && actual.is_number())
    return expected.get<double>() == actual.get<double>();
  return actual == expected;
}

std::optional<nlohmann::json> json_path(const nlohmann::json& doc, const std::string& path) {
  const nlohmann::json* node = &doc;
  for (const std::string& part : split(path, '.')) {
    if (node->is_object()) {
      const auto it = node->find(part);
      if (it == node->end()) return std::nullopt;
      node = &*it;
    } else if (node->is_array() && !part.empty() &&
               part.find_first_not_of("0123456789") == std::string::npos) {
      const std::size_t index = std::stoul(part);
      if (index >= node->size()) return std::nullopt;
      node = &(*node)[index];
    } else {
      return std::nullopt;
    }
  }
  return *node;
}

}  // namespace hil::scenario
