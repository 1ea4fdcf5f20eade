// One direction of the simulated UART: bytes written at one end come out at the other, either at
// once or at the line rate (8N1: 10 bits per byte, so 86.8 us a byte at 115200 baud) in virtual
// time. Paced bytes come out in FIFO-sized chunks, each when its last byte has crossed.
// A cut wire (the cable pulled) drops what is in flight and everything sent until it is joined.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <string_view>

#include "firmware_core/ports/scheduler.h"

namespace hil::sim {

class UartWire {
 public:
  static constexpr unsigned kBitsPerByte = 10;   // start + 8 data + stop
  static constexpr std::size_t kFifoBytes = 16;  // a 16550-style receive FIFO

  // `deliver` gets the bytes that reach the far end; the scheduler must outlive the wire.
  UartWire(core::Scheduler& scheduler, std::function<void(std::string_view)> deliver);
  ~UartWire();
  UartWire(const UartWire&) = delete;
  UartWire& operator=(const UartWire&) = delete;

  // 0: bytes cross at once; otherwise at this many bits per second.
  void set_baud(unsigned baud) { baud_ = baud; }
  unsigned baud() const { return baud_; }
  // Sends bytes after those still crossing; returns false, dropping them, while cut.
  bool send(std::string_view bytes);
  void cut();
  void join() { cut_ = false; }
  bool is_cut() const { return cut_; }
  // When `bytes` bytes sent on an idle wire have all crossed.
  core::Micros crossing_time(std::uint64_t bytes) const;
  std::uint64_t dropped_bytes() const { return dropped_bytes_; }
  std::size_t bytes_in_flight() const;

 private:
  struct Chunk {
    core::Micros arrives;
    std::string bytes;
  };
  void deliver_due();

  core::Scheduler& scheduler_;
  std::function<void(std::string_view)> deliver_;
  unsigned baud_ = 0;
  bool cut_ = false;
  std::deque<Chunk> in_flight_;
  core::TimerId timer_ = 0;
  // The wire's clock: bytes sent since it last went idle, counted from when that was, so that
  // rounding to whole microseconds never accumulates.
  core::Micros busy_since_{0};
  std::uint64_t bytes_since_idle_ = 0;
  core::Micros idle_at_{0};
  std::uint64_t dropped_bytes_ = 0;
};

}  // namespace hil::sim
