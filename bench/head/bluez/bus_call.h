// Asynchronous D-Bus method calls with a C++ reply handler, and the parts of a reply we read.
#pragma once

#include <systemd/sd-bus.h>

#include <chrono>
#include <functional>
#include <string>

#include "bench/head/bluez/sd_bus_ptr.h"

namespace hil::bench {

// Runs from sd_bus_process with the reply: a method return or an error.
using ReplyHandler = std::function<void(sd_bus_message* reply)>;

// Sends `call` and sets `slot` to the pending call; resetting the slot cancels it. sd-bus answers
// with its own error reply (org.freedesktop.DBus.Error.NoReply) if nothing came back within
// `timeout` (zero: sd-bus's default, 25 s). Returns a negative errno if the call could not be
// queued (then `on_reply` never runs).
int call_async(sd_bus* bus, sd_bus_message* call, std::chrono::microseconds timeout,
               ReplyHandler on_reply, SlotPtr& slot);

// Sends `call` without waiting for (or reading) its reply.
int send_and_forget(sd_bus* bus, sd_bus_message* call);

// A new method call on one of BlueZ's objects, or nullptr.
MessagePtr new_bluez_call(sd_bus* bus, const std::string& path, const char* interface,
                          const char* member);

// An error reply's name and message, exactly as the service sent them ("" for a method return).
std::string error_name(sd_bus_message* reply);
std::string error_message(sd_bus_message* reply);

}  // namespace hil::bench
