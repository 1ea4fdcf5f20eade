// A simulated Bluetooth adapter on any scheduler: devices it knows connect after their latency or
// fail as described (BlueZ's error names and messages), unknown addresses fail as BlueZ says for a
// device it has not discovered, and a connected device can be dropped from the far end.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "firmware_core/ports/bluetooth.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::sim {

struct SimBluetoothDevice {
  core::Micros connect_takes = std::chrono::milliseconds(300);
  std::string fails_with;      // an error name (org.bluez.Error.Failed); "" connects
  std::string fail_message;    // br-connection-page-timeout
  bool never_answers = false;  // the connect hangs (only a timeout ends it)
};

// BlueZ's answer for an address it does not know (as bluetoothctl reports it).
inline constexpr const char* kUnknownDeviceError = "org.bluez.Error.DoesNotExist";

class SimBluetoothAdapter : public core::BluetoothAdapter {
 public:
  explicit SimBluetoothAdapter(core::Scheduler& scheduler) : scheduler_(scheduler) {}
  ~SimBluetoothAdapter() override;
  SimBluetoothAdapter(const SimBluetoothAdapter&) = delete;
  SimBluetoothAdapter& operator=(const SimBluetoothAdapter&) = delete;

  // Adds or replaces the device at `address` (upper case).
  void describe(const std::string& address, SimBluetoothDevice device);
  // The far end goes away (powered off, out of range): on_disconnected when it was connected.
  bool drop(const std::string& address);
  bool connected(const std::string& address) const;

  void set_events(core::BluetoothEvents& events) override { events_ = &events; }
  void connect(const std::string& address) override;
  void disconnect(const std::string& address) override;

 private:
  struct Device {
    SimBluetoothDevice spec;
    bool connected = false;
    core::TimerId pending = 0;
  };
  void post(std::function<void()> fn);

  core::Scheduler& scheduler_;
  core::BluetoothEvents* events_ = nullptr;
  std::map<std::string, Device> devices_;
  std::shared_ptr<int> alive_ = std::make_shared<int>(0);  // what posted events check
};

}  // namespace hil::sim
