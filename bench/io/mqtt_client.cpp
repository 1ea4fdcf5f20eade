// The MqttLink on libmosquitto, driven by a Boost.Asio io_context instead of the library's thread.
#include "bench/io/mqtt_client.h"

#include <mosquitto.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <cerrno>
#include <cstring>
#include <utility>

#include "bench/io/nats_mqtt_limits.h"

namespace hil::bench {
namespace {

constexpr std::chrono::seconds kInitialBackoff{1};
constexpr std::chrono::seconds kMaxBackoff{30};
constexpr std::chrono::seconds kMiscInterval{1};
// How long stop() waits for the publishes in flight before it disconnects anyway.
constexpr std::chrono::seconds kFlushDeadline{2};
// Packets read in one wake-up before other handlers get a turn.
constexpr int kMaxReadsPerWake = 64;

void init_library_once() {
  static const int kInitResult = mosquitto_lib_init();
  (void)kInitResult;
}

// The reactor reports edges only, so whether bytes are still waiting is asked directly.
bool readable_now(int fd) {
  pollfd request{fd, POLLIN, 0};
  return ::poll(&request, 1, 0) > 0 && (request.revents & (POLLIN | POLLHUP | POLLERR)) != 0;
}

// The library's messages are sentences; ours go into the middle of a log line.
std::string clause(const char* text) {
  std::string result(text);
  if (!result.empty() && result.back() == '.') result.pop_back();
  return result;
}

std::string describe(int rc, int saved_errno) {
  if (rc == MOSQ_ERR_ERRNO) return std::strerror(saved_errno);
  return clause(mosquitto_strerror(rc));
}

const char* or_null(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }

// mosquitto_new() with no descriptor to spare: the library's socketpair() fails and it goes on
// without the pair (libmosquitto 2.0 only warns: the pair wakes mosquitto_loop()'s select, which
// this client never calls). The open-file limit is lowered to the lowest free descriptor for the
// call, then restored.
mosquitto* new_without_wakeup_pair(const MqttClientOptions& options, void* self) {
  rlimit saved{};
  const int lowest_free = ::dup(0);
  if (lowest_free < 0 || ::getrlimit(RLIMIT_NOFILE, &saved) != 0) {
    if (lowest_free >= 0) ::close(lowest_free);
    return mosquitto_new(or_null(options.client_id), options.clean_session, self);
  }
  ::close(lowest_free);
  rlimit tight = saved;
  tight.rlim_cur = static_cast<rlim_t>(lowest_free);
  ::setrlimit(RLIMIT_NOFILE, &tight);
  mosquitto* mosq = mosquitto_new(or_null(options.client_id), options.clean_session, self);
  ::setrlimit(RLIMIT_NOFILE, &saved);
  return mosq;
}

}  // namespace

MqttClient::MqttClient(boost::asio::io_context& io, MqttClientOptions options)
    : io_(io),
      options_(std::move(options)),
      socket_(io),
      reconnect_timer_(io),
      misc_timer_(io),
      flush_timer_(io),
      backoff_(kInitialBackoff) {
  init_library_once();
  mosq_ = options_.without_wakeup_pair
              ? new_without_wakeup_pair(options_, this)
              : mosquitto_new(or_null(options_.client_id), options_.clean_session, this);
  if (!mosq_) {
    last_error_ = std::string("cannot create the client: ") + std::strerror(errno);
    options_.log.error(last_error_);
    return;
  }
  configure();
}

MqttClient::~MqttClient() {
  on_connected_ = nullptr;
  on_disconnected_ = nullptr;
  on_message_ = nullptr;
  if (!mosq_) return;
  stop();
  disconnect_now();  // no waiting for what is in flight now
  release_socket();
  mosquitto_destroy(mosq_);
}

void MqttClient::configure() {
  mosquitto_connect_callback_set(mosq_, &MqttClient::handle_connect);
  mosquitto_disconnect_callback_set(mosq_, &MqttClient::handle_disconnect);
  mosquitto_message_callback_set(mosq_, &MqttClient::handle_message);
  mosquitto_subscribe_callback_set(mosq_, &MqttClient::handle_subscribe);
  mosquitto_publish_callback_set(mosq_, &MqttClient::handle_publish);
  mosquitto_int_option(mosq_, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  mosquitto_int_option(mosq_, MOSQ_OPT_TCP_NODELAY, 1);
  for (const std::string* file :
       {&options_.tls_ca_file, &options_.tls_cert_file, &options_.tls_key_file}) {
    if (!file->empty() && ::access(file->c_str(), R_OK) != 0) {
      fail_configuration("cannot read " + *file + ": " + std::strerror(errno));
      return;
    }
  }
  int rc = MOSQ_ERR_SUCCESS;
  if (!options_.username.empty()) {
    rc = mosquitto_username_pw_set(mosq_, options_.username.c_str(), or_null(options_.password));
  }
  if (rc == MOSQ_ERR_SUCCESS && !options_.tls_ca_file.empty()) {
    rc =
        mosquitto_tls_set(mosq_, options_.tls_ca_file.c_str(), nullptr,
                          or_null(options_.tls_cert_file), or_null(options_.tls_key_file), nullptr);
  }
  if (rc != MOSQ_ERR_SUCCESS) {
    fail_configuration("invalid client options: " + clause(mosquitto_strerror(rc)));
  }
}

void MqttClient::fail_configuration(const std::string& reason) {
  last_error_ = reason;
  options_.log.error(last_error_);
  mosquitto_destroy(mosq_);
  mosq_ = nullptr;
}

void MqttClient::start() {
  if (!mosq_) {
    options_.log.error("cannot start: " + last_error_);
    return;
  }
  if (running_) return;
  running_ = true;
  backoff_ = kInitialBackoff;
  arm_misc_timer();
  connect_now();
}

void MqttClient::stop() {
  if (!running_) return;
  running_ = false;
  reconnect_pending_ = false;
  reconnect_timer_.cancel();
  misc_timer_.cancel();
  if (!connected_ || in_flight_.empty()) {
    disconnect_now();
    return;
  }
  flushing_ = true;  // handle_publish disconnects after the last one
  flush_timer_.expires_after(kFlushDeadline);
  flush_timer_.async_wait(
      [this, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec) {
        if (alive.expired() || ec) return;
        options_.log.warning(std::to_string(in_flight_.size()) +
                             " publishes still in flight; disconnecting anyway");
        disconnect_now();
      });
}

void MqttClient::disconnect_now() {
  flushing_ = false;
  flush_timer_.cancel();
  if (socket_fd_ < 0) return;
  options_.log.info("disconnecting from " + endpoint());
  library([this] { return mosquitto_disconnect(mosq_); });
}

bool MqttClient::publish(std::string_view topic, std::string_view payload, int qos, bool retain) {
  if (!broker_takes(topic, "not publishing")) return false;
  QueuedMessage message{std::string(topic), std::string(payload), publish_qos(topic, qos), retain};
  if (connected_) return send_publish(message);
  if (offline_.push(std::move(message))) return true;
  // Said at the first drop of an outage; the count comes when the connection is back.
  if (dropped_offline_++ == 0) {
    options_.log.warning("the queue of publishes made while offline is full (" +
                         std::to_string(options_.offline_queue_limit) +
                         "): dropping the rest until the connection is back");
  }
  return false;
}

void MqttClient::subscribe(std::string_view topic, int qos) {
  if (!broker_takes(topic, "not subscribing")) return;
  auto it = std::find_if(subscriptions_.begin(), subscriptions_.end(),
                         [&](const Subscription& s) { return s.topic == topic; });
  if (it != subscriptions_.end()) {
    it->qos = qos;
  } else {
    subscriptions_.push_back({std::string(topic), qos});
  }
  if (connected_) library([&] { return subscribe_now({std::string(topic), qos}); });
}

int MqttClient::subscribe_now(const Subscription& subscription) {
  int mid = 0;
  const int rc = mosquitto_subscribe(mosq_, &mid, subscription.topic.c_str(), subscription.qos);
  if (rc == MOSQ_ERR_SUCCESS) {
    pending_subacks_.emplace(mid, subscription);
  } else {
    options_.log.error("subscribe to '" + subscription.topic +
                       "' failed: " + clause(mosquitto_strerror(rc)));
  }
  return rc;
}

void MqttClient::set_will(const hil::core::MqttWill& will) {
  if (will.topic.empty() || !broker_takes(will.topic, "connecting with no will")) {
    will_.reset();
  } else {
    will_ = will;
  }
}

void MqttClient::handle_connect(mosquitto* /*mosq*/, void* self, int rc) {
  auto* client = static_cast<MqttClient*>(self);
  if (rc != 0) {
    client->failure_ = clause(mosquitto_connack_string(rc));
    return;
  }
  client->connected_ = true;
  client->backoff_ = kInitialBackoff;
  client->last_error_.clear();
  client->options_.log.info("connected to " + client->endpoint());
  client->pending_subacks_.clear();
  client->refused_.clear();
  for (const Subscription& s : client->subscriptions_) client->subscribe_now(s);
  client->report_offline_publishes();
  client->offline_.drain([client](const QueuedMessage& message) { client->send_publish(message); });
  if (client->on_connected_) client->on_connected_();
}

void MqttClient::report_offline_publishes() {
  if (!offline_.empty()) {
    options_.log.info("sending " + std::to_string(offline_.size()) +
                      " publishes queued while offline");
  }
  if (dropped_offline_ > 0) {
    options_.log.warning(std::to_string(std::exchange(dropped_offline_, 0)) +
                         " publishes made while offline were dropped: the queue was full");
  }
}

void MqttClient::handle_disconnect(mosquitto* /*mosq*/, void* self, int rc) {
  auto* client = static_cast<MqttClient*>(self);
  if (client->failure_.empty()) client->failure_ = describe(rc, errno);
  if (!client->connected_) return;
  client->connected_ = false;
  client->was_connected_ = true;
  if (client->on_disconnected_) client->on_disconnected_();
}

void MqttClient::handle_message(mosquitto* /*mosq*/, void* self, const mosquitto_message* message) {
  auto* client = static_cast<MqttClient*>(self);
  if (!client->on_message_) return;
  const std::string_view payload(static_cast<const char*>(message->payload),
                                 static_cast<std::size_t>(message->payloadlen));
  client->on_message_(message->topic, payload, message->qos, message->retain);
}

void MqttClient::handle_subscribe(mosquitto* /*mosq*/, void* self, int mid, int count,
                                  const int* granted) {
  auto* client = static_cast<MqttClient*>(self);
  const auto pending = client->pending_subacks_.find(mid);
  if (pending == client->pending_subacks_.end()) return;
  const Subscription subscription = pending->second;
  client->pending_subacks_.erase(pending);
  for (int i = 0; i < count; ++i) {
    if (granted[i] <= 2) continue;
    client->options_.log.warning("the broker refused the subscription to '" + subscription.topic +
                                 "'; asking again in a second");
    client->refused_.push_back(subscription);
  }
}

void MqttClient::handle_publish(mosquitto* /*mosq*/, void* self, int mid) {
  auto* client = static_cast<MqttClient*>(self);
  if (client->publishing_) {
    client->finished_while_publishing_.push_back(mid);
    return;
  }
  client->in_flight_.erase(mid);
  client->finish_flush_if_done();
}

void MqttClient::finish_flush_if_done() {
  if (!flushing_ || !in_flight_.empty()) return;
  // Not from inside a library call: the disconnect runs as a handler of its own.
  boost::asio::post(io_, [this, alive = std::weak_ptr<char>(alive_)] {
    if (!alive.expired() && flushing_) disconnect_now();
  });
}

void MqttClient::connect_now() {
  // The library closes and reopens its socket here, possibly under the same number.
  release_socket();
  failure_.clear();
  was_connected_ = false;
  if (will_) {
    mosquitto_will_set(mosq_, will_->topic.c_str(), static_cast<int>(will_->payload.size()),
                       will_->payload.data(), will_->qos, will_->retain);
  } else {
    mosquitto_will_clear(mosq_);
  }
  int saved_errno = 0;
  const int rc = library([&] {
    const int result =
        mosquitto_connect_bind_async(mosq_, current_host().c_str(), current_port(),
                                     options_.keepalive_s, or_null(options_.bind_address));
    saved_errno = errno;
    return result;
  });
  if (rc != MOSQ_ERR_SUCCESS) {
    if (failure_.empty()) failure_ = describe(rc, saved_errno);
    connection_ended();
  }
}

const std::string& MqttClient::current_host() const {
  return broker_index_ == 0 ? options_.host : options_.other_brokers[broker_index_ - 1].first;
}

int MqttClient::current_port() const {
  return broker_index_ == 0 ? options_.port : options_.other_brokers[broker_index_ - 1].second;
}

void MqttClient::connection_ended() {
  const std::string reason = failure_.empty() ? "connection closed" : failure_;
  failure_.clear();
  pending_subacks_.clear();
  refused_.clear();    // asked for again with the rest on the next connection
  in_flight_.clear();  // QoS 1 and 2 ones the library sends again on the next connection
  if (flushing_) disconnect_now();  // nothing left to wait for
  if (!running_ || reconnect_pending_) return;
  last_error_ = reason;
  const std::string what = was_connected_ ? "connection to " + endpoint() + " lost: "
                                          : "cannot connect to " + endpoint() + ": ";
  if (!options_.other_brokers.empty())
    broker_index_ = (broker_index_ + 1) % (options_.other_brokers.size() + 1);
  options_.log.warning(what + reason + "; retrying " +
                       (options_.other_brokers.empty() ? "" : "with " + endpoint() + " ") + "in " +
                       std::to_string(backoff_.count()) + " s");
  reconnect_pending_ = true;
  const auto held = std::chrono::duration_cast<std::chrono::milliseconds>(
      hold_until_ - std::chrono::steady_clock::now());
  reconnect_timer_.expires_after(std::max<std::chrono::milliseconds>(backoff_, held));
  reconnect_timer_.async_wait(
      [this, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec) {
        if (alive.expired() || ec) return;
        reconnect_pending_ = false;
        if (running_) connect_now();
      });
  backoff_ = std::min(backoff_ * 2, kMaxBackoff);
}

void MqttClient::cut(std::chrono::milliseconds outage) {
  hold_until_ = std::chrono::steady_clock::now() + outage;
  if (socket_fd_ < 0) return;
  failure_ = "cut (a simulated network fault)";
  ::shutdown(socket_fd_, SHUT_RDWR);  // the library reads the end of the stream and gives up
}

template <typename Call>
int MqttClient::library(Call call) {
  ++library_depth_;
  const int rc = call();
  --library_depth_;
  // Inside a library callback the outer call brings things up to date when it returns.
  if (library_depth_ == 0) sync_socket();
  return rc;
}

void MqttClient::sync_socket() {
  bool tried_write = false;
  while (mosq_) {
    const int fd = mosquitto_socket(mosq_);
    if (fd != socket_fd_) {
      const bool had_socket = socket_fd_ >= 0;
      release_socket();
      if (fd < 0) {
        if (had_socket) connection_ended();
        return;
      }
      boost::system::error_code ec;
      socket_.assign(fd, ec);
      if (ec) {
        options_.log.error("cannot watch the socket: " + ec.message());
        return;
      }
      socket_fd_ = fd;
    }
    if (socket_fd_ < 0) return;
    if (!read_waiting_) wait_readable();
    if (write_waiting_ || !mosquitto_want_write(mosq_)) return;
    if (tried_write) {
      wait_writable();
      return;
    }
    // The socket is usually writable already, and the reactor reports only changes: try first.
    tried_write = true;
    ++library_depth_;
    const int rc = mosquitto_loop_write(mosq_, 1);
    note_failure(rc, errno);
    --library_depth_;
  }
}

void MqttClient::wait_readable() {
  read_waiting_ = true;
  socket_.async_wait(boost::asio::posix::stream_descriptor::wait_read,
                     [this, alive = std::weak_ptr<char>(alive_),
                      generation = socket_generation_](const boost::system::error_code& ec) {
                       if (alive.expired() || generation != socket_generation_) return;
                       read_waiting_ = false;
                       if (ec != boost::asio::error::operation_aborted) on_readable();
                     });
}

void MqttClient::wait_writable() {
  write_waiting_ = true;
  socket_.async_wait(boost::asio::posix::stream_descriptor::wait_write,
                     [this, alive = std::weak_ptr<char>(alive_),
                      generation = socket_generation_](const boost::system::error_code& ec) {
                       if (alive.expired() || generation != socket_generation_) return;
                       write_waiting_ = false;
                       if (ec != boost::asio::error::operation_aborted) on_writable();
                     });
}

void MqttClient::on_readable() {
  const unsigned generation = socket_generation_;
  for (int i = 0; i < kMaxReadsPerWake; ++i) {
    ++library_depth_;
    const int rc = mosquitto_loop_read(mosq_, 1);
    note_failure(rc, errno);
    --library_depth_;
    const int fd = mosquitto_socket(mosq_);
    if (rc != MOSQ_ERR_SUCCESS || fd < 0 || fd != socket_fd_ || !readable_now(fd)) {
      sync_socket();
      return;
    }
  }
  sync_socket();
  boost::asio::post(io_, [this, alive = std::weak_ptr<char>(alive_), generation] {
    if (alive.expired() || generation != socket_generation_) return;
    on_readable();
  });
}

void MqttClient::on_writable() {
  library([this] {
    const int rc = mosquitto_loop_write(mosq_, 1);
    note_failure(rc, errno);
    return rc;
  });
}

void MqttClient::note_failure(int rc, int saved_errno) {
  // Some failures (a TLS handshake) close the socket without a disconnect callback.
  if (rc != MOSQ_ERR_SUCCESS && failure_.empty()) failure_ = describe(rc, saved_errno);
}

void MqttClient::release_socket() {
  if (socket_fd_ < 0) return;
  // The library owns the descriptor: stop watching it, never close it here.
  socket_.release();
  socket_fd_ = -1;
  ++socket_generation_;
  read_waiting_ = false;
  write_waiting_ = false;
}

void MqttClient::arm_misc_timer() {
  misc_timer_.expires_after(kMiscInterval);
  misc_timer_.async_wait(
      [this, alive = std::weak_ptr<char>(alive_)](const boost::system::error_code& ec) {
        if (alive.expired() || ec || !running_) return;
        if (socket_fd_ >= 0) {
          library([this] {
            const int rc = mosquitto_loop_misc(mosq_);
            note_failure(rc, errno);
            return rc;
          });
        }
        if (connected_ && !refused_.empty()) {
          for (const Subscription& subscription : std::exchange(refused_, {}))
            subscribe_now(subscription);
        }
        arm_misc_timer();
      });
}

bool MqttClient::send_publish(const QueuedMessage& message) {
  int mid = 0;
  publishing_ = true;
  const int rc = library([&] {
    return mosquitto_publish(mosq_, &mid, message.topic.c_str(),
                             static_cast<int>(message.payload.size()), message.payload.data(),
                             message.qos, message.retain);
  });
  publishing_ = false;
  if (rc == MOSQ_ERR_SUCCESS) in_flight_.insert(mid);
  // This one (a QoS 0 written at once) or earlier ones may have gone out during the call.
  for (const int finished : std::exchange(finished_while_publishing_, {})) {
    in_flight_.erase(finished);
  }
  finish_flush_if_done();
  if (rc != MOSQ_ERR_SUCCESS) {
    options_.log.error("publish to '" + message.topic +
                       "' failed: " + clause(mosquitto_strerror(rc)));
  }
  return rc == MOSQ_ERR_SUCCESS;
}

bool MqttClient::broker_takes(std::string_view topic, const char* what) const {
  if (!options_.nats_compatible) return true;
  const std::string problem = nats_topic_problem(topic);
  if (problem.empty()) return true;
  options_.log.error(std::string(what) + ": " + problem);
  return false;
}

int MqttClient::publish_qos(std::string_view topic, int qos) {
  if (!options_.nats_compatible || qos <= kNatsMaxQos) return qos;
  if (!said_qos2_downgrade_) {
    options_.log.warning("NATS 2.9 has no QoS 2: '" + std::string(topic) +
                         "' and every later QoS 2 publish go at QoS 1");
    said_qos2_downgrade_ = true;
  }
  return kNatsMaxQos;
}

std::string MqttClient::endpoint() const {
  const bool ipv6 = current_host().find(':') != std::string::npos;
  const std::string host = ipv6 ? "[" + current_host() + "]" : current_host();
  return host + ":" + std::to_string(current_port());
}

}  // namespace hil::bench
