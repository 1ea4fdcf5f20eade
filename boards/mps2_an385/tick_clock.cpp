// SysTick as the board's clock.
#include "boards/mps2_an385/tick_clock.h"

#include "boards/mps2_an385/registers.h"

namespace hil::board {
namespace {

constexpr std::uint32_t kTickUs = 100;  // 10 kHz: a move ends within 0.1 ms of its time
constexpr std::uint32_t kCyclesPerUs = kSystemClockHz / 1'000'000;
constexpr std::uint32_t kCyclesPerTick = kTickUs * kCyclesPerUs;

volatile std::uint32_t g_ticks_low = 0;  // the tick count, as two words the interrupt writes
volatile std::uint32_t g_ticks_high = 0;
void (*g_on_tick)() = nullptr;

std::uint64_t tick_count() {
  std::uint32_t high = 0;
  std::uint32_t low = 0;
  do {  // re-read when the interrupt carried into the high word in between
    high = g_ticks_high;
    low = g_ticks_low;
  } while (high != g_ticks_high);
  return (std::uint64_t{high} << 32) | low;
}

}  // namespace

void start_tick_clock(void (*on_tick)()) {
  g_on_tick = on_tick;
  systick().rvr = kCyclesPerTick - 1;
  systick().cvr = 0;
  systick().csr = 0x7;  // processor clock, interrupt, on
}

std::int64_t now_us() {
  // With interrupts masked a wrapped counter's tick is not counted yet: never go back.
  static std::int64_t last = 0;
  for (;;) {
    const std::uint64_t before = tick_count();
    const std::uint32_t down = systick().cvr;
    // A tick that ended between the two reads: its interrupt has run, read again.
    if (tick_count() != before) continue;
    const std::uint32_t into_tick = (kCyclesPerTick - 1 - down) / kCyclesPerUs;
    const auto now = static_cast<std::int64_t>(before * kTickUs + into_tick);
    if (now > last) last = now;
    return last;
  }
}

}  // namespace hil::board

extern "C" void systick_handler() {
  const std::uint32_t low = hil::board::g_ticks_low + 1;
  if (low == 0) hil::board::g_ticks_high = hil::board::g_ticks_high + 1;
  hil::board::g_ticks_low = low;
  if (hil::board::g_on_tick != nullptr) hil::board::g_on_tick();
}
