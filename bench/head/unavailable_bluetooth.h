// The Bluetooth adapter of a head whose BlueZ cannot be reached: every connect fails with the
// reason, so the scripts keep being served and a connect is still answered.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <string>

#include "firmware_core/ports/bluetooth.h"

namespace hil::bench {

class UnavailableBluetooth : public core::BluetoothAdapter {
 public:
  static constexpr const char* kError = "org.hilbench.Error.NoBluez";

  UnavailableBluetooth(boost::asio::io_context& io, std::string why)
      : io_(io), why_(std::move(why)) {}
  void set_events(core::BluetoothEvents& events) override { events_ = &events; }
  void connect(const std::string& address) override {
    boost::asio::post(io_, [this, address] { events_->on_connect_failed(address, kError, why_); });
  }
  void disconnect(const std::string&) override {}

 private:
  boost::asio::io_context& io_;
  std::string why_;
  core::BluetoothEvents* events_ = nullptr;
};

}  // namespace hil::bench
