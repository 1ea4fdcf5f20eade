// Lines read from a file descriptor (stdin) through Boost.Asio, for control lines given to a
// long-running command: each complete line is handed over as it arrives; the loop never blocks.
#pragma once

#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "firmware_core/supervisor/line_framer.h"

namespace hil::bench {

class LineInput {
 public:
  using OnLine = std::function<void(std::string_view line)>;
  // Something to tell the user that is not a line: a line dropped for its length, the end.
  using OnNote = std::function<void(const std::string& note)>;
  static constexpr std::size_t kMaxLineBytes = 4096;

  // Watches a copy of `fd` (a pipe or a terminal; epoll cannot watch regular files or
  // /dev/null). Returns nullptr and the reason in `error` when it cannot be watched.
  static std::unique_ptr<LineInput> open(boost::asio::io_context& io, int fd, OnLine on_line,
                                         OnNote on_note, std::string& error);
  ~LineInput();
  LineInput(const LineInput&) = delete;
  LineInput& operator=(const LineInput&) = delete;

  // Stops reading (pending lines are not delivered).
  void close();

 private:
  LineInput(boost::asio::io_context& io, OnLine on_line, OnNote on_note);
  void start_read();

  boost::asio::posix::stream_descriptor stream_;
  OnLine on_line_;
  OnNote on_note_;
  supervisor::LineFramer framer_{kMaxLineBytes};
  std::array<char, 4096> buffer_{};
  // Handlers hold a weak copy so that a completion queued after destruction does nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace hil::bench
