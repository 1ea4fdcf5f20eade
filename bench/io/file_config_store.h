// The ConfigStore on a JSON object file, rewritten atomically on every change.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "firmware_core/ports/config_store.h"

namespace hil::bench {

class FileConfigStore : public hil::core::ConfigStore {
 public:
  // Loads `path`. A missing file is an empty store; an unreadable or corrupt one is reported by
  // error() and treated as empty (the next put or erase replaces it).
  explicit FileConfigStore(std::string path);

  std::optional<std::string> get(std::string_view key) const override;
  // Keys and values must be valid UTF-8 (JSON strings); put() refuses others.
  bool put(std::string_view key, std::string_view value) override;
  bool erase(std::string_view key) override;

  const std::string& path() const { return path_; }
  // Why a save would fail now (the folder missing or read-only, ...), found by creating and
  // removing the file saves write first; empty when it can be saved.
  std::string save_problem() const;
  // The most recent load or save problem; empty if there has been none.
  const std::string& error() const { return error_; }

 private:
  void load();
  std::string temp_path() const { return path_ + ".tmp"; }
  [[nodiscard]] bool save();

  std::string path_;
  std::map<std::string, std::string, std::less<>> values_;
  std::string error_;
};

}  // namespace hil::bench
