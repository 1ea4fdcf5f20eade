// `hilbench supv`: the core's supervisor client on the real UART.
#include "bench/supv/supv_host.h"

#include <utility>

namespace hil::bench {

// Request lines to the UART, each ended by '\n' (dropped while the tty is away: the client's
// retries and resync cover that).
class SupvHost::UartSink : public core::LineSink {
 public:
  explicit UartSink(SerialLink& link) : link_(link) {}
  void write_line(std::string_view line) override {
    std::string bytes;
    bytes.reserve(line.size() + 1);
    bytes.append(line).push_back('\n');
    link_.write_or_drop(std::move(bytes));  // a request lost with the tty times out and is retried
  }

 private:
  SerialLink& link_;
};

SupvHost::SupvHost(boost::asio::io_context& io, SupvHostOptions options)
    : options_(std::move(options)), io_(io), scheduler_(io), log_(options_.log.at("supv")) {}

SupvHost::~SupvHost() = default;

bool SupvHost::open(std::string& error) {
  link_ = SerialLink::open_tty(io_, options_.serial_path, options_.baud, error,
                               options_.log.at("serial"));
  if (!link_) return false;
  uart_ = std::make_unique<UartSink>(*link_);
  client_ = std::make_unique<supervisor::SupvClient>(
      supervisor::SupvClientPorts{scheduler_, *uart_, log_}, options_.client);
  link_->set_on_bytes([this](std::string_view bytes) {
    if (!started_) {
      early_bytes_.append(bytes);  // the MCU spoke first: the client hears it after the open
      return;
    }
    scheduler_.run_event([&] { client_->on_bytes(bytes); });
  });
  link_->set_on_open_changed([this](bool open) {
    if (!started_) return;  // start() tells the client how the link is then
    scheduler_.run_event([&] { open ? client_->on_link_opened() : client_->on_link_closed(); });
  });
  return true;
}

void SupvHost::start() {
  started_ = true;
  const std::string early = std::exchange(early_bytes_, {});
  if (!link_->is_open()) return;  // gone already: the reopen will start the client
  scheduler_.run_event([&] {
    client_->on_link_opened();
    client_->on_bytes(early);
  });
}

}  // namespace hil::bench
