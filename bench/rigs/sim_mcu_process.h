// A simulated supervisor board on a real serial port or a PTY, on the wall clock, with control
// lines on stdin: the body of `hilbench sim mcu`.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "bench/io/asio_scheduler.h"
#include "bench/io/line_input.h"
#include "bench/io/serial_link.h"
#include "bench/log/log_line_sink.h"
#include "firmware_core/supervisor/line_framer.h"
#include "sim/supervisor/sim_supervisor_board.h"

namespace hil::bench {

struct SimMcuProcessOptions {
  sim::SimSupervisorOptions board;
  std::string serial = "pty";  // "pty" or a tty path
  unsigned baud = SerialLink::kDefaultBaud;
  bool line_rate = false;  // pace the simulated UART at `baud` (10 bits a byte)
  double time_scale = 1.0;
  bool stdin_controls = true;
  Logger log;  // the board's lines, the control lines taken or refused, the UART's traffic
};

class SimMcuProcess {
 public:
  SimMcuProcess(boost::asio::io_context& io, SimMcuProcessOptions options);
  ~SimMcuProcess();
  SimMcuProcess(const SimMcuProcess&) = delete;
  SimMcuProcess& operator=(const SimMcuProcess&) = delete;

  // Opens the serial link, boots the board and starts reading control lines; false with a reason
  // if the serial port cannot be opened. Stdin that cannot be watched is only logged.
  bool start(std::string& error);
  // The one "ready" line: the serial path for the Pi's side, and how the board runs.
  nlohmann::json ready_info() const;
  // Applies one control line; a refusal is logged on stderr ("[control] refused: ...").
  void control(std::string_view line);
  void stop();

 private:
  void log_uart(supervisor::LineFramer& framer, const char* direction, std::string_view bytes);

  boost::asio::io_context& io_;
  SimMcuProcessOptions options_;
  AsioScheduler scheduler_;
  LogLineSink log_;
  Logger control_log_;
  Logger uart_log_;
  std::unique_ptr<SerialLink> serial_;
  std::unique_ptr<LineInput> stdin_;
  std::unique_ptr<sim::SimSupervisorBoard> board_;
  // Lines as they cross, for the log only.
  supervisor::LineFramer from_pi_;
  supervisor::LineFramer to_pi_;
};

}  // namespace hil::bench
