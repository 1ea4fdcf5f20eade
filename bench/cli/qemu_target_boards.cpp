// The QEMU boards of a target file, as `hilbench qemu` children.
#include "bench/cli/qemu_target_boards.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "bench/io/run_until.h"

namespace hil::cli {
namespace {

// Past the child's own banner timeout (10 s) and QEMU's start: a child that is still silent then
// is stuck.
constexpr std::chrono::seconds kReadyLimit{60};

bool has_line(const bench::ChildProcess& child) {
  return child.output().find('\n') != std::string::npos;
}

}  // namespace

QemuTargetBoards::QemuTargetBoards(bench::Logger log, bench::LogLevel log_level)
    : log_(std::move(log)), log_level_(log_level) {}

QemuTargetBoards::~QemuTargetBoards() {
  for (const auto& board : boards_) board->terminate();
  for (const auto& board : boards_) board->wait();
}

bool QemuTargetBoards::start(scenario::Target& target, std::string& error) {
  if (target.qemu.empty()) return true;
  std::error_code ec;
  const std::string self = std::filesystem::read_symlink("/proc/self/exe", ec).string();
  if (ec) {
    error = "cannot find this program to run its QEMU boards: " + ec.message();
    return false;
  }
  std::vector<std::string> names;
  for (const auto& [name, device] : target.qemu) {
    names.push_back(name);
    boards_.push_back(std::make_unique<bench::ChildProcess>(
        io_, std::vector<std::string>{self, "qemu", device.image, "--board", device.board,
                                      "--log-level", std::string(bench::to_string(log_level_))}));
  }
  const auto all_answered = [this] {
    return std::all_of(boards_.begin(), boards_.end(),
                       [](const auto& board) { return has_line(*board) || board->finished(); });
  };
  bench::run_until(io_, all_answered, kReadyLimit);
  for (std::size_t i = 0; i < boards_.size(); ++i) {
    const scenario::QemuDevice& device = target.qemu.at(names[i]);
    const std::string what = "the QEMU board of device '" + names[i] + "' (" + device.image + ")";
    const std::string& output = boards_[i]->output();
    if (!has_line(*boards_[i])) {
      error = what + (boards_[i]->finished()
                          ? " did not start (see its reasons above)"
                          : " was not ready after " + std::to_string(kReadyLimit.count()) + " s");
      return false;
    }
    const auto ready = nlohmann::json::parse(output.substr(0, output.find('\n')), nullptr, false);
    if (!ready.is_object() || !ready.value("serial", nlohmann::json()).is_string()) {
      error = what + " gave no serial port in its ready line: " + output;
      return false;
    }
    target.devices.at(names[i]).serial = ready["serial"].get<std::string>();
    log_.info(what + " is ready on " + target.devices.at(names[i]).serial + ": " +
              ready.value("banner", ""));
  }
  return true;
}

}  // namespace hil::cli
