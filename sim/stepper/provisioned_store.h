// The board's flash as its firmware sees it: the store, and the values the board was provisioned
// with that the store could not take (a file that cannot be written), so the board still joins
// its network; the firmware's own writes and erases replace them.
#pragma once

#include <map>
#include <string>

#include "firmware_core/ports/config_store.h"

namespace hil::sim {

class ProvisionedStore final : public core::ConfigStore {
 public:
  explicit ProvisionedStore(core::ConfigStore& store) : store_(store) {}

  // Writes each value to the store; keeps in memory what the store refused.
  void provision(const std::map<std::string, std::string>& values) {
    for (const auto& [key, value] : values) {
      if (!store_.put(key, value)) unsaved_[key] = value;
    }
  }

  std::optional<std::string> get(std::string_view key) const override {
    if (auto value = store_.get(key)) return value;
    const auto it = unsaved_.find(key);
    return it == unsaved_.end() ? std::nullopt : std::optional<std::string>(it->second);
  }
  bool put(std::string_view key, std::string_view value) override {
    if (!store_.put(key, value)) return false;
    unsaved_.erase(std::string(key));
    return true;
  }
  bool erase(std::string_view key) override {
    if (!store_.erase(key)) return false;
    unsaved_.erase(std::string(key));
    return true;
  }

 private:
  core::ConfigStore& store_;
  std::map<std::string, std::string, std::less<>> unsaved_;
};

}  // namespace hil::sim
