// A simulated device on the session's in-process broker.
#include "bench/scenario/sim_bus_device.h"

namespace hil::scenario {

SimBusDevice::SimBusDevice(std::string name, sim::SimMqttBus& bus, const core::Scheduler& clock,
                           DeviceOutput output)
    : name_(std::move(name)),
      bus_(bus),
      clock_(clock),
      client_(bus.make_client(name_)),
      scenario_(bus.make_client("scenario:" + name_)) {
  on_output = std::move(output);
  client_->set_on_message([this](std::string_view topic, std::string_view payload, bool retained) {
    // The session has recorded this device's own scenario sends already.
    if (bus_.delivering_from() != scenario_->id())
      emit_inbound(topic, payload, bus_.client_name(bus_.delivering_from()));
    on_message(topic, payload, retained);
  });
  client_->set_on_sent([this](std::string_view topic, std::string_view payload, bool) {
    emit("mqtt", std::string(topic), std::string(payload));
    on_sent(topic, payload);
  });
  client_->set_on_connected([this] { on_connected(); });
  client_->set_on_disconnected([this] { on_disconnected(); });
}

SimBusDevice::~SimBusDevice() = default;

void SimBusDevice::emit(const std::string& link, std::string topic, std::string payload) {
  if (on_output)
    on_output(LinkMessage{
        clock_.now().count(), name_, link, std::move(topic), std::move(payload), false, false, {}});
}

void SimBusDevice::emit_inbound(std::string_view topic, std::string_view payload,
                                std::string from) {
  if (on_output) {
    on_output(LinkMessage{clock_.now().count(), name_, "mqtt", std::string(topic),
                          std::string(payload), true, false, std::move(from)});
  }
}

bool SimBusDevice::deliver(const std::string& link, const std::string& topic,
                           const std::string& payload) {
  if (link != "mqtt" || !client_->connected()) return false;
  bus_.publish(topic, payload, false, scenario_.get());
  return true;
}

bool SimBusDevice::set_link_up(const std::string& link, bool up, std::string& error) {
  if (link != "mqtt") {
    error = "'" + name_ + "' (" + kind() + ") has no " + link + " link; its link is mqtt";
    return false;
  }
  if (up) {
    client_->connect();
  } else {
    client_->disconnect(false);
  }
  return true;
}

}  // namespace hil::scenario
