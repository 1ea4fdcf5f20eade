// A private D-Bus bus with python3-dbusmock's BlueZ (template bluez5) on it, for one test: the
// adapter under test reaches it through DBUS_SYSTEM_BUS_ADDRESS, the test drives it with busctl.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "bench/io/child_process.h"

namespace hil::bench::testing {

class PrivateBluez {
 public:
  explicit PrivateBluez(boost::asio::io_context& io) : io_(io) {}

  // Starts dbus-daemon and points DBUS_SYSTEM_BUS_ADDRESS at it; false (and `error`) if it fails.
  bool start_bus(std::string& error);
  // Starts the mock BlueZ on the bus and waits until it owns org.bluez.
  bool start_bluez(std::string& error);

  // Calls a method on a mock object with busctl: call("/", "org.bluez.Mock", "AddAdapter", "ss",
  // {"hci0", "bench"}). Returns false and busctl's output in `error` if the call fails.
  bool call(const std::string& path, const std::string& interface, const std::string& method,
            const std::string& signature, const std::vector<std::string>& args,
            std::string& error) const;

  // Replaces a method of a mock object with Python code (dbusmock's AddMethod).
  bool override_method(const std::string& path, const std::string& interface,
                       const std::string& method, const std::string& python_code,
                       std::string& error) const;

  const std::string& bus_address() const { return bus_address_; }

 private:
  boost::asio::io_context& io_;
  std::string bus_address_;
  // Destroyed in reverse order: the mock goes before its bus.
  std::unique_ptr<ChildProcess> bus_;
  std::unique_ptr<ChildProcess> bluez_;
};

}  // namespace hil::bench::testing
