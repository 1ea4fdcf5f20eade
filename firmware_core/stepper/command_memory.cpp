// The duplicate-command memory.
#include "firmware_core/stepper/command_memory.h"

#include <algorithm>

namespace hil::stepper {

bool CommandMemory::seen(const std::string& cmd_id) const {
  return std::any_of(remembered_.begin(), remembered_.end(),
                     [&cmd_id](const Remembered& entry) { return entry.cmd_id == cmd_id; });
}

void CommandMemory::remember(const std::string& cmd_id) {
  remembered_.push_back(Remembered{cmd_id, {}});
  while (remembered_.size() > kRememberedCommands) remembered_.pop_front();
}

void CommandMemory::record(const std::string& cmd_id, const std::string& payload) {
  for (auto& entry : remembered_) {
    if (entry.cmd_id == cmd_id) entry.payloads.push_back(payload);
  }
}

std::vector<std::string> CommandMemory::payloads(const std::string& cmd_id) const {
  for (const auto& entry : remembered_) {
    if (entry.cmd_id == cmd_id) return entry.payloads;
  }
  return {};
}

bool CommandMemory::notice_due(std::int64_t now_ms) {
  if (last_notice_ms_ && now_ms - *last_notice_ms_ < kNoticeIntervalMs) return false;
  last_notice_ms_ = now_ms;
  return true;
}

}  // namespace hil::stepper
