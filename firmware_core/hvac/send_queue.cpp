// A blaster's waiting frames.
#include "firmware_core/hvac/send_queue.h"

#include <utility>

namespace hil::hvac {

SendQueue::Pushed SendQueue::push(IrSend send) {
  for (IrSend& waiting : sends_) {
    if (waiting.entity != send.entity) continue;
    send.seq = waiting.seq;
    waiting = std::move(send);
    return Pushed::kSuperseded;
  }
  sends_.push_back(std::move(send));
  return Pushed::kAppended;
}

IrSend SendQueue::pop_front() {
  IrSend send = std::move(sends_.front());
  sends_.pop_front();
  return send;
}

}  // namespace hil::hvac
