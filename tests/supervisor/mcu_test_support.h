// Test support for the MCU side: a board of plain values implementing every port (the reference
// board's exact figures), and a rig that boots a SupervisorMcu on it in virtual time.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "firmware_core/supervisor/mcu_ports.h"
#include "firmware_core/supervisor/mcu_supervisor.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::supervisor::mcu_test {

using namespace std::chrono_literals;
using nlohmann::json;

// The reference board of behaviour-notes.md, as fixed values a test can change.
struct FakeBoard : BatteryGauge,
                   TemperatureSensor,
                   SwitchInputs,
                   RadioMonitor,
                   PowerControl,
                   PiResetLine,
                   core::LineSink {
  struct Line {
    core::Micros at;
    std::string text;
  };

  explicit FakeBoard(const core::Scheduler& scheduler) : scheduler(scheduler) {}

  BatteryReading read_battery() override {
    ++battery_reads;
    return battery;
  }
  double read_mcu_temp_c() override { return mcu_temp_c; }
  SwitchStates read_switches() override { return switches; }
  RadioStatus read_radio_status() override { return radio; }
  void prepare_poweroff() override { ++prepared; }
  void cut_pi_power() override { ++cuts; }
  void restore_pi_power() override { ++restores; }
  void pulse_reset() override { ++resets; }
  void write_line(std::string_view line) override {
    lines.push_back({scheduler.now(), std::string(line)});
  }

  const core::Scheduler& scheduler;
  BatteryReading battery{78, 11750, -420};
  double mcu_temp_c = 36.5;
  SwitchStates switches{true, false, true, true, false, true};
  RadioStatus radio = RadioStatus::kOk;
  int battery_reads = 0;
  int prepared = 0;
  int cuts = 0;
  int restores = 0;
  int resets = 0;
  std::vector<Line> lines;
};

inline McuOptions with_watchdog(core::Micros timeout) {
  McuOptions options;
  options.watchdog_timeout = timeout;
  return options;
}

struct McuRig {
  explicit McuRig(McuOptions options = {})
      : board(scheduler),
        mcu(McuPorts{scheduler, board, board, board, board, board, board, board},
            std::move(options)) {}

  // Boots and forgets the boot events.
  McuRig& booted() {
    mcu.boot();
    take();
    return *this;
  }
  void advance(core::Micros delta) { scheduler.advance(delta); }
  void send(std::string_view line) { mcu.on_uart_bytes(std::string(line) + "\n"); }
  // Every line written since the last take.
  std::vector<std::string> take() {
    std::vector<std::string> out;
    for (auto& line : board.lines) out.push_back(std::move(line.text));
    board.lines.clear();
    return out;
  }
  // Sends a request and returns the one reply it got (failing when there was not exactly one);
  // events that come with it (the watchdog's "ok" after the first request) are left out.
  std::string reply_to(std::string_view line) {
    take();
    send(line);
    std::vector<std::string> replies;
    for (std::string& out : take()) {
      if (out.rfind(R"({"event":)", 0) != 0) replies.push_back(std::move(out));
    }
    EXPECT_EQ(replies.size(), 1u) << "after " << line;
    return replies.empty() ? std::string() : replies.front();
  }
  // The lines whose "event" is `name`, parsed.
  std::vector<json> events(const std::vector<std::string>& lines, std::string_view name) const {
    std::vector<json> out;
    for (const std::string& line : lines) {
      json doc = json::parse(line);
      if (doc.value("event", "") == name) out.push_back(std::move(doc));
    }
    return out;
  }

  sim::VirtualScheduler scheduler;
  FakeBoard board;
  SupervisorMcu mcu;
};

}  // namespace hil::supervisor::mcu_test
