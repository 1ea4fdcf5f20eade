// Sends frames to the Zigbee IR blasters over MQTT, one blaster at a time never overlapping: a ZS06
// breaks a send that arrives while one is in flight, and nothing comes back to say a send is done,
// so a send counts as in flight for `spacing` after it was published and the next one waits.
//
// Frames wait, oldest first per blaster (send_queue.h: a newer frame of an entity replaces its
// waiting one), while
//  - the broker is unreachable: at most broker_queue_limit frames over all blasters;
//  - the blaster is offline per its Zigbee2MQTT availability: at most blaster_queue_limit frames;
//  - the blaster is busy with the previous send (bounded by the entities sharing the blaster).
// Beyond a limit the oldest frame is dropped, with a log line. When the cause goes away the frames
// go out in order, spaced as always. A blaster counts as online until its availability says not
// (Zigbee2MQTT without availability enabled never says anything).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "firmware_core/hvac/send_queue.h"
#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::hvac {

struct SenderOptions {
  core::Micros spacing{1'000'000};
  std::size_t broker_queue_limit = 100;
  std::size_t blaster_queue_limit = 10;
};

class BlasterSender {
 public:
  // The scheduler must outlive the sender (its destructor cancels its timers).
  BlasterSender(core::Scheduler& scheduler, core::MqttLink& mqtt, core::LineSink& log,
                SenderOptions options);
  ~BlasterSender();
  BlasterSender(const BlasterSender&) = delete;
  BlasterSender& operator=(const BlasterSender&) = delete;

  // The blaster's index; the same name gives the same index.
  std::size_t add_blaster(const std::string& name);
  std::size_t blaster_count() const { return blasters_.size(); }
  const std::string& name(std::size_t blaster) const { return blasters_[blaster]->name; }

  // Publishes the frame on zigbee2mqtt/<name>/set now if it can go now, else queues it.
  void send(std::size_t blaster, IrSend send);
  // Told by the bridge when the broker session comes and goes; coming back flushes in order.
  void set_broker_up(bool up);
  // From zigbee2mqtt/<name>/availability; coming back flushes in order.
  void set_online(std::size_t blaster, bool online);

  bool online(std::size_t blaster) const { return blasters_[blaster]->online; }
  std::size_t queued(std::size_t blaster) const { return blasters_[blaster]->queue.size(); }
  std::size_t queued() const;
  // Whether a frame of this entity is waiting for the blaster (a new one would replace it).
  bool has_waiting(std::size_t blaster, std::size_t entity) const;

 private:
  struct Blaster {
    std::string name;
    std::string set_topic;
    SendQueue queue;
    bool online = true;
    core::Micros ready_at{0};  // the previous send stops being in flight
    core::TimerId timer = 0;
  };

  bool broker_up() const;
  // Why the blaster's next frame cannot go now; empty when it can.
  std::string wait_reason(const Blaster& blaster) const;
  void drop_over_limits(Blaster& pushed_to);
  void drop_oldest(Blaster& blaster, const std::string& why);
  void pump(Blaster& blaster);
  void publish(Blaster& blaster, const IrSend& send);
  void flush_all();

  core::Scheduler& scheduler_;
  core::MqttLink& mqtt_;
  core::LineSink& log_;
  SenderOptions options_;
  bool broker_up_ = false;
  std::vector<std::unique_ptr<Blaster>> blasters_;  // stable addresses for the timers
};

}  // namespace hil::hvac
