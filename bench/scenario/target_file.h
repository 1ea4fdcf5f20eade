// Target files: which real connection stands for each device of a scenario (a board's tty, its
// broker and node id), so the same scenario runs against processes and boards.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <variant>

#include "bench/io/qemu_board.h"
#include "bench/log/logger.h"
#include "bench/scenario/remote_device.h"
#include "bench/scenario/scenario_loader.h"
#include "bench/scenario/session.h"

namespace hil::scenario {

// A device that is a firmware image on a board QEMU emulates (`qemu: {image: F, board: B}`): its
// serial port is the PTY of the `hilbench qemu` started for it (qemu_target_boards.h).
struct QemuDevice {
  std::string image;  // as written when absolute, else joined to the target file's folder
  std::string board = bench::kDefaultQemuBoard;
};

struct Target {
  std::string file;
  std::map<std::string, RemoteConnection> devices;  // scenario device name -> connection
  std::map<std::string, QemuDevice> qemu;  // the devices (also in `devices`) run under QEMU
  bench::Logger log;                       // where the connections' links log (nowhere unless set)
};

// Reads a target file:
//   devices:
//     node: {node_id: 24a1601b2c3d, serial: /dev/ttyUSB0, mqtt: mqtt://127.0.0.1:1883,
//            username: u, password: p, tls_ca: ca.pem}
//     board: {qemu: {image: firmware/stepper_node.elf, board: mps2-an385}}
// (`serial:` values may also be written `serial:/dev/ttyUSB0`; a `qemu:` device has neither
// `serial:` nor `mqtt:`).
std::variant<Target, LoadError> load_target(const std::string& path);
// The same for a target file held in memory: `text` stands for the file at `path`.
std::variant<Target, LoadError> load_target_text(const std::string& text, const std::string& path);

// Sessions whose devices are the target's connections, on the wall clock (device time running
// `time_scale` times faster, as the devices were started with); every expect waits at least
// `latency_ms` of wall time, what a message needs to cross real links.
// The families' rows say what each kind needs named and which topics are its own.
std::function<std::unique_ptr<Session>(const SessionOptions&)> target_sessions(
    Target target, double time_scale, std::int64_t latency_ms,
    const FamilyRegistry& families = FamilyRegistry::builtin());

}  // namespace hil::scenario
