// Splits a UART byte stream into lines as both ends of the supervisor link read it: '\n' ends a
// line, '\r' is ignored anywhere, and a line longer than the limit is dropped whole (its bytes up
// to the next '\n' are skipped), so a half-line never reaches the parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace hil::supervisor {

inline constexpr std::size_t kMaxLineBytes = 512;

class LineFramer {
 public:
  explicit LineFramer(std::size_t max_line_bytes = kMaxLineBytes) : max_(max_line_bytes) {}

  // Feeds bytes; calls on_line(std::string_view) for every complete line, in order.
  template <typename OnLine>
  void feed(std::string_view bytes, OnLine&& on_line) {
    for (char c : bytes) {
      if (c == '\r') continue;
      if (c == '\n') {
        if (overlong_) {
          overlong_ = false;
          ++dropped_;
        } else {
          on_line(std::string_view(line_));
        }
        line_.clear();
        continue;
      }
      if (overlong_) continue;
      if (line_.size() == max_) {
        overlong_ = true;
        line_.clear();
        continue;
      }
      line_.push_back(c);
    }
  }

  // Forgets a partial line (the link was unplugged mid-line).
  void reset() {
    line_.clear();
    overlong_ = false;
  }
  // Lines dropped for being longer than the limit.
  std::uint64_t dropped_lines() const { return dropped_; }
  // Bytes of the line being received (0 between lines).
  bool mid_line() const { return overlong_ || !line_.empty(); }

 private:
  std::size_t max_;
  std::string line_;
  bool overlong_ = false;
  std::uint64_t dropped_ = 0;
};

}  // namespace hil::supervisor
