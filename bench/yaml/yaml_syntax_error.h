// A YAML file's syntax error as users should read it: where it is and what it is. yaml-cpp reports
// a tab in the indentation (YAML indents with spaces only) as "illegal block entry" or "illegal tab
// when looking for indentation"; here it is named as a tab, at the tab.
#pragma once

#include <yaml-cpp/exceptions.h>

#include <istream>
#include <string>

namespace hil::bench {

struct YamlSyntaxError {
  int line = 0;  // from 1; 0 when unknown
  int column = 0;
  std::string message;
};

// `error` was thrown while parsing the file at `path`, which is read again to look for the tab.
YamlSyntaxError describe_yaml_error(const std::string& path, const YAML::ParserException& error);
// The same for a document parsed from memory: `text` is what was parsed.
YamlSyntaxError describe_yaml_error(std::istream& text, const YAML::ParserException& error);

}  // namespace hil::bench
