// One output pipe of a run, drained as it fills so that the writer never waits on us, keeping only
// its last bytes.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace hil::bench {

class OutputTail {
 public:
  // Owns `pipe_fd` (a read end) and starts draining it on `io`.
  OutputTail(boost::asio::io_context& io, int pipe_fd, std::size_t tail_bytes);
  OutputTail(const OutputTail&) = delete;
  OutputTail& operator=(const OutputTail&) = delete;

  // Reads, without waiting, what the pipe holds now: when a process has exited, everything it
  // wrote is in the pipe already, though a descendant may keep the pipe open.
  void read_available();
  // The last bytes read, at most tail_bytes of them.
  const std::string& tail() const { return tail_; }

 private:
  enum class ReadResult { kData, kEmpty, kEnd };

  void wait_readable();
  ReadResult read_once();
  void keep(std::string_view data);

  boost::asio::posix::stream_descriptor pipe_;
  std::size_t tail_bytes_;
  std::string tail_;
  std::array<char, 65536> buffer_{};  // a whole pipe (64 KiB by default) in one read
  bool ended_ = false;
  // The wait handler holds a weak copy so that a completion queued after destruction does nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace hil::bench
