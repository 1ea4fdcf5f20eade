// The MqttLink on libmosquitto, driven by a Boost.Asio io_context instead of the library's thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/log/logger.h"
#include "firmware_core/common/offline_queue.h"
#include "firmware_core/ports/mqtt_link.h"

struct mosquitto;
struct mosquitto_message;

namespace hil::bench {

struct MqttClientOptions {
  std::string host = "127.0.0.1";
  int port = 1883;
  // Brokers to turn to, in order, when a connection to the current one fails or is lost (the
  // nodes of a cluster); after the last, host:port again.
  std::vector<std::pair<std::string, int>> other_brokers;
  std::string client_id;  // empty: the library picks one (then clean_session must be true)
  std::string username;   // empty: connect anonymously
  std::string password;
  std::string tls_ca_file;    // non-empty: connect with TLS, verifying the broker against this CA
  std::string tls_cert_file;  // optional client certificate and key for TLS
  std::string tls_key_file;
  // The local address to connect from ("127.0.0.7"): a fleet spreads its devices over 127.x so
  // that no source address runs out of ephemeral ports. Empty: the system's choice.
  std::string bind_address;
  // libmosquitto opens a socket pair per client to wake its own threaded loop, which this client
  // never runs; a fleet of thousands refuses it (see mqtt_client.cpp) so that each client costs
  // one descriptor, not three.
  bool without_wakeup_pair = false;
  int keepalive_s = 30;
  bool clean_session = true;
  std::size_t offline_queue_limit = 32;
  // The broker is NATS 2.9 (nats_mqtt_limits.h): topics with '.' or ' ' are refused here, with an
  // error in the log, and QoS 2 publishes go as QoS 1, so the broker never ends the connection.
  bool nats_compatible = false;
  Logger log;  // connections, retries and failures
};

// Connects, keeps the connection up (back-off 1 s doubling to 30 s), re-sends subscriptions on
// every connect and holds publishes made while offline until the next connect.
// Everything happens on the caller's io_context; callbacks run from it.
class MqttClient : public hil::core::MqttLink {
 public:
  using MessageHandler =
      std::function<void(std::string_view topic, std::string_view payload, int qos, bool retain)>;

  MqttClient(boost::asio::io_context& io, MqttClientOptions options);
  ~MqttClient() override;
  MqttClient(const MqttClient&) = delete;
  MqttClient& operator=(const MqttClient&) = delete;

  // Starts connecting in the background; failures are retried until stop(). A host name is
  // resolved (blocking) at each attempt, so rigs that must not stall use numeric addresses.
  void start();
  // Stops retrying and disconnects cleanly (the broker discards the will) once the publishes in
  // flight are through, or after 2 s; closed() says when the DISCONNECT is out.
  void stop();

  // Cuts the connection as a network fault would (no DISCONNECT, so the broker publishes the will)
  // and dials again no sooner than `outage` from now (nor before the usual back-off).
  void cut(std::chrono::milliseconds outage);

  // False when the message is dropped: the offline queue is full, or (nats_compatible) the topic
  // is one the broker refuses.
  bool publish(std::string_view topic, std::string_view payload, int qos, bool retain) override;
  // With nats_compatible, a topic the broker refuses is logged and dropped.
  void subscribe(std::string_view topic, int qos) override;
  // With nats_compatible, a will on a topic the broker refuses is logged and dropped (it would
  // make every connect fail).
  void set_will(const hil::core::MqttWill& will) override;
  bool connected() const override { return connected_; }
  // Connected, and the broker has granted every subscription (its SUBACKs): what is published
  // from now on reaches this client.
  bool subscribed() const { return connected_ && pending_subacks_.empty() && refused_.empty(); }
  // Publishes not yet through: written (QoS 0) or acknowledged (QoS 1 and 2).
  std::size_t in_flight() const { return in_flight_.size(); }
  // Stopped, and the connection is closed.
  bool closed() const { return !running_ && !flushing_ && socket_fd_ < 0; }

  void set_on_connected(std::function<void()> fn) { on_connected_ = std::move(fn); }
  void set_on_disconnected(std::function<void()> fn) { on_disconnected_ = std::move(fn); }
  void set_on_message(MessageHandler fn) { on_message_ = std::move(fn); }

  // Why the last connection attempt failed or the last connection ended; empty after a connect.
  const std::string& last_error() const { return last_error_; }
  // Publishes waiting for the next connection.
  std::size_t queued() const { return offline_.size(); }

 private:
  struct Subscription {
    std::string topic;
    int qos;
  };
  struct QueuedMessage {
    std::string topic;
    std::string payload;
    int qos;
    bool retain;
  };

  static void handle_connect(mosquitto* mosq, void* self, int rc);
  static void handle_disconnect(mosquitto* mosq, void* self, int rc);
  static void handle_message(mosquitto* mosq, void* self, const mosquitto_message* message);
  static void handle_subscribe(mosquitto* mosq, void* self, int mid, int count, const int* granted);
  static void handle_publish(mosquitto* mosq, void* self, int mid);

  void configure();
  void fail_configuration(const std::string& reason);
  void connect_now();
  void connection_ended();
  void disconnect_now();
  void finish_flush_if_done();
  // Logs, on a connect, what waited in the offline queue and how many did not fit.
  void report_offline_publishes();
  int subscribe_now(const Subscription& subscription);
  // Runs one libmosquitto call; the sockets and waits are brought up to date afterwards.
  template <typename Call>
  int library(Call call);
  void sync_socket();
  void wait_readable();
  void wait_writable();
  void on_readable();
  void on_writable();
  void release_socket();
  void note_failure(int rc, int saved_errno);
  void arm_misc_timer();
  bool send_publish(const QueuedMessage& message);
  // With nats_compatible: false, and the reason logged, if the broker would refuse `topic`.
  bool broker_takes(std::string_view topic, const char* what) const;
  // QoS 2 becomes 1 with nats_compatible (said once per client).
  int publish_qos(std::string_view topic, int qos);
  std::string endpoint() const;
  const std::string& current_host() const;
  int current_port() const;

  boost::asio::io_context& io_;
  MqttClientOptions options_;
  mosquitto* mosq_ = nullptr;

  boost::asio::posix::stream_descriptor socket_;
  int socket_fd_ = -1;
  unsigned socket_generation_ = 0;
  bool read_waiting_ = false;
  bool write_waiting_ = false;
  int library_depth_ = 0;

  boost::asio::steady_timer reconnect_timer_;
  boost::asio::steady_timer misc_timer_;
  boost::asio::steady_timer flush_timer_;
  std::chrono::seconds backoff_;
  bool running_ = false;
  bool connected_ = false;
  bool was_connected_ = false;  // the attempt now ending had been connected
  bool reconnect_pending_ = false;
  std::chrono::steady_clock::time_point hold_until_{};
  std::size_t broker_index_ =
      0;  // 0: host:port; i: other_brokers[i - 1]  // a cut's outage: no dialing before
  bool flushing_ = false;  // stopped, waiting for the publishes in flight before disconnecting
  std::string failure_;    // reason recorded by a library callback for the current attempt

  std::vector<Subscription> subscriptions_;
  std::map<int, Subscription> pending_subacks_;  // SUBSCRIBEs not yet acknowledged, by message id
  // Subscriptions the broker refused (a NATS node while JetStream elects new leaders): asked for
  // again at the next tick of the misc timer, as long as the connection lasts.
  std::vector<Subscription> refused_;
  std::set<int> in_flight_;  // message ids of publishes not yet through
  bool publishing_ = false;  // inside mosquitto_publish, which may finish a QoS 0 at once
  std::vector<int> finished_while_publishing_;
  core::OfflineQueue<QueuedMessage> offline_{options_.offline_queue_limit};
  std::size_t dropped_offline_ = 0;  // publishes refused by the full queue in this outage
  std::optional<hil::core::MqttWill> will_;
  bool said_qos2_downgrade_ = false;
  std::string last_error_;

  std::function<void()> on_connected_;
  std::function<void()> on_disconnected_;
  MessageHandler on_message_;

  // Handlers hold a weak copy so that a completion queued after destruction does nothing.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

}  // namespace hil::bench
