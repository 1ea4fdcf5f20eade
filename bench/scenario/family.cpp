// Family rows: look-ups, option checks and the listings made from them.
#include "bench/scenario/family.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

namespace hil::scenario {
namespace {

std::string join(const std::vector<std::string>& items) {
  std::string text;
  for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

// A bound as people write it: 100, not 100.000000.
std::string bound(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15)
    return std::to_string(static_cast<long long>(value));
  return nlohmann::json(value).dump();
}

std::string range_text(const OptionSpec& option) {
  const bool has_min = std::isfinite(option.min), has_max = std::isfinite(option.max);
  std::string what = option.type == OptionType::kInteger ? "an integer" : "a number";
  if (has_min && has_max) return what + " from " + bound(option.min) + " to " + bound(option.max);
  if (has_min && option.min == 0)
    return option.type == OptionType::kInteger ? "a non-negative integer" : "a number >= 0";
  if (has_min) return what + " >= " + bound(option.min);
  if (has_max) return what + " <= " + bound(option.max);
  return what;
}

const char* type_name(OptionType type) {
  switch (type) {
    case OptionType::kText:
      return "text";
    case OptionType::kInteger:
      return "integer";
    case OptionType::kNumber:
      return "number";
    case OptionType::kBool:
      return "bool";
    case OptionType::kChoice:
      return "choice";
  }
  return "text";
}

// What a value must be, as the options table says it.
std::string shape(const OptionSpec& option) {
  switch (option.type) {
    case OptionType::kText:
      return option.is_path ? "a file (relative: to the scenario's folder)" : "text";
    case OptionType::kInteger:
    case OptionType::kNumber:
      return range_text(option);
    case OptionType::kBool:
      return "true or false";
    case OptionType::kChoice:
      return "one of " + join(option.choices);
  }
  return "text";
}

}  // namespace

OptionSpec text_option(std::string key, std::string description, nlohmann::json fallback,
                       std::string note) {
  OptionSpec option;
  option.key = std::move(key);
  option.description = std::move(description);
  option.default_value = std::move(fallback);
  option.default_note = std::move(note);
  return option;
}

OptionSpec integer_option(std::string key, std::string description, double min, double max,
                          nlohmann::json fallback, std::string note) {
  OptionSpec option =
      text_option(std::move(key), std::move(description), std::move(fallback), std::move(note));
  option.type = OptionType::kInteger;
  option.min = min;
  option.max = max;
  return option;
}

OptionSpec number_option(std::string key, std::string description, double min, double max,
                         nlohmann::json fallback, std::string note) {
  OptionSpec option = integer_option(std::move(key), std::move(description), min, max,
                                     std::move(fallback), std::move(note));
  option.type = OptionType::kNumber;
  return option;
}

OptionSpec path_option(std::string key, std::string description) {
  OptionSpec option = text_option(std::move(key), std::move(description));
  option.is_path = true;
  return option;
}

std::string path_of(const DeviceSpec& spec, const std::string& key) {
  std::string file = spec.options.value(key, "");
  if (file.empty() || file.front() == '/' || spec.where.file.empty()) return file;
  return (std::filesystem::path(spec.where.file).parent_path() / file).lexically_normal().string();
}

OptionSpec bool_option(std::string key, std::string description, nlohmann::json fallback) {
  OptionSpec option = text_option(std::move(key), std::move(description), std::move(fallback));
  option.type = OptionType::kBool;
  return option;
}

OptionSpec choice_option(std::string key, std::string description, std::vector<std::string> choices,
                         nlohmann::json fallback) {
  OptionSpec option = text_option(std::move(key), std::move(description), std::move(fallback));
  option.type = OptionType::kChoice;
  option.choices = std::move(choices);
  return option;
}

const OptionSpec* Family::option(const std::string& key) const {
  for (const auto& candidate : options) {
    if (candidate.key == key) return &candidate;
  }
  return nullptr;
}

const LinkSpec* Family::link(const std::string& name) const {
  for (const auto& candidate : links) {
    if (candidate.name == name) return &candidate;
  }
  return nullptr;
}

std::string Family::link_names() const {
  std::vector<std::string> names;
  for (const auto& link : links) names.push_back(link.name);
  return join(names);
}

const Family* FamilyRegistry::find(const std::string& kind) const {
  for (const auto& row : rows_) {
    if (row.kind == kind ||
        std::find(row.aliases.begin(), row.aliases.end(), kind) != row.aliases.end())
      return &row;
  }
  return nullptr;
}

const Family* FamilyRegistry::of(const nlohmann::json& device) const {
  if (!device.is_object()) return nullptr;
  const auto kind = device.find("kind");
  return kind != device.end() && kind->is_string() ? find(kind->get<std::string>()) : nullptr;
}

std::map<std::string, const Family*> FamilyRegistry::by_name(const nlohmann::json& devices) const {
  std::map<std::string, const Family*> out;
  for (const auto& device : devices) {
    if (const Family* family = of(device)) out[device.value("name", "")] = family;
  }
  return out;
}

std::vector<std::string> FamilyRegistry::kinds() const {
  std::vector<std::string> out;
  for (const auto& row : rows_) out.push_back(row.kind);
  return out;
}

std::vector<LinkSpec> FamilyRegistry::links() const {
  std::vector<LinkSpec> out;
  for (const auto& row : rows_) {
    for (const auto& link : row.links) {
      if (std::none_of(out.begin(), out.end(),
                       [&](const LinkSpec& seen) { return seen.name == link.name; }))
        out.push_back(link);
    }
  }
  return out;
}

const LinkSpec* FamilyRegistry::link(const std::string& name) const {
  for (const auto& row : rows_) {
    if (const LinkSpec* found = row.link(name)) return found;
  }
  return nullptr;
}

std::string FamilyRegistry::unknown(const std::string& kind) const {
  return "unknown device kind '" + kind + "'; expected one of " + join(kinds());
}

std::string check_option(const OptionSpec& option, const nlohmann::json& value,
                         const std::string& shown) {
  const std::string wanted = "'" + option.key + "' must be ";
  const std::string got = ", got " + (shown.empty() ? value.dump() : shown);
  switch (option.type) {
    case OptionType::kText:
      if (!value.is_string()) return wanted + "text" + got;
      if (value.get<std::string>().empty()) return "'" + option.key + "' must not be empty";
      return "";
    case OptionType::kChoice: {
      const std::string text = value.is_string() ? lower(value.get<std::string>()) : "";
      if (std::find(option.choices.begin(), option.choices.end(), text) == option.choices.end()) {
        return wanted + "one of " + join(option.choices) + got;
      }
      return "";
    }
    case OptionType::kBool:
      return value.is_boolean() ? "" : wanted + "true or false" + got;
    case OptionType::kInteger:
    case OptionType::kNumber: {
      const bool integer = option.type == OptionType::kInteger;
      if (!integer && !value.is_number())
        return wanted + "a number" + got;  // the range once it is one
      if ((integer && !value.is_number_integer()) || value.get<double>() < option.min ||
          value.get<double>() > option.max) {
        return wanted + range_text(option) + got;
      }
      return "";
    }
  }
  return "";
}

std::string check_options(const Family& family, const std::string& name,
                          const nlohmann::json& options) {
  if (!options.is_object()) return "the options of '" + name + "' must be a mapping";
  for (const auto& [key, value] : options.items()) {
    const OptionSpec* option = family.option(key);
    if (option == nullptr) {
      std::vector<std::string> keys;
      for (const auto& known : family.options) keys.push_back(known.key);
      return "bad option for the " + family.kind + " device '" + name + "': no option '" + key +
             "'; its options: " + join(keys);
    }
    if (std::string why = check_option(*option, value); !why.empty()) {
      return "bad option for the " + family.kind + " device '" + name + "': " + why;
    }
  }
  if (family.check) {
    if (std::string why = family.check(name, with_defaults(family, options)); !why.empty()) {
      return "the " + family.kind + " device '" + name + "': " + why;
    }
  }
  return "";
}

nlohmann::json with_defaults(const Family& family, nlohmann::json options) {
  for (const auto& option : family.options) {
    if (!options.contains(option.key) && !option.default_value.is_null())
      options[option.key] = option.default_value;
    // A choice keeps the table's spelling whatever case it was given in.
    if (option.type == OptionType::kChoice && options.contains(option.key) &&
        options[option.key].is_string()) {
      options[option.key] = lower(options[option.key].get<std::string>());
    }
  }
  return options;
}

nlohmann::json known_options(const Family& family, const nlohmann::json& fields) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& option : family.options) {
    const auto it = fields.find(option.key);
    if (it != fields.end()) out[option.key] = *it;
  }
  return out;
}

nlohmann::ordered_json describe_families(const FamilyRegistry& registry) {
  nlohmann::ordered_json kinds = nlohmann::ordered_json::array();
  for (const auto& row : registry.rows()) {
    nlohmann::ordered_json options = nlohmann::ordered_json::array();
    for (const auto& option : row.options) {
      nlohmann::ordered_json entry = {{"key", option.key},
                                      {"type", type_name(option.type)},
                                      {"description", option.description}};
      if (!option.default_value.is_null()) entry["default"] = option.default_value;
      if (!option.default_note.empty()) entry["default_note"] = option.default_note;
      if (!option.choices.empty()) entry["choices"] = option.choices;
      const bool integer = option.type == OptionType::kInteger;
      if (std::isfinite(option.min))
        entry["min"] = integer ? nlohmann::ordered_json(static_cast<std::int64_t>(option.min))
                               : nlohmann::ordered_json(option.min);
      if (std::isfinite(option.max))
        entry["max"] = integer ? nlohmann::ordered_json(static_cast<std::int64_t>(option.max))
                               : nlohmann::ordered_json(option.max);
      options.push_back(std::move(entry));
    }
    nlohmann::ordered_json links = nlohmann::ordered_json::array(),
                           settings = nlohmann::ordered_json::array();
    for (const auto& link : row.links)
      links.push_back({{"name", link.name}, {"description", link.description}});
    for (const auto& setting : row.settings) {
      settings.push_back(
          {{"name", setting.name}, {"form", setting.form}, {"description", setting.description}});
    }
    kinds.push_back({{"kind", row.kind},
                     {"aliases", row.aliases},
                     {"summary", row.summary},
                     {"options", std::move(options)},
                     {"links", std::move(links)},
                     {"settings", std::move(settings)}});
  }
  return nlohmann::ordered_json{{"kinds", kinds}};
}

// A table cell: a '|' would end it.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string options_markdown(const FamilyRegistry& registry) {
  std::string out;
  for (const auto& row : registry.rows()) {
    out += "#### `" + row.kind + "`: " + row.summary + "\n\n";
    if (!row.aliases.empty()) out += "Also accepted as: `" + join(row.aliases) + "`. ";
    std::string links;
    for (const auto& link : row.links)
      links += (links.empty() ? "" : "; ") + ("`" + link.name + "`: " + link.description);
    out += "Links: " + links +
           ".\n\n| option | value | default | what it is |\n| --- | --- | --- | --- |\n";
    for (const auto& option : row.options) {
      std::string fallback =
          option.default_value.is_null() ? "" : "`" + option.default_value.dump() + "`";
      if (!option.default_note.empty())
        fallback += (fallback.empty() ? "" : " ") + option.default_note;
      out += "| `" + option.key + "` | " + cell(shape(option)) + " | " + cell(fallback) + " | " +
             cell(option.description) + " |\n";
    }
    if (!row.settings.empty()) {
      out += "\n| `set:` | value | what it does |\n| --- | --- | --- |\n";
      for (const auto& setting : row.settings) {
        out += "| `" + setting.name + "` | `" + cell(setting.form) + "` | " +
               cell(setting.description) + " |\n";
      }
    }
    out += "\n";
  }
  return out;
}

}  // namespace hil::scenario
