// The boards QEMU runs for us, and its command line.
#include "bench/io/qemu_board.h"

#include <array>

namespace hil::bench {
namespace {

// One row per board; lm3s6965evb would be {"lm3s6965evb", "lm3s6965evb", {}}. The guest's clocks
// follow the host's: -icount would keep QEMU's translation time out of the firmware's timings, but
// it holds a guest that polls its UART hundreds of milliseconds from its input.
const std::array<QemuBoard, 1> kBoards = {{
    {"mps2-an385", "mps2-an385", {}},
}};

std::string socket_chardev(const std::string& id, const std::string& path) {
  return "socket,id=" + id + ",path=" + path + ",server=on,wait=on";
}

}  // namespace

const QemuBoard* find_qemu_board(const std::string& name) {
  for (const QemuBoard& board : kBoards) {
    if (board.name == name) return &board;
  }
  return nullptr;
}

std::string known_qemu_boards() {
  std::string names;
  for (const QemuBoard& board : kBoards) names += (names.empty() ? "" : ", ") + board.name;
  return names;
}

std::vector<std::string> qemu_command_line(const std::string& qemu, const QemuBoard& board,
                                           const std::string& image, const std::string& uart0_path,
                                           const std::string& uart1_path) {
  std::vector<std::string> argv = {qemu, "-M", board.machine, "-nographic", "-monitor", "none"};
  argv.insert(argv.end(), board.extra.begin(), board.extra.end());
  const std::vector<std::string> rest = {
      "-kernel", image,           "-chardev", socket_chardev("uart0", uart0_path),
      "-serial", "chardev:uart0", "-chardev", socket_chardev("uart1", uart1_path),
      "-serial", "chardev:uart1"};
  argv.insert(argv.end(), rest.begin(), rest.end());
  return argv;
}

}  // namespace hil::bench
