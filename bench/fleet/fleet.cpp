// Many simulated devices of one family in one process.
#include "bench/fleet/fleet.h"

#include <algorithm>
#include <numeric>
#include <random>

#include "bench/io/mqtt_url.h"

namespace hil::bench {
namespace {

constexpr auto kRampTick = std::chrono::milliseconds(10);
constexpr std::size_t kDevicesPerAddress = 250;

}  // namespace

std::string fleet_source_address(std::size_t index) {
  const std::size_t address = index / kDevicesPerAddress;
  return "127.1." + std::to_string(address / 250) + "." + std::to_string(address % 250 + 1);
}

// One device: its MQTT session, counted, and the family's firmware on it.
class Fleet::Member : public core::MqttLink {
 public:
  Member(Fleet& fleet, MqttClientOptions client)
      : fleet_(fleet), mqtt_(fleet.io_, std::move(client)) {
    mqtt_.set_on_connected([this] {
      if (!ever_connected_ && ++fleet_.counters_.ever_connected == fleet_.counters_.devices) {
        fleet_.counters_.all_connected_s =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - fleet_.ramp_started_)
                .count();
      }
      ever_connected_ = true;
      session_up_ = true;
      ++fleet_.counters_.connected;
      ++fleet_.counters_.connects;
      fleet_.scheduler_.run_event([this] { device_->on_connected(); });
    });
    mqtt_.set_on_disconnected([this] {
      if (!session_up_) return;  // a connect that failed: there was no session
      session_up_ = false;
      --fleet_.counters_.connected;
      ++fleet_.counters_.disconnects;
    });
    mqtt_.set_on_message([this](std::string_view topic, std::string_view payload, int, bool) {
      ++fleet_.counters_.messages_in;
      fleet_.scheduler_.run_event([&] { device_->on_message(topic, payload); });
    });
  }
  void make_device(const scenario::FleetDeviceContext& context) {
    device_ = fleet_.options_.family->fleet.make(context);
  }

  // core::MqttLink, for the device: what it publishes is counted.
  bool publish(std::string_view topic, std::string_view payload, int qos, bool retain) override {
    ++fleet_.counters_.messages_out;
    return mqtt_.publish(topic, payload, qos, retain);
  }
  void subscribe(std::string_view topic, int qos) override {
    mqtt_.subscribe(topic, std::min(qos, fleet_.options_.max_subscription_qos));
  }
  void set_will(const core::MqttWill& will) override { mqtt_.set_will(will); }
  bool connected() const override { return mqtt_.connected(); }

  MqttClient& client() { return mqtt_; }
  const MqttClient& client() const { return mqtt_; }
  scenario::FleetDevice& device() { return *device_; }
  bool ever_connected() const { return ever_connected_; }

 private:
  Fleet& fleet_;
  MqttClient mqtt_;
  std::unique_ptr<scenario::FleetDevice> device_;
  bool ever_connected_ = false;
  bool session_up_ = false;
};

Fleet::Fleet(boost::asio::io_context& io, FleetOptions options)
    : io_(io), options_(std::move(options)), scheduler_(io, options_.time_scale), ramp_timer_(io) {}

Fleet::~Fleet() {
  ramp_timer_.cancel();
  members_.clear();  // devices and their timers go while the clock is there
}

bool Fleet::start(std::string& error) {
  if (options_.family == nullptr || !options_.family->fleet.make) {
    error = "this kind has no fleet form";
    return false;
  }
  if (options_.broker_urls.empty()) {
    error = "no broker";
    return false;
  }
  std::vector<MqttClientOptions> brokers;
  for (const std::string& url : options_.broker_urls) {
    auto client =
        client_options_for(url, options_.username, options_.password, options_.tls_ca_file, error);
    if (!client) return false;
    client->keepalive_s = options_.keepalive_s;
    client->clean_session = options_.clean_session;
    client->without_wakeup_pair = true;  // one descriptor a device
    brokers.push_back(*client);
  }
  members_.reserve(options_.ids.size());
  for (std::size_t i = 0; i < options_.ids.size(); ++i) {
    // Homed on broker i % n, and turning to the next ones in order when it is gone.
    MqttClientOptions client = brokers[i % brokers.size()];
    for (std::size_t next = 1; next < brokers.size(); ++next) {
      const MqttClientOptions& other = brokers[(i + next) % brokers.size()];
      client.other_brokers.emplace_back(other.host, other.port);
    }
    client.client_id = options_.family->fleet.client_id(options_.ids[i]);
    if (client.host.rfind("127.", 0) == 0) client.bind_address = fleet_source_address(i);
    auto member = std::make_unique<Member>(*this, std::move(client));
    member->make_device(
        scenario::FleetDeviceContext{scheduler_, *member, options_.ids[i], options_.seed + i});
    members_.push_back(std::move(member));
  }
  counters_.devices = members_.size();
  ramp_last_ = ramp_started_ = std::chrono::steady_clock::now();
  ramp();
  return true;
}

void Fleet::ramp() {
  const auto now = std::chrono::steady_clock::now();
  ramp_credit_ += std::chrono::duration<double>(now - ramp_last_).count() * options_.connect_rate;
  ramp_credit_ = std::max(ramp_credit_, 1.0);  // at least one a tick, whatever the rate
  ramp_last_ = now;
  while (ramp_credit_ >= 1.0 && counters_.started < members_.size()) {
    members_[counters_.started++]->client().start();
    ramp_credit_ -= 1.0;
  }
  if (ramp_done()) return;
  ramp_timer_.expires_after(kRampTick);
  ramp_timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) ramp();
  });
}

std::size_t Fleet::never_connected() const { return counters_.devices - counters_.ever_connected; }

std::size_t Fleet::subscribed() const {
  return static_cast<std::size_t>(std::count_if(
      members_.begin(), members_.end(), [](const auto& m) { return m->client().subscribed(); }));
}

nlohmann::json Fleet::failures(std::size_t at_most) const {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < members_.size() && out.size() < at_most; ++i) {
    if (members_[i]->ever_connected()) continue;
    out.push_back({{"id", options_.ids[i]}, {"error", members_[i]->client().last_error()}});
  }
  return out;
}

std::vector<std::size_t> Fleet::pick(double percent) {
  std::vector<std::size_t> order(members_.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 random(options_.seed + 7919 * ++fault_round_);
  std::shuffle(order.begin(), order.end(), random);
  const auto share = static_cast<std::size_t>(
      std::llround(std::clamp(percent, 0.0, 100.0) / 100.0 * static_cast<double>(order.size())));
  order.resize(share);
  return order;
}

void Fleet::cut(double percent, std::chrono::milliseconds outage) {
  for (const std::size_t i : pick(percent)) members_[i]->client().cut(outage);
}

void Fleet::power_cycle(double percent) {
  for (const std::size_t i : pick(percent)) {
    Member& member = *members_[i];
    member.client().cut(std::chrono::milliseconds(0));  // power gone: no goodbye
    scheduler_.run_event([&] { member.device().power_cycle(); });
  }
}

void Fleet::reconnect_storm() {
  for (auto& member : members_) member->client().cut(std::chrono::milliseconds(0));
}

void Fleet::stop() {
  ramp_timer_.cancel();
  for (auto& member : members_) {
    if (member->client().connected()) scheduler_.run_event([&] { member->device().shut_down(); });
    member->client().stop();
  }
}

bool Fleet::stopped() const {
  // Asked after every event while the fleet says goodbye: resumes where it stopped, as a closed
  // client stays closed, so ten thousand devices cost one pass in all.
  while (closed_up_to_ < members_.size() && members_[closed_up_to_]->client().closed())
    ++closed_up_to_;
  return closed_up_to_ == members_.size();
}

}  // namespace hil::bench
