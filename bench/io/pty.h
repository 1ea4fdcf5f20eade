// A pseudo-terminal pair in raw mode: we keep the master, a client opens slave_path().
#pragma once

#include <memory>
#include <string>

namespace hil::bench {

class Pty {
 public:
  // Opens a new pair; returns nullptr and a reason in `error` on failure.
  static std::unique_ptr<Pty> open(std::string& error);
  ~Pty();
  Pty(const Pty&) = delete;
  Pty& operator=(const Pty&) = delete;

  int master_fd() const { return master_fd_; }
  const std::string& slave_path() const { return slave_path_; }

 private:
  Pty(int master_fd, int slave_fd, std::string slave_path);

  int master_fd_;
  // Held open so that the master never reads EIO while no client has the slave open,
  // and so that the raw settings survive clients opening and closing it.
  int slave_fd_;
  std::string slave_path_;
};

}  // namespace hil::bench
