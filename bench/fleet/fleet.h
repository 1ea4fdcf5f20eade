// Many simulated devices of one family in one process (`hilbench fleet`): each the family's real
// firmware with its own MQTT session, all on one io_context and one clock, no thread per device.
// Connections are ramped at a rate and spread over brokers and over 127.x source addresses; faults
// act on a share of the fleet (cut connections, power cycles, a reconnect storm).
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/io/asio_scheduler.h"
#include "bench/io/mqtt_client.h"
#include "bench/log/logger.h"
#include "bench/scenario/family.h"

namespace hil::bench {

struct FleetOptions {
  const scenario::Family* family = nullptr;  // with fleet rules
  std::vector<std::string> ids;              // one per device
  std::vector<std::string> broker_urls;      // device i is homed on broker i % size
  std::string username;
  std::string password;
  std::string tls_ca_file;
  double connect_rate = 1000;  // new connections per second
  double time_scale = 1;
  std::uint64_t seed = 1;
  int keepalive_s = 60;
  // False: the broker keeps each device's subscriptions and its QoS 1 commands while it is away.
  bool clean_session = true;
  // Subscriptions are asked at most at this QoS (0 on NATS spares a JetStream consumer each; the
  // devices then get their commands at QoS 0, lost while they move).
  int max_subscription_qos = 2;
  Logger log;
};

// What the fleet counts, as its JSON lines report it.
struct FleetCounters {
  std::size_t devices = 0;
  std::size_t started = 0;    // connections begun by the ramp
  std::size_t connected = 0;  // now
  std::size_t ever_connected = 0;
  double all_connected_s = 0;  // from the first connect begun to the last device's first session
  std::uint64_t connects = 0;  // sessions opened, first ones and again
  std::uint64_t disconnects = 0;
  std::uint64_t messages_in = 0;
  std::uint64_t messages_out = 0;
};

class Fleet {
 public:
  Fleet(boost::asio::io_context& io, FleetOptions options);
  ~Fleet();
  Fleet(const Fleet&) = delete;
  Fleet& operator=(const Fleet&) = delete;

  // Makes every device (booted, not yet connected) and starts the ramp; false and why.
  bool start(std::string& error);
  const FleetCounters& counters() const { return counters_; }
  // Every device has had its connection begun.
  bool ramp_done() const { return counters_.started == counters_.devices; }
  // Devices that have never been connected, with the last reason of a few of them.
  std::size_t never_connected() const;
  // Devices connected with every subscription granted (a pass over the fleet: for reports).
  std::size_t subscribed() const;
  nlohmann::json failures(std::size_t at_most) const;

  // Faults on `percent` of the devices, picked by the fleet's seed (the same ones each run).
  void cut(double percent, std::chrono::milliseconds outage);
  void power_cycle(double percent);
  // Every device loses its connection at once and dials again at once.
  void reconnect_storm();

  // Each device says goodbye (its offline status), then every session is closed.
  void stop();
  bool stopped() const;

 private:
  class Member;

  void ramp();
  std::vector<std::size_t> pick(double percent);

  boost::asio::io_context& io_;
  FleetOptions options_;
  AsioScheduler scheduler_;
  std::vector<std::unique_ptr<Member>> members_;
  boost::asio::steady_timer ramp_timer_;
  double ramp_credit_ = 0;
  std::chrono::steady_clock::time_point ramp_last_;
  std::chrono::steady_clock::time_point ramp_started_;
  FleetCounters counters_;
  std::uint64_t fault_round_ = 0;
  mutable std::size_t closed_up_to_ = 0;  // members before it are closed (after stop())
};

// The source address device `index` connects from when its broker is on loopback: 127.1.x.y, at
// most 250 devices an address (each address has its own ~28k ephemeral ports).
std::string fleet_source_address(std::size_t index);

}  // namespace hil::bench
