// The duplicate-command memory: the last twelve MQTT cmd_ids and what was published for each, so
// that a command delivered again is answered again, verbatim, and not run twice.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace hil::stepper {

class CommandMemory {
 public:
  static constexpr std::size_t kRememberedCommands = 12;
  static constexpr std::int64_t kNoticeIntervalMs = 1000;

  bool seen(const std::string& cmd_id) const;
  // Starts remembering a cmd_id (forgetting the oldest beyond twelve).
  void remember(const std::string& cmd_id);
  // Adds a payload published for a remembered cmd_id (ignored for any other).
  void record(const std::string& cmd_id, const std::string& payload);
  // What was published for cmd_id, oldest first; empty if it is not remembered.
  std::vector<std::string> payloads(const std::string& cmd_id) const;
  // Whether a duplicate arriving at now_ms earns a console notice: at most one a second.
  bool notice_due(std::int64_t now_ms);

 private:
  struct Remembered {
    std::string cmd_id;
    std::vector<std::string> payloads;
  };
  std::deque<Remembered> remembered_;
  std::optional<std::int64_t> last_notice_ms_;
};

}  // namespace hil::stepper
