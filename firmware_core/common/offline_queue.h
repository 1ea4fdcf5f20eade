// Messages made while a link is down, as an MQTT client's offline buffer keeps them: in order, up
// to a limit (past it the newest is refused and the caller told), handed over when the link
// returns.
#pragma once

#include <cstddef>
#include <deque>
#include <utility>

namespace hil::core {

template <typename Message>
class OfflineQueue {
 public:
  explicit OfflineQueue(std::size_t limit) : limit_(limit) {}

  // False (and the message dropped) when the queue is full.
  [[nodiscard]] bool push(Message message) {
    if (waiting_.size() >= limit_) return false;
    waiting_.push_back(std::move(message));
    return true;
  }

  // Hands each waiting message to `send`, oldest first; one pushed meanwhile waits its turn after
  // them.
  template <typename Send>
  void drain(Send&& send) {
    while (!waiting_.empty()) {
      Message message = std::move(waiting_.front());
      waiting_.pop_front();
      send(std::move(message));
    }
  }

  std::size_t size() const { return waiting_.size(); }
  bool empty() const { return waiting_.empty(); }
  void set_limit(std::size_t limit) { limit_ = limit; }

 private:
  std::size_t limit_;
  std::deque<Message> waiting_;
};

}  // namespace hil::core
