// The topics of one head, all under heads/{name}/ (shared/specs/head-controller-mqtt.md), and the
// two this project adds: availability (retained online/offline, with the will) and status/errors
// (refusals that belong to no script id).
#pragma once

#include <string>
#include <string_view>

namespace hil::head {

class HeadTopics {
 public:
  explicit HeadTopics(std::string_view name) : root_("heads/" + std::string(name) + "/") {}

  const std::string& root() const { return root_; }  // "heads/{name}/"
  std::string control_filter() const { return root_ + "control/#"; }
  std::string status_filter() const { return root_ + "status/#"; }
  // What follows "heads/{name}/control/" in `topic`, or "" when it is not one of ours.
  std::string_view control_suffix(std::string_view topic) const;
  std::string script_status(std::string_view id) const {
    return root_ + "status/script/" + std::string(id);
  }
  std::string all_scripts() const { return root_ + "status/scripts"; }
  std::string bluetooth() const { return root_ + "status/bluetooth"; }
  std::string errors() const { return root_ + "status/errors"; }
  std::string availability() const { return root_ + "availability"; }

 private:
  std::string root_;
};

// "" when `name` can be a topic level (heads/{name}/...), else why not.
std::string head_name_problem(std::string_view name);

}  // namespace hil::head
