// The persistent key/value port (Preferences/NVS on the device, a file or memory on a host).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace hil::core {

class ConfigStore {
 public:
  virtual ~ConfigStore() = default;
  virtual std::optional<std::string> get(std::string_view key) const = 0;
  // Returns false when the value could not be persisted.
  [[nodiscard]] virtual bool put(std::string_view key, std::string_view value) = 0;
  // Returns false when the removal could not be persisted; removing a missing key succeeds.
  [[nodiscard]] virtual bool erase(std::string_view key) = 0;
};

}  // namespace hil::core
