// Owning handles for sd-bus objects, so that every path out of a function drops its references.
#pragma once

#include <systemd/sd-bus.h>

#include <memory>

namespace hil::bench {

struct BusClose {
  // Sends what is still queued, then closes: a reply or a Disconnect we sent is not lost.
  void operator()(sd_bus* bus) const { sd_bus_flush_close_unref(bus); }
};
using BusPtr = std::unique_ptr<sd_bus, BusClose>;

struct MessageUnref {
  void operator()(sd_bus_message* message) const { sd_bus_message_unref(message); }
};
using MessagePtr = std::unique_ptr<sd_bus_message, MessageUnref>;

// Dropping the slot of a pending call cancels it: its reply handler never runs.
struct SlotUnref {
  void operator()(sd_bus_slot* slot) const { sd_bus_slot_unref(slot); }
};
using SlotPtr = std::unique_ptr<sd_bus_slot, SlotUnref>;

}  // namespace hil::bench
