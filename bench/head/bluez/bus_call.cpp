// Asynchronous D-Bus method calls with a C++ reply handler, and the parts of a reply we read.
#include "bench/head/bluez/bus_call.h"

#include <utility>

namespace hil::bench {
namespace {

int run_reply_handler(sd_bus_message* reply, void* userdata, sd_bus_error* /*error*/) {
  (*static_cast<ReplyHandler*>(userdata))(reply);
  return 1;
}

// The slot owns its handler: sd-bus calls this when the slot is freed, replied to or cancelled.
void delete_reply_handler(void* userdata) { delete static_cast<ReplyHandler*>(userdata); }

}  // namespace

int call_async(sd_bus* bus, sd_bus_message* call, std::chrono::microseconds timeout,
               ReplyHandler on_reply, SlotPtr& slot) {
  auto* handler = new ReplyHandler(std::move(on_reply));
  sd_bus_slot* raw_slot = nullptr;
  const int result = sd_bus_call_async(bus, &raw_slot, call, run_reply_handler, handler,
                                       static_cast<std::uint64_t>(timeout.count()));
  if (result < 0) {
    delete handler;
    return result;
  }
  sd_bus_slot_set_destroy_callback(raw_slot, delete_reply_handler);
  slot.reset(raw_slot);
  return result;
}

int send_and_forget(sd_bus* bus, sd_bus_message* call) {
  const int result = sd_bus_message_set_expect_reply(call, 0);
  if (result < 0) return result;
  return sd_bus_send(bus, call, nullptr);
}

MessagePtr new_bluez_call(sd_bus* bus, const std::string& path, const char* interface,
                          const char* member) {
  sd_bus_message* call = nullptr;
  if (sd_bus_message_new_method_call(bus, &call, "org.bluez", path.c_str(), interface, member) <
      0) {
    return nullptr;
  }
  return MessagePtr(call);
}

std::string error_name(sd_bus_message* reply) {
  const sd_bus_error* error = sd_bus_message_get_error(reply);
  return error != nullptr && error->name != nullptr ? error->name : "";
}

std::string error_message(sd_bus_message* reply) {
  const sd_bus_error* error = sd_bus_message_get_error(reply);
  return error != nullptr && error->message != nullptr ? error->message : "";
}

}  // namespace hil::bench
