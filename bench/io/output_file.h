// A file a command writes its result to: opened (created or truncated) when the command starts,
// so a bad path is refused before any work, and written whole at the end with every failure told.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace hil::bench {

class OutputFile {
 public:
  // nullptr and "cannot open PATH: <strerror>" in `error` when it cannot be opened for writing.
  static std::unique_ptr<OutputFile> open(const std::string& path, std::string& error);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Writes all of `bytes` after what was written before, then closes the file. False with
  // "cannot write PATH: <strerror> (N of M bytes written)" in `error`; the bytes written before
  // the failure stay in the file.
  [[nodiscard]] bool write_and_close(std::string_view bytes, std::string& error);
  const std::string& path() const { return path_; }

 private:
  OutputFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

  int fd_;
  std::string path_;
};

}  // namespace hil::bench
