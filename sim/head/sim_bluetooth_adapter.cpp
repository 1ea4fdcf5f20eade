// A simulated Bluetooth adapter.
#include "sim/head/sim_bluetooth_adapter.h"

namespace hil::sim {

SimBluetoothAdapter::~SimBluetoothAdapter() {
  for (auto& [address, device] : devices_) scheduler_.cancel(device.pending);
}

void SimBluetoothAdapter::post(std::function<void()> fn) {
  scheduler_.call_at(scheduler_.now(), [alive = std::weak_ptr<int>(alive_), fn = std::move(fn)] {
    if (alive.lock()) fn();
  });
}

void SimBluetoothAdapter::describe(const std::string& address, SimBluetoothDevice device) {
  devices_[address].spec = std::move(device);
}

bool SimBluetoothAdapter::drop(const std::string& address) {
  const auto it = devices_.find(address);
  if (it == devices_.end() || !it->second.connected) return false;
  it->second.connected = false;
  post([this, address] {
    if (events_ != nullptr) events_->on_disconnected(address);
  });
  return true;
}

bool SimBluetoothAdapter::connected(const std::string& address) const {
  const auto it = devices_.find(address);
  return it != devices_.end() && it->second.connected;
}

void SimBluetoothAdapter::connect(const std::string& address) {
  const auto it = devices_.find(address);
  if (it == devices_.end()) {
    post([this, address] {
      if (events_ != nullptr)
        events_->on_connect_failed(address, kUnknownDeviceError,
                                   "Device " + address + " not available");
    });
    return;
  }
  Device& device = it->second;
  if (device.connected) {
    post([this, address] {
      if (events_ != nullptr)
        events_->on_connect_failed(address, "org.bluez.Error.AlreadyConnected",
                                   "Already Connected");
    });
    return;
  }
  if (device.pending != 0) {
    post([this, address] {
      if (events_ != nullptr)
        events_->on_connect_failed(address, "org.bluez.Error.InProgress", "In Progress");
    });
    return;
  }
  if (device.spec.never_answers) return;
  device.pending =
      scheduler_.call_at(scheduler_.now() + device.spec.connect_takes, [this, address] {
        Device& answered = devices_.at(address);
        answered.pending = 0;
        if (events_ == nullptr) return;
        if (!answered.spec.fails_with.empty()) {
          events_->on_connect_failed(address, answered.spec.fails_with, answered.spec.fail_message);
          return;
        }
        answered.connected = true;
        events_->on_connected(address);
      });
}

void SimBluetoothAdapter::disconnect(const std::string& address) {
  const auto it = devices_.find(address);
  if (it == devices_.end()) return;
  scheduler_.cancel(it->second.pending);  // a pending connect is given up
  it->second.pending = 0;
  drop(address);
}

}  // namespace hil::sim
