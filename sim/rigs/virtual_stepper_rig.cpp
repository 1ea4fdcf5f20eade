// One simulated stepper node in process on virtual time.
#include "sim/rigs/virtual_stepper_rig.h"

#include <algorithm>

namespace hil::sim {
namespace {

SimStepperBoardOptions with_node_id(SimStepperBoardOptions board, const std::string& node_id) {
  board.node.node_id = node_id;
  return board;
}

}  // namespace

VirtualStepperRig::VirtualStepperRig(const VirtualStepperRigOptions& options)
    : random_(options.seed),
      mqtt_(scheduler_),
      board_(scheduler_, random_, store_, console_, mqtt_,
             with_node_id(options.board, options.node_id)) {
  mqtt_.on_publish = [this](const PublishedMessage& message) { published_.push_back(message); };
  board_.boot();
  scheduler_.run_due();
  if (options.mqtt_connected) set_mqtt_connected(true);
}

std::vector<std::string> VirtualStepperRig::responses_since(std::size_t first) const {
  std::vector<std::string> out;
  const std::string topic = board_.node().topic("cmd/resp");
  for (std::size_t i = first; i < published_.size(); ++i) {
    if (published_[i].topic == topic) out.push_back(published_[i].payload);
  }
  return out;
}

std::vector<std::string> VirtualStepperRig::serial(const std::string& line) {
  board_.node().on_serial_line(line);
  scheduler_.run_due();
  return console_.take();
}

std::vector<std::string> VirtualStepperRig::serial_bytes(const std::string& bytes) {
  board_.node().on_serial_bytes(bytes);
  scheduler_.run_due();
  return console_.take();
}

std::vector<std::string> VirtualStepperRig::mqtt(const std::string& payload) {
  if (!mqtt_.connected()) return {};
  const std::size_t first = published_.size();
  board_.node().on_mqtt_message(board_.node().topic("cmd"), payload);
  scheduler_.run_due();
  return responses_since(first);
}

std::vector<std::string> VirtualStepperRig::advance_ms(std::int64_t ms) {
  scheduler_.advance(Micros(ms * 1000));
  return console_.take();
}

std::vector<std::string> VirtualStepperRig::advance_until_still_ms(std::int64_t max_ms) {
  const auto any_moving = [this] {
    for (int id = 0; id < stepper::kMotorCount; ++id)
      if (board_.motor(id).moving()) return true;
    return false;
  };
  for (std::int64_t spent = 0; spent < max_ms; spent += 1000) {
    scheduler_.advance(Micros(std::min<std::int64_t>(1000, max_ms - spent) * 1000));
    if (!any_moving()) break;
  }
  return console_.take();
}

void VirtualStepperRig::set_mqtt_connected(bool connected) {
  mqtt_.set_connected(connected);
  if (connected) board_.node().on_mqtt_connected();
  scheduler_.run_due();
}

void VirtualStepperRig::power_cycle() {
  board_.power_cycle();
  scheduler_.run_due();
  if (mqtt_.connected()) board_.node().on_mqtt_connected();
  scheduler_.run_due();
}

}  // namespace hil::sim
