// The config store in RAM: settings last until reset, as on a board whose flash is not written.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "firmware_core/ports/config_store.h"

namespace hil::board {

class RamConfigStore : public core::ConfigStore {
 public:
  std::optional<std::string> get(std::string_view key) const override {
    const auto found = values_.find(key);
    if (found == values_.end()) return std::nullopt;
    return found->second;
  }
  bool put(std::string_view key, std::string_view value) override {
    values_[std::string(key)] = std::string(value);
    return true;
  }
  bool erase(std::string_view key) override {
    const auto found = values_.find(key);
    if (found != values_.end()) values_.erase(found);
    return true;
  }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace hil::board
