// An in-memory WebSocket server and client on a scheduler, the transport of in-process runs:
// frames cross in order, each delivered as its own event at the time it was sent (never inside the
// sender's call), as a real transport delivers them from its event loop. Fault controls: refuse
// connections, drop a link (both ends see 1006), make a link half-open (everything on it vanishes
// and no close is seen: a dead peer).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "firmware_core/ports/scheduler.h"
#include "firmware_core/ports/websocket.h"

namespace hil::sim {

class MemoryWsClient;

// One connection: its state and the server's end of it.
struct MemoryWsLink;

class MemoryWsServer {
 public:
  // `events` (the service) must outlive the server. Its links run on their clients' schedulers.
  explicit MemoryWsServer(core::WsEvents& events);
  ~MemoryWsServer();

  // While false, connects fail with 1006 "connection refused".
  void set_accepting(bool accepting) { accepting_ = accepting; }
  // Links whose both ends are open.
  std::size_t open_links() const;

 private:
  friend class MemoryWsClient;
  core::WsEvents& events_;
  bool accepting_ = true;
  std::vector<std::shared_ptr<MemoryWsLink>> links_;
};

// The servers of one in-process world by URL (ws://host:port/path), so a client dials by URL as
// on a network; a URL nobody listens on refuses the connection.
class MemoryWsNetwork {
 public:
  // The server must stay until unlisten().
  void listen(const std::string& url, MemoryWsServer& server) { servers_[url] = &server; }
  void unlisten(const std::string& url) { servers_.erase(url); }
  MemoryWsServer* find(std::string_view url) const {
    const auto it = servers_.find(std::string(url));
    return it == servers_.end() ? nullptr : it->second;
  }

 private:
  std::map<std::string, MemoryWsServer*> servers_;
};

// What the wire does to one binary frame a client sends: lose it (0 copies), deliver it twice,
// or later than it was sent.
struct FrameFate {
  int copies = 1;
  core::Micros delay{0};
};

class MemoryWsClient : public core::WsClient {
 public:
  // `events` (the device, or a test's recorder) gets this client's events; every URL reaches
  // `server`.
  MemoryWsClient(core::Scheduler& scheduler, MemoryWsServer& server, core::WsEvents& events);
  // A URL reaches the server listening on it in `network` at the time it is dialed.
  MemoryWsClient(core::Scheduler& scheduler, const MemoryWsNetwork& network,
                 core::WsEvents& events);
  ~MemoryWsClient() override;

  void connect(std::string_view url) override;
  bool send_text(std::string_view text) override;
  bool send_binary(std::string_view bytes) override;
  bool ping() override;
  void close(core::WsCloseCode code, std::string_view reason) override;

  // Decides the fate of each binary frame this client sends from now on (a fault on the wire).
  void set_binary_fate(std::function<FrameFate(std::string_view bytes)> fate) {
    binary_fate_ = std::move(fate);
  }
  // The current link is lost without a closing handshake: both ends see 1006.
  void drop();
  // The current link goes half-open: nothing more crosses it either way, and no close is seen.
  void go_silent();
  const std::vector<std::string>& dialed() const { return dialed_; }
  bool open() const;

 private:
  core::Scheduler& scheduler_;
  std::function<MemoryWsServer*(std::string_view url)> resolve_;
  core::WsEvents& events_;
  std::shared_ptr<MemoryWsLink> link_;
  std::vector<std::string> dialed_;
  std::function<FrameFate(std::string_view bytes)> binary_fate_;
};

}  // namespace hil::sim
