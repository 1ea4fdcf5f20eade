// A YAML file's syntax error as users should read it.
#include "bench/yaml/yaml_syntax_error.h"

#include <fstream>

namespace hil::bench {
namespace {

// The column (from 0) of a tab among the blanks that start `line`, if there is one.
std::string::size_type indentation_tab(const std::string& line) {
  const auto text = line.find_first_not_of(" \t");
  const auto tab = line.find('\t');
  return tab < text ? tab : std::string::npos;
}

}  // namespace

YamlSyntaxError describe_yaml_error(const std::string& path, const YAML::ParserException& error) {
  std::ifstream in(path);
  return describe_yaml_error(in, error);
}

YamlSyntaxError describe_yaml_error(std::istream& in, const YAML::ParserException& error) {
  const YAML::Mark& mark = error.mark;
  YamlSyntaxError out;
  out.message = error.msg;
  if (mark.is_null()) return out;
  out.line = mark.line + 1;
  out.column = mark.column + 1;
  // yaml-cpp stops on the tab's line or the line after it.
  std::string line, previous;
  for (int number = 0; number <= mark.line && std::getline(in, line); ++number) {
    if (number < mark.line) previous = line;
  }
  if (!in) return out;
  for (const auto& [text, number] :
       {std::pair{&line, mark.line}, std::pair{&previous, mark.line - 1}}) {
    if (const auto tab = indentation_tab(*text); number >= 0 && tab != std::string::npos) {
      return {number + 1, static_cast<int>(tab) + 1,
              "a tab in the indentation (YAML indents with spaces only)"};
    }
  }
  return out;
}

}  // namespace hil::bench
