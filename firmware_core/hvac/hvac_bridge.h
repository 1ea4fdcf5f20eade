// The HVAC bridge: Home Assistant climate entities over MQTT on one side, Daikin air conditioners
// behind Zigbee IR blasters (Zigbee2MQTT) on the other. The C++ counterpart of the Go service of
// shared/specs/hvac-climate-mqtt.md, as corrected by shared/specs/ir-and-home-assistant-notes.md.
//
// Pure logic: it talks through core::MqttLink, core::Scheduler and a core::LineSink for its log,
// and is told of the broker session and incoming messages by the host:
//
//   auto bridge = HvacBridge::create({scheduler, mqtt, log}, config);  // sets the will
//   client.set_on_connected([&] { bridge->on_connected(); });
//   client.set_on_disconnected([&] { bridge->on_disconnected(); });
//   client.set_on_message([&](auto topic, auto payload, int, bool retain) {
//     bridge->on_message(topic, payload, retain); });
//   client.start();
//
// On every (re)connect the bridge subscribes (subscriptions()), publishes each entity's discovery,
// "online" and state (retained), and sends the IR frames that waited. Each accepted command
// updates the state at once and becomes one frame of the whole state, subject to the per-entity
// rate limit (commands beyond it merge into the newest state, sent when the limit allows) and to
// the per-blaster spacing (blaster_sender.h). A command whose entity already has a frame waiting
// for its blaster replaces that frame and takes no token: it adds no IR send. A command that
// changes nothing still sends its frame (people press a button twice on purpose).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "firmware_core/hvac/blaster_sender.h"
#include "firmware_core/hvac/entity_config.h"
#include "firmware_core/hvac/rate_limiter.h"
#include "firmware_core/hvac/state_payload.h"
#include "firmware_core/hvac/topics.h"
#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::hvac {

struct HvacPorts {
  core::Scheduler& scheduler;
  core::MqttLink& mqtt;
  core::LineSink& log;  // one line per notable event, no terminator
};

struct Subscription {
  std::string topic;
  int qos = 0;
};

class HvacBridge {
 public:
  // Checks and completes the configuration (normalized()); on success sets the MQTT will: the
  // first entity's availability "offline", QoS 1, retained. Create it before the link connects.
  // The ports must outlive the bridge.
  static Checked<std::unique_ptr<HvacBridge>> create(HvacPorts ports, BridgeConfig config);
  ~HvacBridge();
  HvacBridge(const HvacBridge&) = delete;
  HvacBridge& operator=(const HvacBridge&) = delete;

  // The broker session is up: subscribe, announce every entity, send the frames that waited.
  void on_connected();
  // The broker session is gone: frames wait (at most broker_queue_limit) until on_connected().
  void on_disconnected();
  // Every message on a subscribed topic. Retained messages on a set topic are ignored (a retained
  // command would be replayed on every reconnect), and so are empty ones (what clears a retained
  // command).
  void on_message(std::string_view topic, std::string_view payload, bool retained);

  // Deletes the entity from HA: empty retained payloads on its config, state and availability
  // topics (again on every reconnect, in case the broker was away); its commands and sensor are
  // ignored from then on. Frames already accepted are still sent. False for an unknown device.
  // Called before the first connection, the entity is cleared without ever being announced; once
  // every entity is removed the will is cleared too.
  bool remove(std::string_view device_id);
  void remove_all();

  // What on_connected() subscribes to: each set topic (QoS 1), each sensor topic, each blaster's
  // availability and <prefix>/status (QoS 0).
  std::vector<Subscription> subscriptions() const;
  const BridgeConfig& config() const { return config_; }
  // The entity's desired state, room reading and error; nullptr for an unknown device.
  const ClimateReport* report(std::string_view device_id) const;
  // Frames waiting for a blaster or the broker.
  std::size_t queued_frames() const { return sender_.queued(); }
  const BlasterSender& sender() const { return sender_; }

 private:
  struct Entity {
    EntityConfig config;
    EntityTopics topics;
    ir::TemperatureRange range;
    std::size_t blaster = 0;
    ClimateReport report;
    RateLimiter limiter;
    std::size_t held_commands = 0;  // accepted while rate-limited, to go as one frame
    core::TimerId release_timer = 0;
    bool removed = false;
  };

  HvacBridge(HvacPorts ports, BridgeConfig config);

  bool broker_up() const;
  Entity* entity(std::string_view device_id);
  void set_will();
  void announce(const Entity& entity);
  void clear(const Entity& entity);
  void announce_all();
  void publish_state(const Entity& entity);

  void on_command(std::size_t index, std::string_view payload, bool retained);
  void on_sensor(Entity& entity, std::string_view payload);
  void on_blaster_availability(std::size_t blaster, std::string_view payload);
  // One frame of the entity's current state, now or when the rate limit allows.
  void request_frame(std::size_t index);
  void release_held(std::size_t index);
  void dispatch(std::size_t index);

  HvacPorts ports_;
  BridgeConfig config_;
  std::string status_topic_;
  std::vector<Entity> entities_;
  BlasterSender sender_;
  std::vector<std::string> blaster_availability_topics_;  // by blaster index
  std::uint64_t next_seq_ = 1;
  bool connected_ = false;
};

}  // namespace hil::hvac
