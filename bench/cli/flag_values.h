// Flag values that check what they are given: a number of the flag's type, finite and in its range;
// text that is not empty; one word of a list. A refused value is an error naming the flag as users
// type it ("--seed must be a whole number >= 0, not '-1'").
#pragma once

#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace hil::cli {

// Program_options fills in the flag's name (%canonical_option%) when it reports the error.
class BadFlagValue : public boost::program_options::error_with_option_name {
 public:
  // `requirement` completes "--flag must be ..."; `value` is the word given.
  BadFlagValue(const std::string& requirement, const std::string& value);
};

// "a, b or c".
std::string or_list(const std::vector<std::string>& words);
// A bound as messages show it: 1000, 0.001, -40.
std::string bound_text(double value);

// The words of a range: "from 1 to 10", "> 0", ">= 0", "<= 5", "> 0 and <= 10", "" for none.
std::string range_text(const std::optional<std::string>& low, bool low_open,
                       const std::optional<std::string>& high);

template <typename T>
class NumberValue : public boost::program_options::typed_value<T> {
  static_assert(std::is_arithmetic_v<T> && !std::is_same_v<T, bool>);

 public:
  explicit NumberValue(T* target) : boost::program_options::typed_value<T>(target) {}

  NumberValue* at_least(T low) { return bounded(low, false); }
  NumberValue* above(T low) { return bounded(low, true); }
  NumberValue* at_most(T high) {
    high_ = high;
    return this;
  }
  NumberValue* within(T low, T high) { return at_least(low)->at_most(high); }

  void xparse(boost::any& store, const std::vector<std::string>& tokens) const override {
    boost::program_options::validators::check_first_occurrence(store);
    const std::string& word = boost::program_options::validators::get_single_string(tokens);
    const std::optional<T> value = parse(word);
    if (!value || !in_range(*value)) throw BadFlagValue(requirement(), word);
    store = *value;
  }

 private:
  NumberValue* bounded(T low, bool open) {
    low_ = low;
    low_open_ = open;
    return this;
  }

  // The whole word as a T: digits only for whole numbers; a finite decimal for reals (from_chars
  // takes no hex and no leading '+'; "nan" and "inf" are read and then refused here).
  static std::optional<T> parse(const std::string& word) {
    T value{};
    const char* end = word.data() + word.size();
    const auto [stop, ec] = std::from_chars(word.data(), end, value);
    if (ec != std::errc() || stop != end || word.empty()) return std::nullopt;
    if constexpr (std::is_floating_point_v<T>) {
      if (!std::isfinite(value)) return std::nullopt;
    }
    return value;
  }

  bool in_range(T value) const {
    if (low_ && (low_open_ ? !(value > *low_) : value < *low_)) return false;
    return !high_ || value <= *high_;
  }

  std::string requirement() const {
    const auto text = [](std::optional<T> bound) -> std::optional<std::string> {
      if (!bound) return std::nullopt;
      if constexpr (std::is_floating_point_v<T>) {
        return bound_text(static_cast<double>(*bound));
      } else {
        return std::to_string(*bound);
      }
    };
    std::optional<T> low = low_;
    if (std::is_unsigned_v<T> && !low) low = T{0};
    const std::string range = range_text(text(low), low_open_, text(high_));
    if constexpr (std::is_floating_point_v<T>) {
      return range.empty() ? "a number" : range;
    } else {
      return range.empty() ? "a whole number" : "a whole number " + range;
    }
  }

  std::optional<T> low_;
  bool low_open_ = false;
  std::optional<T> high_;
};

class TextValue : public boost::program_options::typed_value<std::string> {
 public:
  explicit TextValue(std::string* target)
      : boost::program_options::typed_value<std::string>(target) {}

  TextValue* not_empty() {
    not_empty_ = true;
    return this;
  }
  TextValue* one_of(std::vector<std::string> words) {
    words_ = std::move(words);
    return this;
  }
  // `problem` says what is wrong with a value ("" when nothing is).
  TextValue* checked_by(std::function<std::string(const std::string&)> problem) {
    problem_ = std::move(problem);
    return this;
  }

  void xparse(boost::any& store, const std::vector<std::string>& tokens) const override;

 private:
  bool not_empty_ = false;
  std::vector<std::string> words_;  // empty: any text
  std::function<std::string(const std::string&)> problem_;
};

// The flag's value semantics, for options_description::add_options().
template <typename T>
NumberValue<T>* number(T* target) {
  return new NumberValue<T>(target);
}
TextValue* text(std::string* target);
TextValue* one_of(std::string* target, std::vector<std::string> words);
// Device seconds per wall second: slower than a thousandth or faster than a thousand times is
// past what the timers keep exact.
inline constexpr double kMinTimeScale = 0.001;
inline constexpr double kMaxTimeScale = 1000;
NumberValue<double>* time_scale_number(double* target);
// A span in milliseconds, from 0 to a day.
inline constexpr std::int64_t kMaxSpanMs = std::int64_t{24} * 3600 * 1000;
NumberValue<std::int64_t>* span_ms(std::int64_t* target);
// A serial line's rate in bits per second, from 50 to 4000000 (what Linux ttys take).
NumberValue<unsigned>* baud_rate(unsigned* target);
// A broker's mqtt://HOST[:PORT] or mqtts://HOST[:PORT].
TextValue* broker_url(std::string* target);

}  // namespace hil::cli
