// Frames waiting for one IR blaster, oldest first. A frame carries an entity's whole climate
// state, so a newer frame of the same entity supersedes a waiting one: it takes the older frame's
// place (the entity keeps its turn) and the older frame is never sent. Limits and what to drop
// are the caller's (blaster_sender.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>

#include "firmware_core/hvac/ir_frame.h"

namespace hil::hvac {

struct IrSend {
  std::uint64_t seq = 0;   // creation order across all blasters: the global age of a frame
  std::size_t entity = 0;  // the entity's index in the bridge's configuration
  std::string device_id;   // for log lines
  std::string state_text;  // "power on, mode cool, 21 C, fan auto, swing off", for log lines
  IrFrame frame;
};

class SendQueue {
 public:
  enum class Pushed { kAppended, kSuperseded };

  // Appends, or replaces the waiting frame of the same entity in place (keeping its seq, so its
  // age is that of the entity's first waiting frame).
  Pushed push(IrSend send);
  IrSend pop_front();
  const IrSend& front() const { return sends_.front(); }
  bool empty() const { return sends_.empty(); }
  std::size_t size() const { return sends_.size(); }
  const std::deque<IrSend>& sends() const { return sends_; }

 private:
  std::deque<IrSend> sends_;
};

}  // namespace hil::hvac
