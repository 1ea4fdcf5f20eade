// An in-memory config store.
#include "sim/common/memory_config_store.h"

namespace hil::sim {

std::optional<std::string> MemoryConfigStore::get(std::string_view key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

bool MemoryConfigStore::put(std::string_view key, std::string_view value) {
  if (fail_writes_) return false;
  entries_[std::string(key)] = std::string(value);
  return true;
}

bool MemoryConfigStore::erase(std::string_view key) {
  if (fail_writes_) return false;
  const auto it = entries_.find(key);
  if (it != entries_.end()) entries_.erase(it);
  return true;
}

}  // namespace hil::sim
