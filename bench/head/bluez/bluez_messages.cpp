// Reads the two BlueZ messages the adapter needs: the object list (where a device is) and a
// device's PropertiesChanged signal (whether it is still connected).
#include "bench/head/bluez/bluez_messages.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace hil::bench {
namespace {

bool same_address(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::toupper(static_cast<unsigned char>(x)) ==
           std::toupper(static_cast<unsigned char>(y));
  });
}

// Reads a Device1 property dictionary (a{sv}), keeping its Address and Adapter.
int read_device_properties(sd_bus_message* message, std::string& address,
                           std::string& adapter_path) {
  int result = sd_bus_message_enter_container(message, SD_BUS_TYPE_ARRAY, "{sv}");
  if (result < 0) return result;
  while ((result = sd_bus_message_enter_container(message, SD_BUS_TYPE_DICT_ENTRY, "sv")) > 0) {
    const char* key = nullptr;
    result = sd_bus_message_read_basic(message, SD_BUS_TYPE_STRING, &key);
    if (result < 0) return result;
    const char* value = nullptr;
    const std::string_view name(key);
    if (name == "Address") {
      result = sd_bus_message_read(message, "v", "s", &value);
      if (result >= 0) address = value;
    } else if (name == "Adapter") {
      result = sd_bus_message_read(message, "v", "o", &value);
      if (result >= 0) adapter_path = value;
    } else {
      result = sd_bus_message_skip(message, "v");
    }
    if (result < 0) return result;
    result = sd_bus_message_exit_container(message);
    if (result < 0) return result;
  }
  if (result < 0) return result;
  return sd_bus_message_exit_container(message);
}

// Reads one object's interfaces (a{sa{sv}}); `is_match` tells whether it is the device sought.
int read_object(sd_bus_message* message, const std::string& address,
                const std::string& adapter_path, bool& is_match) {
  int result = sd_bus_message_enter_container(message, SD_BUS_TYPE_ARRAY, "{sa{sv}}");
  if (result < 0) return result;
  while ((result = sd_bus_message_enter_container(message, SD_BUS_TYPE_DICT_ENTRY, "sa{sv}")) > 0) {
    const char* interface = nullptr;
    result = sd_bus_message_read_basic(message, SD_BUS_TYPE_STRING, &interface);
    if (result < 0) return result;
    if (interface == std::string_view(kBluezDeviceInterface)) {
      std::string device_address;
      std::string device_adapter;
      result = read_device_properties(message, device_address, device_adapter);
      is_match = result >= 0 && same_address(device_address, address) &&
                 (adapter_path.empty() || device_adapter == adapter_path);
    } else {
      result = sd_bus_message_skip(message, "a{sv}");
    }
    if (result < 0) return result;
    result = sd_bus_message_exit_container(message);
    if (result < 0) return result;
  }
  if (result < 0) return result;
  return sd_bus_message_exit_container(message);
}

}  // namespace

int find_device_path(sd_bus_message* objects, const std::string& address,
                     const std::string& adapter_name, std::string& device_path) {
  device_path.clear();
  const std::string adapter_path = adapter_name.empty() ? "" : "/org/bluez/" + adapter_name;
  int result = sd_bus_message_enter_container(objects, SD_BUS_TYPE_ARRAY, "{oa{sa{sv}}}");
  if (result < 0) return result;
  while ((result = sd_bus_message_enter_container(objects, SD_BUS_TYPE_DICT_ENTRY, "oa{sa{sv}}")) >
         0) {
    const char* path = nullptr;
    result = sd_bus_message_read_basic(objects, SD_BUS_TYPE_OBJECT_PATH, &path);
    if (result < 0) return result;
    bool is_match = false;
    result = read_object(objects, address, adapter_path, is_match);
    if (result < 0) return result;
    if (is_match) {
      device_path = path;
      return 0;
    }
    result = sd_bus_message_exit_container(objects);
    if (result < 0) return result;
  }
  return result < 0 ? result : 0;
}

std::optional<bool> changed_connected(sd_bus_message* signal) {
  const char* interface = nullptr;
  if (sd_bus_message_read_basic(signal, SD_BUS_TYPE_STRING, &interface) < 0 ||
      interface != std::string_view(kBluezDeviceInterface)) {
    return std::nullopt;
  }
  if (sd_bus_message_enter_container(signal, SD_BUS_TYPE_ARRAY, "{sv}") < 0) return std::nullopt;
  while (sd_bus_message_enter_container(signal, SD_BUS_TYPE_DICT_ENTRY, "sv") > 0) {
    const char* key = nullptr;
    if (sd_bus_message_read_basic(signal, SD_BUS_TYPE_STRING, &key) < 0) return std::nullopt;
    if (std::string_view(key) == "Connected") {
      int connected = 0;
      if (sd_bus_message_read(signal, "v", "b", &connected) < 0) return std::nullopt;
      return connected != 0;
    }
    if (sd_bus_message_skip(signal, "v") < 0 || sd_bus_message_exit_container(signal) < 0) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace hil::bench
