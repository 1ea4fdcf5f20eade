// The topics of one head.
#include "firmware_core/head/head_topics.h"

#include "firmware_core/common/text.h"

namespace hil::head {

std::string_view HeadTopics::control_suffix(std::string_view topic) const {
  const std::string prefix = root_ + "control/";
  if (topic.size() <= prefix.size() || topic.substr(0, prefix.size()) != prefix) return {};
  return topic.substr(prefix.size());
}

std::string head_name_problem(std::string_view name) {
  if (name.empty()) return "the name is empty";
  for (const char c : name) {
    if (c == '/' || c == '+' || c == '#') return "the name is one topic level: no '/', '+' or '#'";
  }
  if (core::has_control(name)) return "the name holds a control character";
  return "";
}

}  // namespace hil::head
