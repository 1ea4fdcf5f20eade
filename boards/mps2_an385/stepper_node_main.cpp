// The stepper node's firmware on the AN385: the core's StepperNode on the console UART, eight step
// generators, the config store in RAM and no radio.
#include <array>
#include <cstddef>

#include "boards/mps2_an385/main_loop.h"
#include "boards/mps2_an385/no_radio.h"
#include "boards/mps2_an385/ram_config_store.h"
#include "boards/mps2_an385/step_generator.h"
#include "boards/mps2_an385/xorshift_random.h"
#include "firmware_core/stepper/node.h"

namespace {

using namespace hil;

// The reference board's MAC: the node id (24a1601b2c3d) derives from it, as on the ESP32.
constexpr std::uint64_t kMac = 0x24a1601b2c3dULL;
constexpr std::uint64_t kRandomSeed = 1;

std::array<board::StepGenerator, stepper::kMotorCount> g_motors;

void issue_steps() {
  const std::int64_t now = board::now_us();
  for (auto& motor : g_motors) motor.on_tick(now);
}

}  // namespace

int main() {
  static board::Diagnostics diagnostics("stepper_node");
  board::Uart& uart = board::start_console_and_clock(issue_steps);
  static board::BoardScheduler scheduler;
  static board::XorshiftRandom random(kRandomSeed);
  static board::RamConfigStore store;
  static board::NoWifi wifi(scheduler, kMac);
  static board::NoBroker broker;
  static board::UartLineSink console(uart, "\r\n");
  std::array<core::StepperDriver*, stepper::kMotorCount> drivers{};
  for (std::size_t i = 0; i < g_motors.size(); ++i) drivers[i] = &g_motors[i];
  static stepper::StepperNode node(
      stepper::NodePorts{scheduler, random, store, wifi, console, broker, drivers}, {});
  node.boot();
  board::serve_forever(
      uart, scheduler, diagnostics, [](std::string_view bytes) { node.on_serial_bytes(bytes); },
      [] {
        for (auto& motor : g_motors) motor.poll();
      });
}
