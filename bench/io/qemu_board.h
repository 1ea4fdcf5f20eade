// The boards `hilbench qemu` and target files can name: each one's QEMU machine and options, and
// the qemu-system-arm command line that runs a firmware image on it with its two UARTs on sockets.
#pragma once

#include <string>
#include <vector>

namespace hil::bench {

struct QemuBoard {
  std::string name;                // as users write it: "mps2-an385"
  std::string machine;             // QEMU's -M
  std::vector<std::string> extra;  // further options the board needs (none for mps2-an385)
};

inline constexpr const char* kDefaultQemuBoard = "mps2-an385";
inline constexpr const char* kDefaultQemuProgram = "/usr/bin/qemu-system-arm";

// The board of that name, or nullptr.
const QemuBoard* find_qemu_board(const std::string& name);
// "mps2-an385" (every known board, comma-separated), for refusals.
std::string known_qemu_boards();

// qemu-system-arm running `image` on `board` with no display or monitor; UART0 (the console) and
// UART1 (diagnostics) are unix sockets QEMU listens on, and it waits for us to connect to each
// before the guest runs, so no byte is lost.
std::vector<std::string> qemu_command_line(const std::string& qemu, const QemuBoard& board,
                                           const std::string& image, const std::string& uart0_path,
                                           const std::string& uart1_path);

}  // namespace hil::bench
