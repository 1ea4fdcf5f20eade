// The in-memory WebSocket pair: a link per connection, deliveries through the scheduler.
#include "sim/audio/memory_websocket.h"

#include <functional>
#include <utility>

namespace hil::sim {

struct MemoryWsLink {
  // The server's end of the link.
  class ServerEnd : public core::WsConnection {
   public:
    explicit ServerEnd(MemoryWsLink& link) : link_(link) {}
    bool send_text(std::string_view text) override;
    bool send_binary(std::string_view bytes) override;
    bool ping() override;
    void close(core::WsCloseCode code, std::string_view reason) override;

   private:
    MemoryWsLink& link_;
  };

  MemoryWsLink(core::Scheduler& scheduler, core::WsEvents& server_events, MemoryWsClient& client,
               core::WsEvents& client_events)
      : scheduler(scheduler),
        server_events(server_events),
        client(client),
        client_events(client_events),
        server_end(*this) {}

  // Runs `fn` at the current time (or `delay` later), after what is already due, unless the link
  // has gone silent by then.
  void deliver(std::function<void()> fn, core::Micros delay = core::Micros(0)) {
    scheduler.call_at(scheduler.now() + delay, [this, keep = self.lock(), fn = std::move(fn)] {
      if (!silent) fn();
    });
  }
  // Ends the link: both ends' events get on_close once.
  void end(core::WsCloseCode code, const std::string& reason) {
    if (!open) return;
    open = false;
    scheduler.call_at(scheduler.now(), [this, keep = self.lock(), code, reason] {
      server_events.on_close(server_end, code, reason);
      if (!silent) client_events.on_close(client, code, reason);
    });
  }

  core::Scheduler& scheduler;
  core::WsEvents& server_events;
  MemoryWsClient& client;
  core::WsEvents& client_events;
  ServerEnd server_end;
  std::weak_ptr<MemoryWsLink> self;
  bool open = true;
  bool silent = false;
};

bool MemoryWsLink::ServerEnd::send_text(std::string_view text) {
  if (!link_.open) return false;
  link_.deliver(
      [this, text = std::string(text)] { link_.client_events.on_text(link_.client, text); });
  return true;
}

bool MemoryWsLink::ServerEnd::send_binary(std::string_view bytes) {
  if (!link_.open) return false;
  link_.deliver(
      [this, bytes = std::string(bytes)] { link_.client_events.on_binary(link_.client, bytes); });
  return true;
}

bool MemoryWsLink::ServerEnd::ping() {
  if (!link_.open) return false;
  link_.deliver([this] { link_.server_events.on_pong(*this); });
  return true;
}

void MemoryWsLink::ServerEnd::close(core::WsCloseCode code, std::string_view reason) {
  link_.end(code, std::string(reason));
}

MemoryWsServer::MemoryWsServer(core::WsEvents& events) : events_(events) {}

MemoryWsServer::~MemoryWsServer() = default;

std::size_t MemoryWsServer::open_links() const {
  std::size_t count = 0;
  for (const auto& link : links_) count += link->open ? 1 : 0;
  return count;
}

MemoryWsClient::MemoryWsClient(core::Scheduler& scheduler, MemoryWsServer& server,
                               core::WsEvents& events)
    : scheduler_(scheduler),
      resolve_([&server](std::string_view) { return &server; }),
      events_(events) {}

MemoryWsClient::MemoryWsClient(core::Scheduler& scheduler, const MemoryWsNetwork& network,
                               core::WsEvents& events)
    : scheduler_(scheduler),
      resolve_([&network](std::string_view url) { return network.find(url); }),
      events_(events) {}

MemoryWsClient::~MemoryWsClient() {
  if (link_) link_->silent = true;
}

void MemoryWsClient::connect(std::string_view url) {
  dialed_.emplace_back(url);
  if (link_) link_->silent = true;  // a link left behind says nothing more to this client
  MemoryWsServer* server = resolve_(url);
  if (server == nullptr || !server->accepting_) {
    link_.reset();
    scheduler_.call_at(scheduler_.now(), [this] {
      events_.on_close(*this, core::kWsAbnormalClosure, "connection refused");
    });
    return;
  }
  link_ = std::make_shared<MemoryWsLink>(scheduler_, server->events_, *this, events_);
  link_->self = link_;
  server->links_.push_back(link_);
  MemoryWsLink* link = link_.get();
  link->deliver([link] { link->server_events.on_open(link->server_end); });
  link->deliver([link] { link->client_events.on_open(link->client); });
}

bool MemoryWsClient::open() const { return link_ && link_->open; }

bool MemoryWsClient::send_text(std::string_view text) {
  if (!open()) return false;
  MemoryWsLink* link = link_.get();
  link->deliver(
      [link, text = std::string(text)] { link->server_events.on_text(link->server_end, text); });
  return true;
}

bool MemoryWsClient::send_binary(std::string_view bytes) {
  if (!open()) return false;
  MemoryWsLink* link = link_.get();
  const FrameFate fate = binary_fate_ ? binary_fate_(bytes) : FrameFate{};
  for (int copy = 0; copy < fate.copies; ++copy) {
    link->deliver([link, bytes = std::string(
                             bytes)] { link->server_events.on_binary(link->server_end, bytes); },
                  fate.delay);
  }
  return true;
}

bool MemoryWsClient::ping() {
  if (!open()) return false;
  MemoryWsLink* link = link_.get();
  link->deliver([link] { link->client_events.on_pong(link->client); });
  return true;
}

void MemoryWsClient::close(core::WsCloseCode code, std::string_view reason) {
  if (link_) link_->end(code, std::string(reason));
}

void MemoryWsClient::drop() {
  if (link_) link_->end(core::kWsAbnormalClosure, "connection lost");
}

void MemoryWsClient::go_silent() {
  if (link_) link_->silent = true;
}

}  // namespace hil::sim
