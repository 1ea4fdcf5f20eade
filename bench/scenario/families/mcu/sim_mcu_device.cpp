// The simulated supervisor board as a scenario device.
#include "bench/scenario/families/mcu/sim_mcu_device.h"

#include "sim/supervisor/board_control.h"

namespace hil::scenario {

std::unique_ptr<SimMcuDevice> SimMcuDevice::create(const std::string& name,
                                                   const nlohmann::json& options,
                                                   core::Scheduler& clock, DeviceOutput output,
                                                   std::string& error) {
  sim::SimSupervisorOptions board;
  const double pct = options.value("battery_pct", board.pack.soc_pct);
  const auto watchdog_s = options.value(
      "watchdog_s",
      std::chrono::duration_cast<std::chrono::seconds>(board.mcu.watchdog_timeout).count());
  const int min_pct = options.value("poweroff_min_battery_pct", board.mcu.poweroff_min_battery_pct);
  const auto baud = options.value("line_rate", std::int64_t{0});
  if (pct < 0 || pct > 100 || min_pct < 0 || min_pct > 100) {
    error =
        "mcu device '" + name + "': battery_pct and poweroff_min_battery_pct must lie in 0..100";
    return nullptr;
  }
  if (baud < 0 || baud > 10'000'000) {
    error = "mcu device '" + name + "': line_rate must be a baud rate (e.g. 115200) or 0";
    return nullptr;
  }
  board.pack.soc_pct = pct;
  board.pack.charger_online = options.value("charger", board.pack.charger_online);
  board.mcu.watchdog_timeout = std::chrono::seconds(watchdog_s);
  board.mcu.poweroff_min_battery_pct = min_pct;
  board.line_rate_baud = static_cast<unsigned>(baud);
  nlohmann::json described = options;
  described["name"] = name;
  described["kind"] = "mcu";
  std::unique_ptr<SimMcuDevice> device(
      new SimMcuDevice(name, board, std::move(described), clock, std::move(output)));
  device->start();
  return device;
}

SimMcuDevice::SimMcuDevice(std::string name, sim::SimSupervisorOptions options,
                           nlohmann::json described, core::Scheduler& clock, DeviceOutput output)
    : name_(std::move(name)),
      options_(std::move(options)),
      described_(std::move(described)),
      clock_(clock) {
  on_output = std::move(output);
}

SimMcuDevice::~SimMcuDevice() { board_.reset(); }  // its timers go while the clock still runs

void SimMcuDevice::start() {
  board_ = std::make_unique<sim::SimSupervisorBoard>(clock_, options_);
  framer_.reset();
  board_->set_on_pi_bytes([this](std::string_view bytes) {
    framer_.feed(bytes, [this](std::string_view line) {
      if (on_output)
        on_output(LinkMessage{
            clock_.now().count(), name_, "serial", "", std::string(line), false, false, {}});
    });
  });
  board_->boot();
}

bool SimMcuDevice::deliver(const std::string& link, const std::string&,
                           const std::string& payload) {
  if (link != "serial" || !board_->plugged()) return false;
  board_->pi_write(payload + "\n");
  return true;
}

bool SimMcuDevice::set_link_up(const std::string& link, bool up, std::string& error) {
  if (link != "serial") {
    error = "'" + name_ + "' (mcu) has no " + link + " link; its link is serial (the UART)";
    return false;
  }
  if (up) {
    board_->plug();
  } else {
    board_->unplug();
    framer_.reset();  // a line cut off mid-way never completes
  }
  return true;
}

bool SimMcuDevice::power_cycle(std::string&) {
  options_.pack.soc_pct = board_->pack().soc_pct();  // the charge is in the cells, not the MCU
  board_.reset();
  start();
  return true;
}

bool SimMcuDevice::set(const std::string& what, const nlohmann::json& value, std::string& error) {
  error = sim::apply_board_control(*board_, nlohmann::json{{what, value}}.dump());
  return error.empty();
}

nlohmann::json SimMcuDevice::state() {
  const sim::LiIonPack& pack = board_->pack();
  const supervisor::SwitchStates switches = board_->switches();
  return {{"battery_pct", pack.pct()},
          {"pack_mv", static_cast<int>(pack.pack_mv())},
          {"pack_ma", static_cast<int>(pack.pack_ma())},
          {"charger_online", pack.charger_online()},
          {"pi_powered", board_->pi_powered()},
          {"plugged", board_->plugged()},
          {"lte", switches.lte},
          {"wifi", switches.wifi},
          {"bt", switches.bt},
          {"lid_open", switches.lid_open}};
}

bool SimMcuDevice::changed_since_snapshot() {
  return !last_snapshot_ || *last_snapshot_ != state();
}

nlohmann::json SimMcuDevice::snapshot() {
  last_snapshot_ = state();
  return *last_snapshot_;
}

nlohmann::json SimMcuDevice::describe() const { return described_; }

}  // namespace hil::scenario
