// An in-memory config store (the simulated device's flash), with write-failure injection.
#pragma once

#include <map>
#include <string>

#include "firmware_core/ports/config_store.h"

namespace hil::sim {

class MemoryConfigStore : public core::ConfigStore {
 public:
  std::optional<std::string> get(std::string_view key) const override;
  bool put(std::string_view key, std::string_view value) override;
  bool erase(std::string_view key) override;

  // Test control: every write fails while set, as a worn-out flash would.
  void set_fail_writes(bool fail) { fail_writes_ = fail; }

 private:
  std::map<std::string, std::string, std::less<>> entries_;
  bool fail_writes_ = false;
};

}  // namespace hil::sim
