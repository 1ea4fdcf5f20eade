// A file a command writes its result to, with every failure of open, write and close told.
#include "bench/io/output_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace hil::bench {

std::unique_ptr<OutputFile> OutputFile::open(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    error = "cannot open " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  return std::unique_ptr<OutputFile>(new OutputFile(fd, path));
}

OutputFile::~OutputFile() {
  if (fd_ >= 0) ::close(fd_);
}

bool OutputFile::write_and_close(std::string_view bytes, std::string& error) {
  std::size_t done = 0;
  int failure = 0;
  while (fd_ >= 0 && done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      failure = n < 0 ? errno : ENOSPC;  // a write of 0 bytes to a regular file: no room
      break;
    }
    done += static_cast<std::size_t>(n);
  }
  // close() reports what a network or quota file system kept back until now.
  if (fd_ >= 0 && ::close(std::exchange(fd_, -1)) != 0 && failure == 0) failure = errno;
  if (failure == 0 && done == bytes.size()) return true;
  error = "cannot write " + path_ + ": " + std::strerror(failure == 0 ? EBADF : failure) + " (" +
          std::to_string(done) + " of " + std::to_string(bytes.size()) + " bytes written)";
  return false;
}

}  // namespace hil::bench
