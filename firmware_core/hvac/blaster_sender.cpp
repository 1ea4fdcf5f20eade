// Spacing, queueing and flushing of IR frames per blaster.
#include "firmware_core/hvac/blaster_sender.h"

#include <algorithm>

namespace hil::hvac {
namespace {

std::string frames(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " frame" : " frames");
}

}  // namespace

BlasterSender::BlasterSender(core::Scheduler& scheduler, core::MqttLink& mqtt, core::LineSink& log,
                             SenderOptions options)
    : scheduler_(scheduler), mqtt_(mqtt), log_(log), options_(options) {}

BlasterSender::~BlasterSender() {
  for (const auto& blaster : blasters_) {
    if (blaster->timer != 0) scheduler_.cancel(blaster->timer);
  }
}

std::size_t BlasterSender::add_blaster(const std::string& name) {
  for (std::size_t i = 0; i < blasters_.size(); ++i) {
    if (blasters_[i]->name == name) return i;
  }
  auto blaster = std::make_unique<Blaster>();
  blaster->name = name;
  blaster->set_topic = "zigbee2mqtt/" + name + "/set";
  blasters_.push_back(std::move(blaster));
  return blasters_.size() - 1;
}

std::size_t BlasterSender::queued() const {
  std::size_t total = 0;
  for (const auto& blaster : blasters_) total += blaster->queue.size();
  return total;
}

bool BlasterSender::has_waiting(std::size_t blaster, std::size_t entity) const {
  const auto& sends = blasters_[blaster]->queue.sends();
  return std::any_of(sends.begin(), sends.end(),
                     [entity](const IrSend& send) { return send.entity == entity; });
}

bool BlasterSender::broker_up() const { return broker_up_ && mqtt_.connected(); }

std::string BlasterSender::wait_reason(const Blaster& blaster) const {
  if (!broker_up()) return "broker unreachable";
  if (!blaster.online) return blaster.name + " offline";
  const core::Micros now = scheduler_.now();
  if (now < blaster.ready_at) {
    return blaster.name + " busy for " + std::to_string(core::to_ms(blaster.ready_at - now)) +
           " ms";
  }
  return {};
}

void BlasterSender::send(std::size_t index, IrSend send) {
  Blaster& blaster = *blasters_[index];
  const std::string device_id = send.device_id;
  if (blaster.queue.push(std::move(send)) == SendQueue::Pushed::kSuperseded) {
    log_.write_line(device_id + ": newer state replaces the frame waiting for " + blaster.name);
  } else {
    drop_over_limits(blaster);
    if (const std::string why = wait_reason(blaster); !why.empty()) {
      log_.write_line(device_id + ": frame queued for " + blaster.name + " (" + why + "), " +
                      frames(blaster.queue.size()) + " waiting");
    }
  }
  pump(blaster);
}

void BlasterSender::drop_over_limits(Blaster& pushed_to) {
  if (!pushed_to.online && pushed_to.queue.size() > options_.blaster_queue_limit) {
    drop_oldest(pushed_to, pushed_to.name + " offline: queue full (" +
                               frames(options_.blaster_queue_limit) + ")");
  }
  if (broker_up()) return;
  while (queued() > options_.broker_queue_limit) {
    Blaster* oldest = nullptr;
    for (const auto& blaster : blasters_) {
      if (blaster->queue.empty()) continue;
      if (!oldest || blaster->queue.front().seq < oldest->queue.front().seq) {
        oldest = blaster.get();
      }
    }
    drop_oldest(*oldest,
                "broker unreachable: queue full (" + frames(options_.broker_queue_limit) + ")");
  }
}

void BlasterSender::drop_oldest(Blaster& blaster, const std::string& why) {
  const IrSend dropped = blaster.queue.pop_front();
  log_.write_line(why + ", dropped the oldest frame: " + dropped.device_id + " on " + blaster.name +
                  " (" + dropped.state_text + ")");
}

void BlasterSender::set_broker_up(bool up) {
  broker_up_ = up;
  if (up) {
    flush_all();
    return;
  }
  for (const auto& blaster : blasters_) {
    core::cancel_timer(scheduler_, blaster->timer);
  }
  const std::size_t waiting = queued();
  log_.write_line("broker unreachable: IR frames wait (at most " +
                  frames(options_.broker_queue_limit) + ")" +
                  (waiting ? ", " + frames(waiting) + " waiting" : ""));
}

void BlasterSender::flush_all() {
  std::vector<Blaster*> order;
  for (const auto& blaster : blasters_) {
    if (!blaster->queue.empty()) order.push_back(blaster.get());
  }
  if (order.empty()) return;
  std::sort(order.begin(), order.end(), [](const Blaster* a, const Blaster* b) {
    return a->queue.front().seq < b->queue.front().seq;
  });
  log_.write_line("broker reachable: sending " + frames(queued()) + " that waited, in order");
  for (Blaster* blaster : order) pump(*blaster);
}

void BlasterSender::set_online(std::size_t index, bool online) {
  Blaster& blaster = *blasters_[index];
  if (blaster.online == online) return;
  blaster.online = online;
  if (!online) {
    core::cancel_timer(scheduler_, blaster.timer);
    log_.write_line(blaster.name + " is offline: its IR frames wait (at most " +
                    frames(options_.blaster_queue_limit) + ")");
    while (blaster.queue.size() > options_.blaster_queue_limit) {
      drop_oldest(blaster, blaster.name + " offline: queue full (" +
                               frames(options_.blaster_queue_limit) + ")");
    }
    return;
  }
  log_.write_line(blaster.name + " is online" +
                  (blaster.queue.empty()
                       ? std::string()
                       : ": sending " + frames(blaster.queue.size()) + " that waited, in order"));
  pump(blaster);
}

void BlasterSender::pump(Blaster& blaster) {
  while (!blaster.queue.empty() && broker_up() && blaster.online) {
    const core::Micros now = scheduler_.now();
    if (now < blaster.ready_at) {
      if (blaster.timer == 0) {
        blaster.timer = scheduler_.call_at(blaster.ready_at, [this, target = &blaster] {
          target->timer = 0;
          pump(*target);
        });
      }
      return;
    }
    const IrSend send = blaster.queue.pop_front();
    blaster.ready_at = now + options_.spacing;
    publish(blaster, send);
  }
}

void BlasterSender::publish(Blaster& blaster, const IrSend& send) {
  if (!mqtt_.publish(blaster.set_topic, blaster_payload(send.frame), 1, false)) {
    log_.write_line(send.device_id + ": the MQTT client dropped the frame for " + blaster.name +
                    " (its queue is full)");
    return;
  }
  log_.write_line(send.device_id + ": sent " + describe(send.frame) + " to " + blaster.name + " (" +
                  send.state_text + ")");
}

}  // namespace hil::hvac
