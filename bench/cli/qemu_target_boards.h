// The QEMU boards a target file names, each run by a `hilbench qemu` child of this program for as
// long as `run --target` or `replay --target` lasts; their PTYs become the devices' serial ports.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "bench/io/child_process.h"
#include "bench/log/log_level.h"
#include "bench/log/logger.h"
#include "bench/scenario/target_file.h"

namespace hil::cli {

class QemuTargetBoards {
 public:
  // The children log on our stderr at `log_level`; what this class says goes to `log`.
  QemuTargetBoards(bench::Logger log, bench::LogLevel log_level);
  // Ends every board: SIGTERM to each child, then waits for them all.
  ~QemuTargetBoards();
  QemuTargetBoards(const QemuTargetBoards&) = delete;
  QemuTargetBoards& operator=(const QemuTargetBoards&) = delete;

  // Starts a board for each QEMU device of `target`, side by side, and gives each device its
  // board's PTY as serial port. False with a reason if one does not get ready (the child has
  // logged why on stderr).
  [[nodiscard]] bool start(scenario::Target& target, std::string& error);

 private:
  bench::Logger log_;
  bench::LogLevel log_level_;
  boost::asio::io_context io_;  // reads the children's ready lines
  std::vector<std::unique_ptr<bench::ChildProcess>> boards_;
};

}  // namespace hil::cli
