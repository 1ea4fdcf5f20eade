// Fuzz target: arbitrary control messages to the robot head's controller. The first byte picks the
// control topic (start, stop, status, bluetooth/connect, or one it does not know), the rest is the
// payload. Whatever arrives is answered (nothing is silently dropped), every answer is JSON on a
// topic with no wildcard, a refused start spawns nothing, and the controller still serves after.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "firmware_core/head/control_message.h"
#include "firmware_core/head/head_controller.h"
#include "sim/common/captured_links.h"
#include "sim/head/sim_bluetooth_adapter.h"
#include "sim/head/sim_process_runner.h"
#include "sim/time/virtual_scheduler.h"

namespace {

using namespace std::chrono_literals;

void check(bool condition) {
  if (!condition) std::abort();
}

struct Epoch : hil::core::WallClock {
  double unix_seconds() const override { return 1'700'000'000.0; }
};

const char* const kTopics[] = {"script/start", "script/stop", "script/status", "bluetooth/connect",
                               "script/launch"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string suffix = kTopics[data[0] % 5];
  const std::string_view payload(reinterpret_cast<const char*>(data + 1), size - 1);
  if (const auto kind = hil::head::command_kind(suffix)) {
    const auto parsed = hil::head::parse_command(*kind, payload);
    if (const auto* refusal = std::get_if<hil::head::Refusal>(&parsed))
      check(!refusal->error.empty());
  }

  hil::sim::VirtualScheduler clock;
  hil::sim::CapturedMqtt mqtt(clock);
  hil::sim::SimProcessRunner runner(clock);
  hil::sim::SimBluetoothAdapter adapter(clock);
  hil::sim::CapturedConsole log;
  Epoch epoch;
  hil::sim::SimScript script;
  script.runs_for = 1s;
  for (const char* path : {"a.py", "b.py", "/s/c.py"}) runner.describe(path, script);
  adapter.describe("00:11:22:33:44:55", {});
  hil::head::HeadOptions options;
  options.name = "h";
  hil::head::HeadController head({clock, mqtt, runner, adapter, epoch, log}, options);
  mqtt.set_connected(true);
  head.on_connected();
  mqtt.take();

  head.on_message("heads/h/control/" + suffix, payload);
  clock.advance(60s);
  const auto answers = mqtt.take();
  check(!answers.empty());
  for (const auto& answer : answers) {
    check(answer.topic.find_first_of("+#") == std::string::npos);
    check(!nlohmann::json::parse(answer.payload, nullptr, false).is_discarded());
  }
  check(runner.processes_alive() == 0);  // it ran its second, or never started

  head.on_message("heads/h/control/script/start", R"({"id":"after","path":"a.py"})");
  clock.advance(10ms);
  const auto after = mqtt.take();
  check(!after.empty() && after.back().payload.find("\"running\"") != std::string::npos);
  return 0;
}
