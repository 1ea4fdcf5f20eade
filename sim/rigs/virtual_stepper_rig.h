// One simulated stepper node in process on virtual time: the rig behind Python and unit tests.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/common/captured_links.h"
#include "sim/common/memory_config_store.h"
#include "sim/common/seeded_random.h"
#include "sim/stepper/sim_stepper_board.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::sim {

struct VirtualStepperRigOptions {
  std::string node_id = "24a1601b2c3d";
  std::uint64_t seed = 1;
  bool mqtt_connected = true;
  SimStepperBoardOptions board;
};

class VirtualStepperRig {
 public:
  explicit VirtualStepperRig(const VirtualStepperRigOptions& options = {});

  // Sends one console line; returns what the console printed as a result (at once).
  std::vector<std::string> serial(const std::string& line);
  // Sends raw console bytes (framing, overflow); returns what was printed.
  std::vector<std::string> serial_bytes(const std::string& bytes);
  // The console's peer leaves (its PTY closed); returns the unfinished bytes the node dropped.
  std::size_t serial_peer_gone() { return board_.node().on_serial_peer_gone(); }
  // Publishes to devices/<id>/cmd; returns the payloads published on cmd/resp as a result.
  // While the node is disconnected the message cannot reach it: nothing runs, nothing returns.
  std::vector<std::string> mqtt(const std::string& payload);
  // Moves virtual time; returns the console lines printed meanwhile.
  std::vector<std::string> advance_ms(std::int64_t ms);
  // Moves virtual time a second at a time until no motor moves, at most `max_ms`: a move's end
  // without the idle seconds after it. Returns the console lines printed meanwhile.
  std::vector<std::string> advance_until_still_ms(std::int64_t max_ms);
  // Every MQTT message published since the last call (all topics, with times).
  std::vector<PublishedMessage> take_published() { return std::exchange(published_, {}); }
  nlohmann::json status() { return board_.node().status_snapshot(); }

  void set_mqtt_connected(bool connected);
  void power_cycle();

  std::int64_t now_ms() const { return scheduler_.now().count() / 1000; }
  const std::string& node_id() const { return board_.node().node_id(); }
  VirtualScheduler& scheduler() { return scheduler_; }
  SimStepperBoard& board() { return board_; }
  MemoryConfigStore& store() { return store_; }
  CapturedMqtt& mqtt_link() { return mqtt_; }

 private:
  std::vector<std::string> responses_since(std::size_t first) const;

  VirtualScheduler scheduler_;
  SeededRandom random_;
  MemoryConfigStore store_;
  CapturedConsole console_;
  CapturedMqtt mqtt_;
  SimStepperBoard board_;
  std::vector<PublishedMessage> published_;
};

}  // namespace hil::sim
