// The HVAC bridge: routing, announcements, commands, rate limiting and sensors.
#include "firmware_core/hvac/hvac_bridge.h"

#include <algorithm>

#include "firmware_core/hvac/climate_command.h"
#include "firmware_core/hvac/device_messages.h"
#include "firmware_core/hvac/discovery.h"
#include "firmware_core/hvac/ir_frame.h"

namespace hil::hvac {
namespace {

constexpr int kDiscoveryQos = 2;  // the spec's topic table
constexpr int kAvailabilityQos = 1;
constexpr int kStateQos = 0;
constexpr int kCommandQos = 1;
constexpr int kInputQos = 0;

std::string commands(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " command" : " commands");
}

}  // namespace

Checked<std::unique_ptr<HvacBridge>> HvacBridge::create(HvacPorts ports, BridgeConfig config) {
  Checked<BridgeConfig> checked = normalized(std::move(config));
  if (!checked) return CheckError{"hvac configuration: " + checked.error()};
  std::unique_ptr<HvacBridge> bridge(new HvacBridge(ports, std::move(checked).value()));
  return {std::move(bridge)};
}

HvacBridge::HvacBridge(HvacPorts ports, BridgeConfig config)
    : ports_(ports),
      config_(std::move(config)),
      status_topic_(ha_status_topic(config_.discovery_prefix)),
      sender_(ports.scheduler, ports.mqtt, ports.log,
              SenderOptions{config_.blaster_spacing, config_.broker_queue_limit,
                            config_.blaster_queue_limit}) {
  const core::Micros now = ports_.scheduler.now();
  entities_.reserve(config_.entities.size());
  for (const EntityConfig& entity_config : config_.entities) {
    const std::size_t blaster = sender_.add_blaster(entity_config.blaster);
    EntityTopics topics = entity_topics(config_.discovery_prefix, entity_config);
    if (blaster == blaster_availability_topics_.size()) {
      blaster_availability_topics_.push_back(topics.blaster_availability);
    }
    entities_.push_back(Entity{entity_config, std::move(topics), temperature_range(entity_config),
                               blaster, ClimateReport{entity_config.initial, std::nullopt, {}},
                               RateLimiter(config_.rate_burst, config_.rate_interval, now), 0, 0,
                               false});
  }
  set_will();
}

HvacBridge::~HvacBridge() {
  for (const Entity& entity : entities_) {
    if (entity.release_timer != 0) ports_.scheduler.cancel(entity.release_timer);
  }
}

bool HvacBridge::broker_up() const { return connected_ && ports_.mqtt.connected(); }

HvacBridge::Entity* HvacBridge::entity(std::string_view device_id) {
  for (Entity& candidate : entities_) {
    if (candidate.config.device_id == device_id) return &candidate;
  }
  return nullptr;
}

const ClimateReport* HvacBridge::report(std::string_view device_id) const {
  for (const Entity& candidate : entities_) {
    if (candidate.config.device_id == device_id) return &candidate.report;
  }
  return nullptr;
}

void HvacBridge::set_will() {
  for (const Entity& candidate : entities_) {
    if (candidate.removed) continue;
    ports_.mqtt.set_will(
        core::MqttWill{candidate.topics.availability, "offline", kAvailabilityQos, true});
    return;
  }
  // Every entity removed: a will would bring a deleted entity's availability topic back.
  ports_.mqtt.set_will(core::MqttWill{});
}

std::vector<Subscription> HvacBridge::subscriptions() const {
  std::vector<Subscription> out;
  const auto add = [&out](const std::string& topic, int qos) {
    const bool known = std::any_of(out.begin(), out.end(),
                                   [&](const Subscription& s) { return s.topic == topic; });
    if (!known) out.push_back(Subscription{topic, qos});
  };
  for (const Entity& candidate : entities_) {
    if (!candidate.removed) add(candidate.topics.set, kCommandQos);
  }
  for (const Entity& candidate : entities_) {
    if (!candidate.removed && !candidate.config.sensor_topic.empty()) {
      add(candidate.config.sensor_topic, kInputQos);
    }
  }
  for (const std::string& topic : blaster_availability_topics_) add(topic, kInputQos);
  add(status_topic_, kInputQos);
  return out;
}

void HvacBridge::on_connected() {
  connected_ = true;
  const auto live = std::count_if(entities_.begin(), entities_.end(),
                                  [](const Entity& candidate) { return !candidate.removed; });
  const auto removed = static_cast<std::ptrdiff_t>(entities_.size()) - live;
  ports_.log.write_line("broker connected: announcing " + std::to_string(live) +
                        (live == 1 ? " entity" : " entities") +
                        (removed > 0 ? ", clearing " + std::to_string(removed) + " removed" : ""));
  for (const Subscription& subscription : subscriptions()) {
    ports_.mqtt.subscribe(subscription.topic, subscription.qos);
  }
  announce_all();
  sender_.set_broker_up(true);
}

void HvacBridge::on_disconnected() {
  connected_ = false;
  sender_.set_broker_up(false);
}

void HvacBridge::announce_all() {
  for (const Entity& candidate : entities_) {
    if (candidate.removed) {
      clear(candidate);
    } else {
      announce(candidate);
    }
  }
}

void HvacBridge::announce(const Entity& target) {
  if (!broker_up()) return;
  ports_.mqtt.publish(
      target.topics.config,
      discovery_payload(target.config, config_.discovery_prefix, config_.sw_version), kDiscoveryQos,
      true);
  ports_.mqtt.publish(target.topics.availability, "online", kAvailabilityQos, true);
  publish_state(target);
}

void HvacBridge::clear(const Entity& target) {
  if (!broker_up()) return;
  ports_.mqtt.publish(target.topics.config, "", kDiscoveryQos, true);
  ports_.mqtt.publish(target.topics.state, "", kStateQos, true);
  ports_.mqtt.publish(target.topics.availability, "", kAvailabilityQos, true);
}

void HvacBridge::publish_state(const Entity& target) {
  if (!broker_up()) return;  // announced again on reconnect
  ports_.mqtt.publish(target.topics.state, state_payload(target.report), kStateQos, true);
}

bool HvacBridge::remove(std::string_view device_id) {
  Entity* target = entity(device_id);
  if (!target) return false;
  if (!target->removed) {
    target->removed = true;
    ports_.log.write_line(target->config.device_id + ": removed from Home Assistant");
    set_will();
  }
  clear(*target);
  return true;
}

void HvacBridge::remove_all() {
  for (const Entity& candidate : entities_) remove(candidate.config.device_id);
}

void HvacBridge::on_message(std::string_view topic, std::string_view payload, bool retained) {
  if (topic == status_topic_) {
    if (is_online_announcement(payload)) {
      ports_.log.write_line("Home Assistant is online: announcing every entity again");
      announce_all();
    }
    return;
  }
  for (std::size_t i = 0; i < entities_.size(); ++i) {
    Entity& candidate = entities_[i];
    if (topic == candidate.topics.set) on_command(i, payload, retained);
    if (!candidate.config.sensor_topic.empty() && topic == candidate.config.sensor_topic) {
      on_sensor(candidate, payload);
    }
  }
  for (std::size_t blaster = 0; blaster < blaster_availability_topics_.size(); ++blaster) {
    if (topic == blaster_availability_topics_[blaster]) on_blaster_availability(blaster, payload);
  }
}

void HvacBridge::on_command(std::size_t index, std::string_view payload, bool retained) {
  Entity& target = entities_[index];
  const std::string& id = target.config.device_id;
  if (target.removed) {
    ports_.log.write_line(id + ": ignored a command: the entity was removed");
    return;
  }
  if (retained) {
    ports_.log.write_line(id + ": ignored a retained command (it would replay on every reconnect)");
    return;
  }
  // What `mosquitto_pub -n -r` sends to clear a retained command: not a command at all.
  if (payload.empty()) {
    ports_.log.write_line(id + ": ignored an empty message (a retained command being cleared)");
    return;
  }
  const Checked<ClimateCommand> command = parse_climate_command(payload, target.range);
  if (!command) {
    target.report.error = command.error();
    ports_.log.write_line(id + ": bad command: " + command.error());
    publish_state(target);
    return;
  }
  target.report.state = apply(*command, target.report.state);
  target.report.error.clear();
  ports_.log.write_line(id + ": command " + to_string(*command) + " -> " +
                        ir::to_string(target.report.state));
  request_frame(index);  // the frame first, then the state, as in the spec's example
  publish_state(target);
}

void HvacBridge::request_frame(std::size_t index) {
  Entity& target = entities_[index];
  if (target.release_timer != 0) {
    ++target.held_commands;  // merges into the frame already held
    return;
  }
  const core::Micros now = ports_.scheduler.now();
  if (sender_.has_waiting(target.blaster, index) || target.limiter.try_take(now)) {
    dispatch(index);  // replacing a waiting frame adds no IR send, so it takes no token
    return;
  }
  target.held_commands = 1;
  const core::Micros when = target.limiter.next_available(now);
  target.release_timer = ports_.scheduler.call_at(when, [this, index] { release_held(index); });
  ports_.log.write_line(target.config.device_id + ": rate limit: command held for " +
                        std::to_string(core::to_ms(when - now)) +
                        " ms; later commands merge into it");
}

void HvacBridge::release_held(std::size_t index) {
  Entity& target = entities_[index];
  target.release_timer = 0;
  const core::Micros now = ports_.scheduler.now();
  if (!target.limiter.try_take(now)) {  // cannot happen: the timer fires when a token is there
    target.release_timer = ports_.scheduler.call_at(target.limiter.next_available(now),
                                                    [this, index] { release_held(index); });
    return;
  }
  ports_.log.write_line(target.config.device_id + ": rate limit: merged " +
                        commands(target.held_commands) + " into one frame");
  target.held_commands = 0;
  dispatch(index);
}

void HvacBridge::dispatch(std::size_t index) {
  const Entity& target = entities_[index];
  Checked<IrFrame> frame = encode_ir_frame(target.config.model, target.report.state);
  if (!frame) {  // cannot happen for a validated state; logged, never thrown
    ports_.log.write_line(target.config.device_id + ": cannot encode the frame: " + frame.error());
    return;
  }
  sender_.send(target.blaster,
               IrSend{next_seq_++, index, target.config.device_id,
                      ir::to_string(target.report.state), std::move(frame).value()});
}

void HvacBridge::on_sensor(Entity& target, std::string_view payload) {
  if (target.removed) return;
  const Checked<std::optional<double>> reading =
      parse_room_temperature(payload, target.config.sensor_key);
  if (!reading) {
    ports_.log.write_line(target.config.device_id + ": ignored a room temperature on " +
                          target.config.sensor_topic + ": " + reading.error());
    return;
  }
  if (!reading->has_value() || target.report.current_c == *reading) return;
  target.report.current_c = *reading;
  publish_state(target);
}

void HvacBridge::on_blaster_availability(std::size_t blaster, std::string_view payload) {
  const Checked<Availability> availability = parse_availability(payload);
  if (!availability) {
    ports_.log.write_line(sender_.name(blaster) +
                          ": ignored availability: " + availability.error());
    return;
  }
  sender_.set_online(blaster, *availability == Availability::kOnline);
}

}  // namespace hil::hvac
