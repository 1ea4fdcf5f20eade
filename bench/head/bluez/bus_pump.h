// Drives an sd-bus connection from an io_context: waits for what sd-bus asks for (its fd's events,
// its next timeout) and runs sd_bus_process until it has nothing left to do.
#pragma once

#include <systemd/sd-bus.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

namespace hil::bench {

class BusPump {
 public:
  // `bus` must outlive the pump; the pump never closes its fd.
  BusPump(boost::asio::io_context& io, sd_bus* bus);
  ~BusPump();
  BusPump(const BusPump&) = delete;
  BusPump& operator=(const BusPump&) = delete;

  // Call after queueing a message: sd-bus may now want to write, or have an earlier timeout. The
  // processing runs later from the io_context, never inside the caller.
  void kick();

 private:
  void process();
  void wait_for_bus();

  boost::asio::io_context& io_;
  sd_bus* bus_;
  boost::asio::posix::stream_descriptor fd_;
  boost::asio::steady_timer timer_;
  // Handlers hold a weak copy so that a completion queued after destruction does nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace hil::bench
