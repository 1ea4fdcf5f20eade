// Drives an sd-bus connection from an io_context: waits for what sd-bus asks for (its fd's events,
// its next timeout) and runs sd_bus_process until it has nothing left to do.
#include "bench/head/bluez/bus_pump.h"

#include <poll.h>

#include <boost/asio/post.hpp>
#include <chrono>
#include <cstdint>

namespace hil::bench {

BusPump::BusPump(boost::asio::io_context& io, sd_bus* bus)
    : io_(io), bus_(bus), fd_(io), timer_(io) {
  const int fd = sd_bus_get_fd(bus_);
  if (fd >= 0) fd_.assign(fd);
  // sd-bus has queued its Hello and the authentication: start them from the io_context.
  kick();
}

BusPump::~BusPump() {
  boost::system::error_code ignored;
  fd_.cancel(ignored);
  // sd-bus owns the fd and closes it with the bus.
  fd_.release();
}

void BusPump::kick() {
  boost::asio::post(io_, [this, alive = std::weak_ptr<char>(alive_)] {
    if (!alive.expired()) process();
  });
}

void BusPump::process() {
  int result = 0;
  while ((result = sd_bus_process(bus_, nullptr)) > 0) {
  }
  if (result < 0) {
    // The connection is gone; sd-bus has already failed every pending call with an error reply.
    boost::system::error_code ignored;
    fd_.cancel(ignored);
    fd_.release();
    timer_.cancel();
    return;
  }
  wait_for_bus();
}

void BusPump::wait_for_bus() {
  boost::system::error_code ignored;
  fd_.cancel(ignored);
  timer_.cancel();
  auto on_ready = [this, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec) {
    // Cancelled because the waits are being renewed, or the descriptor is unusable.
    if (alive.expired() || ec) return;
    process();
  };
  const int events = sd_bus_get_events(bus_);
  if (events < 0) return;
  if ((events & POLLIN) != 0) fd_.async_wait(fd_.wait_read, on_ready);
  if ((events & POLLOUT) != 0) fd_.async_wait(fd_.wait_write, on_ready);
  std::uint64_t due_usec = 0;
  if (sd_bus_get_timeout(bus_, &due_usec) >= 0 && due_usec != UINT64_MAX) {
    // sd-bus counts on CLOCK_MONOTONIC, which is the steady clock's on Linux.
    timer_.expires_at(std::chrono::steady_clock::time_point(std::chrono::microseconds(due_usec)));
    timer_.async_wait(on_ready);
  }
}

}  // namespace hil::bench
