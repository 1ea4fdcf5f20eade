// The robot head's Bluetooth adapter on BlueZ (5.66, Debian 12) over the D-Bus system bus, with
// sd-bus.
#include "bench/head/bluez/bluez_adapter.h"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string_view>
#include <utility>

#include "bench/head/bluez/bluez_messages.h"

namespace hil::bench {
namespace {

constexpr const char* kNotConnectedError = "org.bluez.Error.NotConnected";
// Devices' property changes only: Connected is the one we read.
constexpr const char* kDevicePropertiesMatch =
    "type='signal',sender='org.bluez',path_namespace='/org/bluez',"
    "interface='org.freedesktop.DBus.Properties',member='PropertiesChanged',"
    "arg0='org.bluez.Device1'";

MessagePtr new_objects_call(sd_bus* bus) {
  return new_bluez_call(bus, "/", "org.freedesktop.DBus.ObjectManager", "GetManagedObjects");
}

std::string errno_text(int negative_errno) { return std::strerror(-negative_errno); }

// "30 s", or "300 ms" for a timeout that is not whole seconds.
std::string duration_text(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + " s";
  return std::to_string(duration.count()) + " ms";
}

}  // namespace

std::unique_ptr<BluezAdapter> BluezAdapter::open(boost::asio::io_context& io, BluezOptions options,
                                                 std::string& error) {
  const char* address = std::getenv("DBUS_SYSTEM_BUS_ADDRESS");
  const std::string where = address != nullptr ? std::string(" at ") + address : "";
  sd_bus* bus = nullptr;
  int result = sd_bus_open_system(&bus);
  if (result < 0) {
    error = "cannot open the D-Bus system bus" + where + ": " + errno_text(result);
    return nullptr;
  }
  std::unique_ptr<BluezAdapter> adapter(new BluezAdapter(io, BusPtr(bus), std::move(options)));
  result = adapter->watch_disconnects();
  if (result < 0) {
    error =
        "cannot watch BlueZ's devices on the D-Bus system bus" + where + ": " + errno_text(result);
    return nullptr;
  }
  return adapter;
}

BluezAdapter::BluezAdapter(boost::asio::io_context& io, BusPtr bus, BluezOptions options)
    : io_(io), options_(std::move(options)), bus_(std::move(bus)), pump_(io, bus_.get()) {}

BluezAdapter::~BluezAdapter() = default;

int BluezAdapter::watch_disconnects() {
  sd_bus_slot* slot = nullptr;
  const int result = sd_bus_add_match_async(bus_.get(), &slot, kDevicePropertiesMatch,
                                            on_properties_changed, nullptr, this);
  if (result < 0) return result;
  properties_match_.reset(slot);
  pump_.kick();
  return 0;
}

void BluezAdapter::set_events(hil::core::BluetoothEvents& events) { events_ = &events; }

void BluezAdapter::connect(const std::string& address) {
  const CallId id = next_call_id_++;
  auto pending = std::make_unique<PendingConnect>(io_, address);
  pending->deadline.expires_after(options_.connect_timeout);
  pending->deadline.async_wait(
      [this, id, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec) {
        if (alive.expired() || ec == boost::asio::error::operation_aborted) return;
        on_connect_deadline(id);
      });
  pending_connects_.emplace(id, std::move(pending));
  call_for_connect(id, new_objects_call(bus_.get()),
                   [this, id](sd_bus_message* reply) { on_connect_lookup(id, reply); });
}

void BluezAdapter::call_for_connect(CallId id, const MessagePtr& call, ReplyHandler on_reply) {
  // sd-bus gives up just after our own deadline, so that its NoReply never comes first.
  const auto bus_timeout = options_.connect_timeout + std::chrono::seconds(1);
  const int result = call ? call_async(bus_.get(), call.get(), bus_timeout, std::move(on_reply),
                                       pending_connects_.at(id)->call)
                          : -ENOMEM;
  if (result < 0) {
    fail_connect(id, kBusError, "cannot call BlueZ: " + errno_text(result));
    return;
  }
  pump_.kick();
}

void BluezAdapter::on_connect_lookup(CallId id, sd_bus_message* reply) {
  PendingConnect& pending = *pending_connects_.at(id);
  if (sd_bus_message_is_method_error(reply, nullptr) != 0) {
    fail_connect(id, error_name(reply), error_message(reply));
    return;
  }
  const int result =
      find_device_path(reply, pending.address, options_.adapter_name, pending.device_path);
  if (result < 0) {
    fail_connect(id, kBusError, "cannot read BlueZ's object list: " + errno_text(result));
    return;
  }
  if (pending.device_path.empty()) {
    fail_connect(id, kNotAvailableError, "Device " + pending.address + " not available");
    return;
  }
  call_for_connect(
      id, new_bluez_call(bus_.get(), pending.device_path, kBluezDeviceInterface, "Connect"),
      [this, id](sd_bus_message* connect_reply) { on_connect_reply(id, connect_reply); });
}

void BluezAdapter::on_connect_reply(CallId id, sd_bus_message* reply) {
  if (sd_bus_message_is_method_error(reply, nullptr) != 0) {
    fail_connect(id, error_name(reply), error_message(reply));
    return;
  }
  const auto found = pending_connects_.find(id);
  const std::string address = found->second->address;
  connected_[address] = found->second->device_path;
  pending_connects_.erase(found);
  report([address](hil::core::BluetoothEvents& events) { events.on_connected(address); });
}

void BluezAdapter::on_connect_deadline(CallId id) {
  // The deadline may have passed just as the answer came: the answer, handled first, won.
  const auto found = pending_connects_.find(id);
  if (found == pending_connects_.end()) return;
  const PendingConnect& pending = *found->second;
  // BlueZ may still be paging the device; Disconnect cancels that, so that it does not connect
  // later behind our back.
  if (!pending.device_path.empty()) {
    const MessagePtr cancel =
        new_bluez_call(bus_.get(), pending.device_path, kBluezDeviceInterface, "Disconnect");
    if (cancel && send_and_forget(bus_.get(), cancel.get()) >= 0) pump_.kick();
  }
  fail_connect(id, kTimeoutError,
               "no answer from BlueZ in " + duration_text(options_.connect_timeout));
}

void BluezAdapter::fail_connect(CallId id, const std::string& error_name,
                                const std::string& message) {
  const auto found = pending_connects_.find(id);
  const std::string address = found->second->address;
  // Dropping the pending call cancels it and the deadline, so each connect has one outcome.
  pending_connects_.erase(found);
  report([address, error_name, message](hil::core::BluetoothEvents& events) {
    events.on_connect_failed(address, error_name, message);
  });
}

void BluezAdapter::disconnect(const std::string& address) {
  // A Connect BlueZ is working on (paging the device) is cancelled by a Disconnect sent at once to
  // the device the connect found: no lookup to wait for, so that it goes out even when we close
  // right after (on shutdown), and BlueZ cannot connect the device behind our back. The pending
  // connect still gets BlueZ's answer.
  bool cancelled = false;
  for (const auto& [id, pending] : pending_connects_) {
    if (pending->address != address || pending->device_path.empty()) continue;
    const MessagePtr cancel =
        new_bluez_call(bus_.get(), pending->device_path, kBluezDeviceInterface, "Disconnect");
    cancelled = cancel && send_and_forget(bus_.get(), cancel.get()) >= 0;
  }
  if (cancelled) {
    pump_.kick();
    return;
  }
  // Else looked up afresh rather than remembered: the device may be connected by someone else, or
  // its connect still looking it up (then Connect is sent first: replies come in order).
  const CallId id = next_call_id_++;
  call_for_disconnect(id, new_objects_call(bus_.get()), [this, id, address](sd_bus_message* reply) {
    on_disconnect_lookup(id, address, reply);
  });
}

void BluezAdapter::call_for_disconnect(CallId id, const MessagePtr& call, ReplyHandler on_reply) {
  const int result = call ? call_async(bus_.get(), call.get(), std::chrono::microseconds(0),
                                       std::move(on_reply), pending_disconnects_[id])
                          : -ENOMEM;
  if (result < 0) {
    pending_disconnects_.erase(id);
    return;
  }
  pump_.kick();
}

void BluezAdapter::on_disconnect_lookup(CallId id, const std::string& address,
                                        sd_bus_message* reply) {
  std::string device_path;
  if (sd_bus_message_is_method_error(reply, nullptr) != 0 ||
      find_device_path(reply, address, options_.adapter_name, device_path) < 0 ||
      device_path.empty()) {
    // Without BlueZ or the device there is no connection to end.
    pending_disconnects_.erase(id);
    return;
  }
  call_for_disconnect(id,
                      new_bluez_call(bus_.get(), device_path, kBluezDeviceInterface, "Disconnect"),
                      [this, id, address](sd_bus_message* disconnect_reply) {
                        on_disconnect_reply(id, address, disconnect_reply);
                      });
}

void BluezAdapter::on_disconnect_reply(CallId id, const std::string& address,
                                       sd_bus_message* reply) {
  pending_disconnects_.erase(id);
  // Usually PropertiesChanged has said so already; dbusmock's template sends none when Disconnect
  // is overridden, and NotConnected means the signal was missed.
  if (sd_bus_message_is_method_error(reply, nullptr) == 0 ||
      error_name(reply) == kNotConnectedError) {
    report_disconnected(address);
  }
}

int BluezAdapter::on_properties_changed(sd_bus_message* signal, void* userdata,
                                        sd_bus_error* /*error*/) {
  auto& adapter = *static_cast<BluezAdapter*>(userdata);
  const std::optional<bool> connected = changed_connected(signal);
  if (!connected.has_value() || *connected) return 0;
  const std::string_view path = sd_bus_message_get_path(signal);
  const auto device = std::find_if(adapter.connected_.begin(), adapter.connected_.end(),
                                   [path](const auto& entry) { return entry.second == path; });
  // A copy: reporting removes the entry.
  if (device != adapter.connected_.end()) adapter.report_disconnected(std::string(device->first));
  return 0;
}

void BluezAdapter::report_disconnected(const std::string& address) {
  // Only devices we connected, and each disconnect once: the signal and the Disconnect reply
  // both lead here.
  if (connected_.erase(address) == 0) return;
  report([address](hil::core::BluetoothEvents& events) { events.on_disconnected(address); });
}

void BluezAdapter::report(std::function<void(hil::core::BluetoothEvents&)> event) {
  boost::asio::post(io_, [this, alive = std::weak_ptr<char>(alive_), event = std::move(event)] {
    if (!alive.expired() && events_ != nullptr) event(*events_);
  });
}

}  // namespace hil::bench
