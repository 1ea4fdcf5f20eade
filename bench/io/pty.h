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

  // Our own descriptor of the slave, held while no peer has shown itself (see slave_fd_).
  bool holds_slave() const { return slave_fd_ >= 0; }
  // Closes ours once a peer has written: when that peer closes, the master reads EIO, which is
  // how its leaving is heard.
  void release_slave();
  // Opens ours again (raw) after a peer left, so the master waits quietly for the next one
  // instead of reading EIO at once forever. False with a reason in `error`.
  [[nodiscard]] bool hold_slave(std::string& error);

 private:
  Pty(int master_fd, int slave_fd, std::string slave_path);

  int master_fd_;
  // Held open until a peer writes, so that the master never reads EIO while no client has the
  // slave open, and so that what the device prints waits for the first reader.
  int slave_fd_;
  std::string slave_path_;
};

}  // namespace hil::bench
