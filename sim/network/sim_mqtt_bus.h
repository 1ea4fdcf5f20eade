// An MQTT broker in process, on the simulation's clock: clients are core::MqttLink ports, so the
// bridge and the blaster run on it exactly as on a real broker. What it keeps of MQTT: topic
// filters with wildcards, retained messages (an empty retained payload deletes), last wills,
// sessions that drop and come back (subscriptions are kept and renewed, as bench::MqttClient does)
// and a client-side offline queue. Deliveries are events at the current instant, in publish
// order, so a publish never re-enters its subscribers. QoS is accepted and ignored: nothing is
// lost between connected clients.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/common/offline_queue.h"
#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::sim {

class SimMqttBus {
 public:
  class Client;
  using MessageHandler =
      std::function<void(std::string_view topic, std::string_view payload, bool retained)>;

  // The scheduler must outlive the bus and its clients.
  explicit SimMqttBus(core::Scheduler& scheduler);
  ~SimMqttBus();
  SimMqttBus(const SimMqttBus&) = delete;
  SimMqttBus& operator=(const SimMqttBus&) = delete;

  // A new client, disconnected until connect() (so a will can be set first). It must not outlive
  // the bus.
  std::unique_ptr<Client> make_client(std::string name);
  // A publish from outside the simulation (a test, Home Assistant); `sender` (optional) is not
  // delivered its own message.
  void publish(std::string_view topic, std::string_view payload, bool retain,
               const Client* sender = nullptr);
  // The retained payload of a topic, or nullptr.
  const std::string* retained(const std::string& topic) const;
  // Inside a message handler: the id of the client that published the message (its will, or the
  // retained message it left, included); 0 for bus publishes without a sender. Lets a recorder tell
  // messages from other simulated devices apart from those injected from outside.
  std::uint64_t delivering_from() const { return delivering_from_; }
  // The name a client was made with; "" for 0 or a client gone.
  std::string client_name(std::uint64_t id) const;

 private:
  friend class Client;
  void route(const std::string& topic, const std::string& payload, bool retain,
             std::uint64_t sender_id);
  void deliver_retained(Client& client, const std::string& filter);
  void schedule(std::uint64_t client_id, std::uint64_t sender_id, std::string topic,
                std::string payload, bool retained);

  core::Scheduler& scheduler_;
  std::uint64_t next_id_ = 1;
  std::uint64_t delivering_from_ = 0;
  std::map<std::uint64_t, Client*> clients_;
  struct Retained {
    std::string payload;
    std::uint64_t sender_id = 0;
  };
  std::map<std::string, Retained> retained_;
};

class SimMqttBus::Client : public core::MqttLink {
 public:
  static constexpr std::size_t kOfflineQueueLimit = 32;  // as bench::MqttClient's default

  ~Client() override;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // The MqttLink port. While disconnected, publishes wait (up to kOfflineQueueLimit, then false).
  bool publish(std::string_view topic, std::string_view payload, int qos, bool retain) override;
  void subscribe(std::string_view filter, int qos) override;
  void set_will(const core::MqttWill& will) override { will_ = will; }
  bool connected() const override { return connected_; }

  // Opens the session: renews the subscriptions (with their retained messages), sends what waited,
  // then calls on_connected.
  void connect();
  // Ends the session: an unclean end (a cut) has the bus publish the will; a clean one does not.
  void disconnect(bool clean);

  void set_on_message(MessageHandler fn) { on_message_ = std::move(fn); }
  void set_on_connected(std::function<void()> fn) { on_connected_ = std::move(fn); }
  void set_on_disconnected(std::function<void()> fn) { on_disconnected_ = std::move(fn); }
  // Each publish of this client as it reaches the bus (at once, or when the session returns).
  void set_on_sent(MessageHandler fn) { on_sent_ = std::move(fn); }
  const std::string& name() const { return name_; }
  std::uint64_t id() const { return id_; }

 private:
  friend class SimMqttBus;
  struct Waiting {
    std::string topic;
    std::string payload;
    bool retain = false;
  };
  Client(SimMqttBus& bus, std::uint64_t id, std::string name)
      : bus_(bus), id_(id), name_(std::move(name)) {}
  bool wants(std::string_view topic) const;

  SimMqttBus& bus_;
  std::uint64_t id_;
  std::string name_;
  bool connected_ = false;
  std::vector<std::string> filters_;
  core::OfflineQueue<Waiting> offline_{kOfflineQueueLimit};
  core::MqttWill will_;
  MessageHandler on_message_;
  std::function<void()> on_connected_;
  std::function<void()> on_disconnected_;
  MessageHandler on_sent_;
};

}  // namespace hil::sim
