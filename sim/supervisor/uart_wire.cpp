// One direction of the simulated UART.
#include "sim/supervisor/uart_wire.h"

#include <utility>

namespace hil::sim {

UartWire::UartWire(core::Scheduler& scheduler, std::function<void(std::string_view)> deliver)
    : scheduler_(scheduler), deliver_(std::move(deliver)) {}

UartWire::~UartWire() {
  if (timer_ != 0) scheduler_.cancel(timer_);
}

core::Micros UartWire::crossing_time(std::uint64_t bytes) const {
  if (baud_ == 0) return core::Micros(0);
  const std::uint64_t bits_us = bytes * kBitsPerByte * 1000000ULL;
  return core::Micros(static_cast<std::int64_t>((bits_us + baud_ - 1) / baud_));  // rounded up
}

bool UartWire::send(std::string_view bytes) {
  if (cut_) {
    dropped_bytes_ += bytes.size();
    return false;
  }
  if (bytes.empty()) return true;
  if (baud_ == 0) {
    deliver_(bytes);
    return true;
  }
  const core::Micros now = scheduler_.now();
  if (now >= idle_at_) {
    busy_since_ = now;
    bytes_since_idle_ = 0;
  }
  for (std::size_t at = 0; at < bytes.size(); at += kFifoBytes) {
    const std::string_view chunk = bytes.substr(at, kFifoBytes);
    bytes_since_idle_ += chunk.size();
    idle_at_ = busy_since_ + crossing_time(bytes_since_idle_);
    in_flight_.push_back(Chunk{idle_at_, std::string(chunk)});
  }
  if (timer_ == 0)
    timer_ = scheduler_.call_at(in_flight_.front().arrives, [this] { deliver_due(); });
  return true;
}

void UartWire::deliver_due() {
  timer_ = 0;
  const core::Micros now = scheduler_.now();
  std::string arrived;
  while (!in_flight_.empty() && in_flight_.front().arrives <= now) {
    arrived += in_flight_.front().bytes;
    in_flight_.pop_front();
  }
  if (!in_flight_.empty())
    timer_ = scheduler_.call_at(in_flight_.front().arrives, [this] { deliver_due(); });
  if (!arrived.empty()) deliver_(arrived);
}

void UartWire::cut() {
  cut_ = true;
  for (const Chunk& chunk : in_flight_) dropped_bytes_ += chunk.bytes.size();
  in_flight_.clear();
  if (timer_ != 0) scheduler_.cancel(timer_);
  timer_ = 0;
  idle_at_ = scheduler_.now();
}

std::size_t UartWire::bytes_in_flight() const {
  std::size_t total = 0;
  for (const Chunk& chunk : in_flight_) total += chunk.bytes.size();
  return total;
}

}  // namespace hil::sim
