// The audio tests' only way to wait for PortAudio's thread: poll a condition until it holds or a
// deadline passes (yielding the core, never sleeping a guessed time).
#pragma once

#include <chrono>
#include <thread>

namespace hil::bench::testing {

inline constexpr std::chrono::milliseconds kAudioDeadline{10000};

template <typename Condition>
bool wait_for(Condition done, std::chrono::milliseconds limit = kAudioDeadline) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::yield();
  }
  return true;
}

}  // namespace hil::bench::testing
