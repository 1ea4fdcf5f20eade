// The few Cortex-M instructions the board needs beyond C++: masking interrupts and sleeping.
#pragma once

#include <cstdint>

namespace hil::board {

// Masks interrupts for its lifetime (PRIMASK), restoring the previous state after.
class InterruptsMasked {
 public:
  InterruptsMasked() {
    __asm volatile("mrs %0, primask" : "=r"(primask_));
    __asm volatile("cpsid i" ::: "memory");
  }
  ~InterruptsMasked() { __asm volatile("msr primask, %0" ::"r"(primask_) : "memory"); }
  InterruptsMasked(const InterruptsMasked&) = delete;
  InterruptsMasked& operator=(const InterruptsMasked&) = delete;

 private:
  std::uint32_t primask_ = 0;
};

// Sleeps until the next interrupt (SysTick wakes it every 0.1 ms at the latest).
inline void wait_for_interrupt() { __asm volatile("wfi" ::: "memory"); }

}  // namespace hil::board
