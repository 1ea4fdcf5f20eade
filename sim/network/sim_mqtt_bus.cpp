// The in-process MQTT broker.
#include "sim/network/sim_mqtt_bus.h"

#include <algorithm>
#include <utility>

#include "sim/network/mqtt_topic_filter.h"

namespace hil::sim {

SimMqttBus::SimMqttBus(core::Scheduler& scheduler) : scheduler_(scheduler) {}

SimMqttBus::~SimMqttBus() = default;

std::unique_ptr<SimMqttBus::Client> SimMqttBus::make_client(std::string name) {
  const std::uint64_t id = next_id_++;
  std::unique_ptr<Client> client(new Client(*this, id, std::move(name)));
  clients_[id] = client.get();
  return client;
}

void SimMqttBus::publish(std::string_view topic, std::string_view payload, bool retain,
                         const Client* sender) {
  route(std::string(topic), std::string(payload), retain, sender == nullptr ? 0 : sender->id_);
}

std::string SimMqttBus::client_name(std::uint64_t id) const {
  const auto it = clients_.find(id);
  return it == clients_.end() ? std::string() : it->second->name_;
}

const std::string* SimMqttBus::retained(const std::string& topic) const {
  const auto it = retained_.find(topic);
  return it == retained_.end() ? nullptr : &it->second.payload;
}

void SimMqttBus::route(const std::string& topic, const std::string& payload, bool retain,
                       std::uint64_t sender_id) {
  if (retain) {
    if (payload.empty()) {
      retained_.erase(topic);
    } else {
      retained_[topic] = Retained{payload, sender_id};
    }
  }
  // A live publish reaches subscribers with the retain flag clear, as brokers deliver it.
  for (const auto& [id, client] : clients_) {
    if (id != sender_id && client->connected_ && client->wants(topic))
      schedule(id, sender_id, topic, payload, false);
  }
}

void SimMqttBus::deliver_retained(Client& client, const std::string& filter) {
  for (const auto& [topic, kept] : retained_) {
    if (mqtt_topic_matches(filter, topic))
      schedule(client.id_, kept.sender_id, topic, kept.payload, true);
  }
}

void SimMqttBus::schedule(std::uint64_t client_id, std::uint64_t sender_id, std::string topic,
                          std::string payload, bool retained) {
  scheduler_.call_at(scheduler_.now(), [this, client_id, sender_id, topic = std::move(topic),
                                        payload = std::move(payload), retained] {
    const auto it = clients_.find(client_id);
    if (it == clients_.end() || !it->second->connected_ || !it->second->on_message_) return;
    delivering_from_ = sender_id;
    it->second->on_message_(topic, payload, retained);
    delivering_from_ = 0;
  });
}

SimMqttBus::Client::~Client() { bus_.clients_.erase(id_); }

bool SimMqttBus::Client::wants(std::string_view topic) const {
  return std::any_of(filters_.begin(), filters_.end(),
                     [&](const std::string& filter) { return mqtt_topic_matches(filter, topic); });
}

bool SimMqttBus::Client::publish(std::string_view topic, std::string_view payload, int,
                                 bool retain) {
  if (connected_) {
    if (on_sent_) on_sent_(topic, payload, retain);
    bus_.route(std::string(topic), std::string(payload), retain, id_);
    return true;
  }
  return offline_.push(Waiting{std::string(topic), std::string(payload), retain});
}

void SimMqttBus::Client::subscribe(std::string_view filter, int) {
  if (std::find(filters_.begin(), filters_.end(), filter) == filters_.end())
    filters_.emplace_back(filter);
  if (connected_) bus_.deliver_retained(*this, std::string(filter));
}

void SimMqttBus::Client::connect() {
  if (connected_) return;
  connected_ = true;
  for (const auto& filter : filters_) bus_.deliver_retained(*this, filter);
  offline_.drain([this](const Waiting& waiting) {
    if (on_sent_) on_sent_(waiting.topic, waiting.payload, waiting.retain);
    bus_.route(waiting.topic, waiting.payload, waiting.retain, id_);
  });
  if (on_connected_) on_connected_();
}

void SimMqttBus::Client::disconnect(bool clean) {
  if (!connected_) return;
  connected_ = false;
  if (!clean && !will_.topic.empty()) bus_.route(will_.topic, will_.payload, will_.retain, id_);
  if (on_disconnected_) on_disconnected_();
}

}  // namespace hil::sim
