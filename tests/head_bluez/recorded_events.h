// The Bluetooth events a test has received, in order, as text ("connected AA:..").
#pragma once

#include <string>
#include <vector>

#include "firmware_core/ports/bluetooth.h"

namespace hil::bench::testing {

class RecordedEvents : public hil::core::BluetoothEvents {
 public:
  void on_connected(const std::string& address) override {
    lines.push_back("connected " + address);
  }
  void on_connect_failed(const std::string& address, const std::string& error_name,
                         const std::string& message) override {
    lines.push_back("connect failed " + address + " " + error_name + " " + message);
  }
  void on_disconnected(const std::string& address) override {
    lines.push_back("disconnected " + address);
  }

  std::vector<std::string> lines;
};

}  // namespace hil::bench::testing
