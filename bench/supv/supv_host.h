// `hilbench supv`: the core's supervisor client on the real UART (Boost.Asio serial port, real
// time). The composition root of the host side: scheduler, serial link, log and client.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "bench/io/asio_scheduler.h"
#include "bench/io/serial_link.h"
#include "bench/log/log_line_sink.h"
#include "firmware_core/supervisor/supv_client.h"

namespace hil::bench {

struct SupvHostOptions {
  std::string serial_path;
  unsigned baud = SerialLink::kDefaultBaud;
  supervisor::SupvClientOptions client;
  Logger log;  // the client's lines under "supv", the UART's under "serial"
};

class SupvHost {
 public:
  SupvHost(boost::asio::io_context& io, SupvHostOptions options);
  ~SupvHost();
  SupvHost(const SupvHost&) = delete;
  SupvHost& operator=(const SupvHost&) = delete;

  // Opens the UART (115200 8N1 by default, no flow control, reopened when it comes back); false
  // and why when it cannot be opened now.
  bool open(std::string& error);
  // Tells the client the UART is open, which starts its sync. Call it once whoever listens to the
  // client's changes is ready (e.g. after the ready line).
  void start();
  supervisor::SupvClient& client() { return *client_; }
  const std::string& serial_path() const { return options_.serial_path; }

 private:
  class UartSink;

  SupvHostOptions options_;
  boost::asio::io_context& io_;
  AsioScheduler scheduler_;
  LogLineSink log_;
  std::unique_ptr<SerialLink> link_;
  std::unique_ptr<UartSink> uart_;
  std::unique_ptr<supervisor::SupvClient> client_;
  bool started_ = false;
  std::string early_bytes_;  // read before start()
};

}  // namespace hil::bench
