// A pseudo-terminal pair in raw mode: we keep the master, a client opens slave_path().
#include "bench/io/pty.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace hil::bench {
namespace {

std::string failure(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// Opens the slave at `path` and puts it in raw mode; -1 with a reason in `error` on failure.
int open_raw_slave(const char* path, std::string& error) {
  const int slave = ::open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave < 0) {
    error = failure("cannot open the PTY slave");
    return -1;
  }
  termios settings{};
  bool raw = ::tcgetattr(slave, &settings) == 0;
  if (raw) {
    ::cfmakeraw(&settings);
    raw = ::tcsetattr(slave, TCSANOW, &settings) == 0;
  }
  if (!raw) {
    error = failure("cannot put the PTY slave in raw mode");
    ::close(slave);
    return -1;
  }
  return slave;
}

}  // namespace

std::unique_ptr<Pty> Pty::open(std::string& error) {
  const int master = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) {
    error = failure("posix_openpt");
    return nullptr;
  }
  std::array<char, 128> name{};
  if (::grantpt(master) != 0 || ::unlockpt(master) != 0 ||
      ::ptsname_r(master, name.data(), name.size()) != 0) {
    error = failure("cannot prepare the PTY slave");
    ::close(master);
    return nullptr;
  }
  const int slave = open_raw_slave(name.data(), error);
  if (slave < 0) {
    ::close(master);
    return nullptr;
  }
  return std::unique_ptr<Pty>(new Pty(master, slave, name.data()));
}

Pty::Pty(int master_fd, int slave_fd, std::string slave_path)
    : master_fd_(master_fd), slave_fd_(slave_fd), slave_path_(std::move(slave_path)) {}

Pty::~Pty() {
  release_slave();
  ::close(master_fd_);
}

void Pty::release_slave() {
  if (slave_fd_ >= 0) ::close(slave_fd_);
  slave_fd_ = -1;
}

bool Pty::hold_slave(std::string& error) {
  if (slave_fd_ >= 0) return true;
  slave_fd_ = open_raw_slave(slave_path_.c_str(), error);
  return slave_fd_ >= 0;
}

}  // namespace hil::bench
