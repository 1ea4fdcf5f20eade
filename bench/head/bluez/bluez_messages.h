// Reads the two BlueZ messages the adapter needs: the object list (where a device is) and a
// device's PropertiesChanged signal (whether it is still connected).
#pragma once

#include <systemd/sd-bus.h>

#include <optional>
#include <string>

namespace hil::bench {

// The interface of BlueZ's device objects (Connect, Disconnect, Address, Connected).
inline constexpr const char* kBluezDeviceInterface = "org.bluez.Device1";

// In a reply to org.freedesktop.DBus.ObjectManager.GetManagedObjects on "/", finds the
// org.bluez.Device1 object whose Address is `address` (compared ignoring case) and, unless
// `adapter_name` is empty, whose Adapter is /org/bluez/<adapter_name>. Sets `device_path` ("" if
// there is none) and returns 0, or a negative errno if the reply is not an object list.
int find_device_path(sd_bus_message* objects, const std::string& address,
                     const std::string& adapter_name, std::string& device_path);

// In org.freedesktop.DBus.Properties.PropertiesChanged (sa{sv}as) for org.bluez.Device1, the new
// value of Connected, if it changed.
std::optional<bool> changed_connected(sd_bus_message* signal);

}  // namespace hil::bench
