// Heap bytes per additional simulated stepper node in one process (many boards, one clock).
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "sim/common/captured_links.h"
#include "sim/common/memory_config_store.h"
#include "sim/common/seeded_random.h"
#include "sim/stepper/sim_stepper_board.h"
#include "sim/time/virtual_scheduler.h"

namespace {

// A console that forgets what it is told: printing is not what is measured here.
class NullConsole : public hil::core::LineSink {
 public:
  void write_line(std::string_view) override {}
};

struct Node {
  hil::sim::MemoryConfigStore store;
  std::unique_ptr<hil::sim::SimStepperBoard> board;
};

std::size_t heap_in_use() { return mallinfo2().uordblks; }

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 10000;
  hil::sim::VirtualScheduler scheduler;
  hil::sim::SeededRandom random(1);
  NullConsole console;
  hil::sim::CapturedMqtt mqtt(scheduler);  // never connected: nothing is kept
  std::vector<Node> nodes(static_cast<std::size_t>(count));
  const std::size_t before = heap_in_use();
  for (int i = 0; i < count; ++i) {
    hil::sim::SimStepperBoardOptions options;
    options.node.node_id = "node" + std::to_string(i);
    Node& node = nodes[static_cast<std::size_t>(i)];
    node.board = std::make_unique<hil::sim::SimStepperBoard>(scheduler, random, node.store, console,
                                                             mqtt, options);
    node.board->boot();
  }
  scheduler.advance(hil::core::Micros(2'000'000));  // every node joins Wi-Fi and settles
  for (auto& node : nodes) node.board->node().on_serial_line("MOVE:ALL,100");
  scheduler.advance(hil::core::Micros(1'000'000));
  const std::size_t after = heap_in_use();
  std::printf("{\"nodes\":%d,\"heap_bytes\":%zu,\"bytes_per_node\":%zu}\n", count, after - before,
              (after - before) / static_cast<std::size_t>(count));
  return 0;
}
