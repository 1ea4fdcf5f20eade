// Lines read from a file descriptor through Boost.Asio.
#include "bench/io/line_input.h"

#include <unistd.h>

#include <boost/asio/error.hpp>
#include <cerrno>
#include <cstring>
#include <utility>

namespace hil::bench {

std::unique_ptr<LineInput> LineInput::open(boost::asio::io_context& io, int fd, OnLine on_line,
                                           OnNote on_note, std::string& error) {
  std::unique_ptr<LineInput> input(new LineInput(io, std::move(on_line), std::move(on_note)));
  const int copy = ::dup(fd);
  if (copy < 0) {
    error = std::string("cannot duplicate descriptor ") + std::to_string(fd) + ": " +
            std::strerror(errno);
    return nullptr;
  }
  boost::system::error_code ec;
  input->stream_.assign(copy, ec);
  if (ec) {
    ::close(copy);
    error = "cannot watch descriptor " + std::to_string(fd) + " (" + ec.message() +
            "): it must be a pipe or a terminal";
    return nullptr;
  }
  input->start_read();
  return input;
}

LineInput::LineInput(boost::asio::io_context& io, OnLine on_line, OnNote on_note)
    : stream_(io), on_line_(std::move(on_line)), on_note_(std::move(on_note)) {}

LineInput::~LineInput() { close(); }

void LineInput::close() {
  boost::system::error_code ignored;
  stream_.close(ignored);
}

void LineInput::start_read() {
  stream_.async_read_some(boost::asio::buffer(buffer_), [this, alive = std::weak_ptr<char>(alive_)](
                                                            const boost::system::error_code& ec,
                                                            std::size_t size) {
    if (alive.expired() || ec == boost::asio::error::operation_aborted) return;
    if (ec) {
      if (on_note_)
        on_note_(ec == boost::asio::error::eof ? "end of input" : "read failed: " + ec.message());
      close();
      return;
    }
    const std::uint64_t dropped = framer_.dropped_lines();
    framer_.feed(std::string_view(buffer_.data(), size),
                 [this](std::string_view line) { on_line_(line); });
    if (framer_.dropped_lines() != dropped && on_note_) {
      on_note_("a line longer than " + std::to_string(kMaxLineBytes) + " bytes was dropped");
    }
    if (stream_.is_open()) start_read();
  });
}

}  // namespace hil::bench
