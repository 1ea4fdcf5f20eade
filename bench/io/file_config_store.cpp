// The ConfigStore on a JSON object file, rewritten atomically on every change.
#include "bench/io/file_config_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

namespace hil::bench {
namespace {

bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

FileConfigStore::FileConfigStore(std::string path) : path_(std::move(path)) { load(); }

std::optional<std::string> FileConfigStore::get(std::string_view key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

bool FileConfigStore::put(std::string_view key, std::string_view value) {
  const auto it = values_.find(key);
  std::optional<std::string> previous;
  if (it != values_.end()) previous = it->second;
  values_[std::string(key)] = std::string(value);
  if (save()) return true;
  // Keep memory equal to what is on disk.
  if (previous) {
    values_[std::string(key)] = *previous;
  } else {
    values_.erase(std::string(key));
  }
  return false;
}

bool FileConfigStore::erase(std::string_view key) {
  const auto it = values_.find(key);
  if (it == values_.end()) return true;
  std::string previous = std::move(it->second);
  values_.erase(it);
  if (save()) return true;
  values_.emplace(std::string(key), std::move(previous));
  return false;
}

void FileConfigStore::load() {
  std::error_code ec;
  if (!std::filesystem::exists(path_, ec)) return;
  std::ifstream in(path_, std::ios::binary);
  if (!in) {
    error_ = "cannot read " + path_ + "; starting empty";
    return;
  }
  std::ostringstream text;
  text << in.rdbuf();
  const nlohmann::json document = nlohmann::json::parse(text.str(), nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    error_ = path_ + " is not a JSON object; starting empty";
    return;
  }
  for (const auto& [key, value] : document.items()) {
    if (!value.is_string()) {
      error_ = path_ + ": the value of '" + key + "' is not a string; it is ignored";
      continue;
    }
    values_.emplace(key, value.get<std::string>());
  }
}

std::string FileConfigStore::save_problem() const {
  const int fd = ::open(temp_path().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0 && errno != EEXIST) return "cannot write " + temp_path() + ": " + std::strerror(errno);
  if (fd >= 0) {
    ::close(fd);
    ::unlink(temp_path().c_str());
  }
  return "";
}

bool FileConfigStore::save() {
  nlohmann::json document = nlohmann::json::object();
  for (const auto& [key, value] : values_) document[key] = value;
  std::string text;
  try {
    text = document.dump(2) + "\n";
  } catch (const nlohmann::json::type_error&) {
    error_ = "cannot save " + path_ + ": a key or value is not valid UTF-8";
    return false;
  }

  // Write a sibling file and rename it over the old one, so a crash leaves one or the other.
  const std::string temp = temp_path();
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    error_ = "cannot write " + temp + ": " + std::strerror(errno);
    return false;
  }
  const bool written = write_all(fd, text) && ::fsync(fd) == 0;
  const int saved_errno = errno;
  ::close(fd);
  if (!written || std::rename(temp.c_str(), path_.c_str()) != 0) {
    error_ = "cannot save " + path_ + ": " + std::strerror(written ? errno : saved_errno);
    std::remove(temp.c_str());
    return false;
  }
  return true;
}

}  // namespace hil::bench
