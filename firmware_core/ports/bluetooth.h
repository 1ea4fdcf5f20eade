// The Bluetooth port: connects and disconnects devices by address (BlueZ over D-Bus, or a
// simulated adapter) and reports the outcome. Every event comes later, from the host's event
// loop, never from inside a call.
#pragma once

#include <string>

namespace hil::core {

class BluetoothEvents {
 public:
  virtual ~BluetoothEvents() = default;
  virtual void on_connected(const std::string& address) = 0;
  // The adapter's error: its name (org.bluez.Error.Failed) and message
  // (br-connection-page-timeout).
  virtual void on_connect_failed(const std::string& address, const std::string& error_name,
                                 const std::string& message) = 0;
  // A connected device is no longer connected (the remote end, link loss, or our disconnect).
  virtual void on_disconnected(const std::string& address) = 0;
};

class BluetoothAdapter {
 public:
  virtual ~BluetoothAdapter() = default;
  virtual void set_events(BluetoothEvents& events) = 0;
  // `address` is XX:XX:XX:XX:XX:XX in upper case. on_connected or on_connect_failed follows.
  virtual void connect(const std::string& address) = 0;
  // Disconnects (or cancels a pending connect); on_disconnected follows for a connected device.
  virtual void disconnect(const std::string& address) = 0;
};

}  // namespace hil::core
