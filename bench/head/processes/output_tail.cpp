// One output pipe of a run, drained as it fills so that the writer never waits on us, keeping only
// its last bytes.
#include "bench/head/processes/output_tail.h"

#include <unistd.h>

#include <cerrno>

namespace hil::bench {
namespace {

// A descendant may keep writing after the main process has exited: reading what the pipe holds
// then stops after this many reads (a whole pipe of the largest size Linux allows by default).
constexpr int kMaxReadsAtExit = 16;

}  // namespace

OutputTail::OutputTail(boost::asio::io_context& io, int pipe_fd, std::size_t tail_bytes)
    : pipe_(io, pipe_fd), tail_bytes_(tail_bytes) {
  pipe_.non_blocking(true);
  wait_readable();
}

void OutputTail::read_available() {
  for (int reads = 0; reads < kMaxReadsAtExit && !ended_; ++reads) {
    if (read_once() != ReadResult::kData) return;
  }
}

// Waits for readability and reads here, rather than with async_read_some, so that every byte is
// kept by read_once() in order: no read completes in the background while read_available() runs.
void OutputTail::wait_readable() {
  pipe_.async_wait(
      boost::asio::posix::stream_descriptor::wait_read,
      [this, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec) {
        if (alive.expired() || ec || ended_) return;
        if (read_once() != ReadResult::kEnd) wait_readable();
      });
}

OutputTail::ReadResult OutputTail::read_once() {
  ssize_t size = 0;
  do {
    size = ::read(pipe_.native_handle(), buffer_.data(), buffer_.size());
  } while (size < 0 && errno == EINTR);
  if (size < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return ReadResult::kEmpty;
  if (size <= 0) {
    ended_ = true;
    return ReadResult::kEnd;
  }
  keep(std::string_view(buffer_.data(), static_cast<std::size_t>(size)));
  return ReadResult::kData;
}

void OutputTail::keep(std::string_view data) {
  if (data.size() >= tail_bytes_) {
    tail_.assign(data.substr(data.size() - tail_bytes_));
    return;
  }
  tail_.append(data);
  if (tail_.size() > tail_bytes_) tail_.erase(0, tail_.size() - tail_bytes_);
}

}  // namespace hil::bench
