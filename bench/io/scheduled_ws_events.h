// A connection's events handed to the core each as one event of the AsioScheduler, so every now()
// inside reads one instant (as the serial and MQTT rigs hand theirs).
#pragma once

#include "bench/io/asio_scheduler.h"
#include "firmware_core/ports/websocket.h"

namespace hil::bench {

class ScheduledWsEvents : public core::WsEvents {
 public:
  // Both must outlive this.
  ScheduledWsEvents(AsioScheduler& scheduler, core::WsEvents& target)
      : scheduler_(scheduler), target_(target) {}

  void on_open(core::WsConnection& connection) override {
    scheduler_.run_event([&] { target_.on_open(connection); });
  }
  void on_text(core::WsConnection& connection, std::string_view text) override {
    scheduler_.run_event([&] { target_.on_text(connection, text); });
  }
  void on_binary(core::WsConnection& connection, std::string_view bytes) override {
    scheduler_.run_event([&] { target_.on_binary(connection, bytes); });
  }
  void on_pong(core::WsConnection& connection) override {
    scheduler_.run_event([&] { target_.on_pong(connection); });
  }
  void on_close(core::WsConnection& connection, core::WsCloseCode code,
                std::string_view reason) override {
    scheduler_.run_event([&] { target_.on_close(connection, code, reason); });
  }

 private:
  AsioScheduler& scheduler_;
  core::WsEvents& target_;
};

}  // namespace hil::bench
