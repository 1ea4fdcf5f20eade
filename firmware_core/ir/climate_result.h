// Checked<T>: a value or why there is none; the climate IR code fails this way, never by throwing.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace hil::ir {

// The failure half of a Checked<T>; converts to any Checked<T>, so a function can `return
// CheckError{"..."};`.
struct CheckError {
  std::string message;
};

template <typename T>
class [[nodiscard]] Checked {
 public:
  // Implicit both ways so functions return either a value or a CheckError without ceremony.
  Checked(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Checked(CheckError error)
      : error_(std::move(error.message)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }

  // Only when ok(): a failure has no value (no exception to throw in the device build).
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& operator*() const { return *value_; }
  const T* operator->() const { return &*value_; }

  // What went wrong; empty when ok().
  const std::string& error() const { return error_; }

 private:
  std::optional<T> value_;
  std::string error_;
};

}  // namespace hil::ir
