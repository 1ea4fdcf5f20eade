// A simulated supervisor board on a real serial port or a PTY, with control lines on stdin.
#include "bench/rigs/sim_mcu_process.h"

#include <unistd.h>

#include "sim/supervisor/board_control.h"

namespace hil::bench {
namespace {

constexpr std::size_t kLoggedChars = 200;

std::string excerpt(std::string_view text) {
  return text.size() <= kLoggedChars ? std::string(text)
                                     : std::string(text.substr(0, kLoggedChars)) + "...";
}

}  // namespace

SimMcuProcess::SimMcuProcess(boost::asio::io_context& io, SimMcuProcessOptions options)
    : io_(io),
      options_(std::move(options)),
      scheduler_(io, options_.time_scale),
      log_(options_.log.at("mcu")),
      control_log_(options_.log.at("control")),
      uart_log_(options_.log.at("uart")) {}

SimMcuProcess::~SimMcuProcess() {
  stop();
  board_.reset();  // cancels its timers while the scheduler still exists
}

bool SimMcuProcess::start(std::string& error) {
  serial_ = options_.serial == "pty" ? SerialLink::open_pty(io_, error, options_.log.at("serial"))
                                     : SerialLink::open_tty(io_, options_.serial, options_.baud,
                                                            error, options_.log.at("serial"));
  if (!serial_) return false;
  options_.board.line_rate_baud = options_.line_rate ? options_.baud : 0;
  board_ = std::make_unique<sim::SimSupervisorBoard>(scheduler_, options_.board, &log_);
  board_->set_on_pi_bytes([this](std::string_view bytes) {
    log_uart(to_pi_, "mcu>", bytes);
    serial_->write_or_drop(std::string(bytes));
  });
  // Each input is one event at one instant, so the firmware's times stay exact.
  serial_->set_on_bytes([this](std::string_view bytes) {
    log_uart(from_pi_, "pi> ", bytes);
    scheduler_.run_event([&] { board_->pi_write(bytes); });
  });
  // The Pi's end closed (a PTY's peer left): the MCU sees a break, so a half line never joins the
  // next peer's first.
  serial_->set_on_open_changed([this](bool open) {
    if (open) return;
    if (from_pi_.mid_line()) uart_log_.warning("the Pi left an unfinished line: dropped");
    from_pi_.reset();
    scheduler_.run_event([&] { board_->mcu().on_uart_break(); });
  });
  if (options_.stdin_controls) {
    std::string why;
    stdin_ = LineInput::open(
        io_, STDIN_FILENO, [this](std::string_view line) { control(line); },
        [this](const std::string& note) { control_log_.warning("stdin: " + note); }, why);
    if (!stdin_) control_log_.warning("no control lines: " + why);
  }
  scheduler_.run_event([&] { board_->boot(); });
  return true;
}

nlohmann::json SimMcuProcess::ready_info() const {
  const supervisor::McuOptions& mcu = board_->mcu().options();
  return {{"ready", true},
          {"device", "supervisor-mcu"},
          {"serial", serial_->path()},
          {"baud", options_.baud},
          {"line_rate", options_.line_rate},
          {"time_scale", options_.time_scale},
          {"firmware", mcu.firmware},
          {"watchdog_s", std::chrono::duration<double>(mcu.watchdog_timeout).count()},
          {"poweroff_min_battery_pct", mcu.poweroff_min_battery_pct},
          {"controls", stdin_ ? "stdin" : "none"}};
}

void SimMcuProcess::control(std::string_view line) {
  if (line.find_first_not_of(" \t") == std::string_view::npos)
    return;  // blank lines are not controls
  std::string error;
  scheduler_.run_event([&] { error = sim::apply_board_control(*board_, line); });
  if (error.empty()) {
    control_log_.info("applied: " + excerpt(line));
  } else {
    control_log_.warning("refused: " + error + ": " + excerpt(line));
  }
}

void SimMcuProcess::stop() {
  if (stdin_) stdin_->close();
}

void SimMcuProcess::log_uart(supervisor::LineFramer& framer, const char* direction,
                             std::string_view bytes) {
  framer.feed(bytes, [this, direction](std::string_view line) {
    uart_log_.info(std::string(direction) + ' ' + excerpt(line));
  });
}

}  // namespace hil::bench
