// Waiting for a NATS cluster we started to serve MQTT: every node's /healthz answers ok, then every
// node accepts an MQTT connection.
#include "bench/io/nats_readiness.h"

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "bench/io/http_get.h"
#include "bench/io/mqtt_client.h"
#include "bench/io/run_until.h"

namespace hil::bench {
namespace {

using Clock = std::chrono::steady_clock;
// The monitoring port only answers questions, so a node that is not healthy yet is asked again
// after this long; a node's end is looked for as often.
constexpr std::chrono::milliseconds kRecheck{50};
constexpr std::chrono::milliseconds kRequestTimeout{1000};
constexpr std::chrono::seconds kDisconnectGrace{2};

class Readiness {
 public:
  Readiness(const std::vector<NatsNode>& nodes, const std::function<std::string()>& ended)
      : nodes_(nodes),
        ended_(ended),
        watch_(io_),
        said_(nodes.size(), "no answer yet"),
        healthy_(nodes.size(), false),
        accepted_(nodes.size(), false),
        clients_(nodes.size()) {
    for (std::size_t i = 0; i < nodes.size(); ++i) retry_.emplace_back(io_);
  }

  bool wait(Clock::time_point deadline, NatsReadyTimes& times, std::string& error) {
    start_ = Clock::now();
    for (std::size_t i = 0; i < nodes_.size(); ++i) ask_health(i);
    watch_ends();
    run_until(
        io_, [this] { return serving() || !failure_.empty(); }, deadline);
    const bool ready = serving();
    if (!ready) error = failure_.empty() ? not_ready() : failure_;
    times = times_;
    finished_ = true;  // answers still on their way change nothing now
    for (const auto& client : clients_) {
      if (client) client->stop();
    }
    run_until(
        io_, [this] { return all_closed(); }, kDisconnectGrace);
    return ready;
  }

 private:
  bool serving() const { return all(accepted_); }

  static bool all(const std::vector<bool>& flags) {
    return std::all_of(flags.begin(), flags.end(), [](bool flag) { return flag; });
  }

  bool all_closed() const {
    return std::all_of(clients_.begin(), clients_.end(),
                       [](const auto& client) { return !client || client->closed(); });
  }

  std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start_);
  }

  void ask_health(std::size_t i) {
    http_get(io_, nodes_[i].monitor_port, "/healthz", kRequestTimeout,
             [this, i](const HttpReply& reply) {
               if (finished_) return;
               if (reply.status == 200) return node_healthy(i);
               said_[i] = reply.status == 0 ? reply.body
                                            : "/healthz answered " + std::to_string(reply.status) +
                                                  ": " + reply.body;
               retry_[i].expires_after(kRecheck);
               retry_[i].async_wait([this, i](const boost::system::error_code& ec) {
                 if (!ec) ask_health(i);
               });
             });
  }

  void node_healthy(std::size_t i) {
    healthy_[i] = true;
    if (!all(healthy_)) return;
    times_.healthy = elapsed();
    connect(0);
  }

  // The first node's connection creates the account's streams; the others then only add their own
  // consumers, side by side (each takes the better part of a second on a 3-node cluster).
  void connect(std::size_t i) {
    MqttClientOptions options;
    options.port = nodes_[i].mqtt_port;
    options.client_id = "hilbench-ready-" + nodes_[i].name;
    clients_[i] = std::make_unique<MqttClient>(io_, options);
    MqttClient& client = *clients_[i];
    client.set_on_connected([this, i, &client] {
      client.stop();
      if (finished_) return;
      accepted_[i] = true;
      if (serving()) times_.serving = elapsed();
      if (i != 0) return;
      for (std::size_t next = 1; next < nodes_.size(); ++next) connect(next);
    });
    client.start();
  }

  void watch_ends() {
    failure_ = ended_();
    if (!failure_.empty()) return;
    watch_.expires_after(kRecheck);
    watch_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) watch_ends();
    });
  }

  // Which nodes are not ready, and what stopped them.
  std::string not_ready() const {
    std::string text;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      std::string why;
      if (!healthy_[i]) {
        why = said_[i];
      } else if (clients_[i] && !accepted_[i]) {
        why = "no MQTT connection yet: " + clients_[i]->last_error();
      } else {
        continue;  // ready, or waiting for the others
      }
      text += (text.empty() ? "" : "; ") + nodes_[i].name + ": " + why;
    }
    return "the NATS cluster was not ready within the deadline (" + text + ")";
  }

  boost::asio::io_context io_;
  const std::vector<NatsNode>& nodes_;
  const std::function<std::string()>& ended_;
  std::vector<boost::asio::steady_timer> retry_;
  boost::asio::steady_timer watch_;
  std::vector<std::string> said_;  // each node's last answer to /healthz
  std::vector<bool> healthy_;      // its /healthz said ok
  std::vector<bool> accepted_;     // it took an MQTT connection
  std::vector<std::unique_ptr<MqttClient>> clients_;
  Clock::time_point start_;
  NatsReadyTimes times_;
  std::string failure_;
  bool finished_ = false;
};

}  // namespace

bool wait_until_nats_ready(const std::vector<NatsNode>& nodes, Clock::time_point deadline,
                           const std::function<std::string()>& ended, NatsReadyTimes& times,
                           std::string& error) {
  Readiness readiness(nodes, ended);
  return readiness.wait(deadline, times, error);
}

}  // namespace hil::bench
