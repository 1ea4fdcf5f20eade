// `hilbench hvac`: the core's HVAC bridge on a real broker.
#include "bench/hvac/hvac_service.h"

#include "bench/io/mqtt_url.h"
#include "firmware_core/hvac/topics.h"

namespace hil::bench {

HvacService::HvacService(boost::asio::io_context& io, HvacServiceOptions options)
    : io_(io), options_(std::move(options)), scheduler_(io), log_(options_.log.at("hvac")) {}

HvacService::~HvacService() = default;

bool HvacService::start(std::string& error) {
  auto client = client_options_for(options_.broker_url, options_.username, options_.password,
                                   options_.tls_ca_file, error);
  if (!client) return false;
  if (options_.config.entities.empty()) {
    error = "no climate entity configured";
    return false;
  }
  client->tls_cert_file = options_.tls_cert_file;
  client->tls_key_file = options_.tls_key_file;
  client->client_id =
      "hilbench-hvac-" + options_.config.entities.front().device_id;  // the spec's one per service
  client->keepalive_s = 60;
  client->log = options_.log.at("mqtt");
  mqtt_ = std::make_unique<MqttClient>(io_, *client);
  auto bridge =
      hvac::HvacBridge::create({scheduler_, *mqtt_, log_}, options_.config);  // sets the will
  if (!bridge) {
    error = bridge.error();
    return false;
  }
  bridge_ = std::move(bridge).value();
  options_.config = bridge_->config();         // with its defaults filled in, for the ready line
  if (options_.remove) bridge_->remove_all();  // before connecting: nothing is announced
  mqtt_->set_on_connected([this] {
    bridge_->on_connected();
    ready_ = true;
  });
  mqtt_->set_on_disconnected([this] {
    if (!stopping_) bridge_->on_disconnected();  // a disconnect we asked for is no outage
  });
  mqtt_->set_on_message([this](std::string_view topic, std::string_view payload, int, bool retain) {
    bridge_->on_message(topic, payload, retain);
  });
  mqtt_->start();
  return true;
}

nlohmann::json HvacService::ready_info() const {
  nlohmann::json entities = nlohmann::json::array();
  for (const auto& entity : options_.config.entities) {
    const hvac::EntityTopics topics = hvac::entity_topics(options_.config.discovery_prefix, entity);
    entities.push_back({{"device", entity.device_id},
                        {"blaster", entity.blaster},
                        {"topics",
                         {{"config", topics.config},
                          {"set", topics.set},
                          {"state", topics.state},
                          {"availability", topics.availability},
                          {"blaster_set", topics.blaster_set}}}});
  }
  return {{"ready", true}, {"broker", options_.broker_url}, {"entities", entities}};
}

void HvacService::stop(bool announce_offline) {
  if (!mqtt_) return;
  stopping_ = true;
  if (mqtt_->connected() && announce_offline) {
    for (const auto& entity : options_.config.entities) {
      mqtt_->publish(hvac::entity_topics(options_.config.discovery_prefix, entity).availability,
                     "offline", 1, true);
    }
  }
  mqtt_->stop();  // once what is in flight (these, or the removals) is acknowledged
}

}  // namespace hil::bench
