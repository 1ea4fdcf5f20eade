// A stream buffer that hands each complete line written to it to a callback: lets the live view
// show what would otherwise be logged to stderr across its redraws.
#pragma once

#include <functional>
#include <streambuf>
#include <string>
#include <string_view>
#include <utility>

namespace hil::bench {

class LineCaptureBuf : public std::streambuf {
 public:
  explicit LineCaptureBuf(std::function<void(std::string_view)> on_line)
      : on_line_(std::move(on_line)) {}

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    if (c == '\n') {
      on_line_(line_);
      line_.clear();
    } else {
      line_.push_back(c);
    }
    return ch;
  }

 private:
  std::function<void(std::string_view)> on_line_;
  std::string line_;
};

}  // namespace hil::bench
