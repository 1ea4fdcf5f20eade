// A private D-Bus bus with python3-dbusmock's BlueZ (template bluez5) on it, for one test.
#include "tests/head_bluez/private_bluez.h"

#include <cstdlib>

#include "tests/bench_io/io_wait.h"

namespace hil::bench::testing {

bool PrivateBluez::start_bus(std::string& error) {
  // A session-type bus: it needs no root and no system policy; BlueZ's names are the same on it.
  bus_ = std::make_unique<ChildProcess>(
      io_, std::vector<std::string>{"dbus-daemon", "--session", "--nofork", "--print-address=1"});
  const auto has_address = [this] {
    return bus_->finished() || bus_->output().find('\n') != std::string::npos;
  };
  if (!bus_->started() || !run_until(io_, has_address) || bus_->finished()) {
    error = "dbus-daemon did not start";
    return false;
  }
  bus_address_ = bus_->output().substr(0, bus_->output().find('\n'));
  ::setenv("DBUS_SYSTEM_BUS_ADDRESS", bus_address_.c_str(), 1);
  return true;
}

bool PrivateBluez::start_bluez(std::string& error) {
  // dbusmock's BlueZ is a system-bus service; DBUS_SYSTEM_BUS_ADDRESS (set above) leads it here.
  bluez_ = std::make_unique<ChildProcess>(
      io_, std::vector<std::string>{"/usr/bin/python3", "-m", "dbusmock", "--template", "bluez5",
                                    "--system"});
  std::string output;
  if (!bluez_->started() ||
      run_command({"gdbus", "wait", "--address", bus_address_, "--timeout", "10", "org.bluez"},
                  output) != 0) {
    error = "the mock BlueZ did not appear on the bus: " + output;
    return false;
  }
  return true;
}

bool PrivateBluez::call(const std::string& path, const std::string& interface,
                        const std::string& method, const std::string& signature,
                        const std::vector<std::string>& args, std::string& error) const {
  std::vector<std::string> argv{
      "busctl", "--address=" + bus_address_, "call", "org.bluez", path, interface, method,
      signature};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string output;
  if (run_command(argv, output) == 0) return true;
  error = output;
  return false;
}

bool PrivateBluez::override_method(const std::string& path, const std::string& interface,
                                   const std::string& method, const std::string& python_code,
                                   std::string& error) const {
  return call(path, "org.freedesktop.DBus.Mock", "AddMethod", "sssss",
              {interface, method, "", "", python_code}, error);
}

}  // namespace hil::bench::testing
