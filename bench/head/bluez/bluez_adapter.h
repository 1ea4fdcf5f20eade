// The robot head's Bluetooth adapter on BlueZ (5.66, Debian 12) over the D-Bus system bus, with
// sd-bus. A device is found in BlueZ's object list (ObjectManager.GetManagedObjects on "/"), then
// connected with org.bluez.Device1.Connect, whose error name and message are passed on as BlueZ
// sent them. A disconnect is seen as PropertiesChanged Connected=false: 5.66 has no other
// disconnect signal (Device1.Disconnected came in 5.83).
#pragma once

#include <systemd/sd-bus.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "bench/head/bluez/bus_call.h"
#include "bench/head/bluez/bus_pump.h"
#include "bench/head/bluez/sd_bus_ptr.h"
#include "firmware_core/ports/bluetooth.h"

namespace hil::bench {

struct BluezOptions {
  // Only devices of this adapter ("hci0"); empty: a device of any adapter.
  std::string adapter_name;
  // How long a connect waits for BlueZ before it fails with BluezAdapter::kTimeoutError.
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(30)};
};

class BluezAdapter : public hil::core::BluetoothAdapter {
 public:
  // The errors the adapter reports itself; every other error is BlueZ's, passed on unchanged.
  // A device BlueZ does not list fails as bluetoothctl says it ("Device <address> not available"),
  // under the name BlueZ gives a missing object (src/error.c btd_error_does_not_exist).
  static constexpr const char* kNotAvailableError = "org.bluez.Error.DoesNotExist";
  // No answer within connect_timeout ("no answer from BlueZ in 30 s").
  static constexpr const char* kTimeoutError = "org.hilbench.Error.Timeout";
  // The call could not be sent, or BlueZ's object list could not be read.
  static constexpr const char* kBusError = "org.hilbench.Error.Bus";

  // Connects to the system bus (at DBUS_SYSTEM_BUS_ADDRESS if set). Without one: nullptr, and
  // `error` says why ("cannot open the D-Bus system bus at unix:path=/x: No such file or
  // directory"). Whether BlueZ itself is there shows at the first connect.
  static std::unique_ptr<BluezAdapter> open(boost::asio::io_context& io, BluezOptions options,
                                            std::string& error);
  ~BluezAdapter() override;
  BluezAdapter(const BluezAdapter&) = delete;
  BluezAdapter& operator=(const BluezAdapter&) = delete;

  void set_events(hil::core::BluetoothEvents& events) override;
  void connect(const std::string& address) override;
  // A disconnect BlueZ refuses (other than NotConnected) reports nothing: the port has no event
  // for it, and the device stays connected.
  void disconnect(const std::string& address) override;

 private:
  using CallId = std::uint64_t;

  // A connect from the call to BlueZ's answer: looking the device up, then Device1.Connect.
  struct PendingConnect {
    PendingConnect(boost::asio::io_context& io, std::string device_address)
        : address(std::move(device_address)), deadline(io) {}
    std::string address;
    std::string device_path;  // known once the lookup has answered
    SlotPtr call;
    boost::asio::steady_timer deadline;
  };

  BluezAdapter(boost::asio::io_context& io, BusPtr bus, BluezOptions options);

  void call_for_connect(CallId id, const MessagePtr& call, ReplyHandler on_reply);
  void on_connect_lookup(CallId id, sd_bus_message* reply);
  void on_connect_reply(CallId id, sd_bus_message* reply);
  void on_connect_deadline(CallId id);
  void fail_connect(CallId id, const std::string& error_name, const std::string& message);

  void call_for_disconnect(CallId id, const MessagePtr& call, ReplyHandler on_reply);
  void on_disconnect_lookup(CallId id, const std::string& address, sd_bus_message* reply);
  void on_disconnect_reply(CallId id, const std::string& address, sd_bus_message* reply);

  // Subscribes to devices' PropertiesChanged; a negative errno if the match cannot be added.
  int watch_disconnects();
  static int on_properties_changed(sd_bus_message* signal, void* userdata, sd_bus_error* error);
  void report_disconnected(const std::string& address);
  // Delivers an event later, from the io_context, so that no event runs inside a call.
  void report(std::function<void(hil::core::BluetoothEvents&)> event);

  boost::asio::io_context& io_;
  BluezOptions options_;
  BusPtr bus_;  // declared first: closed after everything below has let go of it
  BusPump pump_;
  SlotPtr properties_match_;
  hil::core::BluetoothEvents* events_ = nullptr;
  CallId next_call_id_ = 1;
  std::map<CallId, std::unique_ptr<PendingConnect>> pending_connects_;
  std::map<CallId, SlotPtr> pending_disconnects_;
  // Devices we connected and have not seen disconnect: address -> BlueZ object path.
  std::map<std::string, std::string> connected_;
  // Posted events hold a weak copy so that an event queued after destruction does nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace hil::bench
