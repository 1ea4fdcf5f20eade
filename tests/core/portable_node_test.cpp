// Runs a MOVE through the device build of the core (-fno-exceptions -fno-rtti) with hand-written
// fakes.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "firmware_core/stepper/node.h"

namespace {

using namespace hil::core;
using namespace hil::stepper;

int g_failures = 0;

#define CHECK(cond)                                                                 \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++g_failures;                                                                 \
    }                                                                               \
  } while (0)

// Timers kept in a list; run() fires every due one in time order until `until`.
class FakeScheduler : public Scheduler {
 public:
  Micros now() const override { return now_; }
  TimerId call_at(Micros when, std::function<void()> fn) override {
    timers_.push_back(Timer{next_id_, when < now_ ? now_ : when, std::move(fn)});
    return next_id_++;
  }
  void cancel(TimerId id) override {
    for (auto it = timers_.begin(); it != timers_.end(); ++it) {
      if (it->id == id) {
        timers_.erase(it);
        return;
      }
    }
  }
  void run_until(Micros until) {
    for (;;) {
      auto best = timers_.end();
      for (auto it = timers_.begin(); it != timers_.end(); ++it) {
        if (it->when <= until && (best == timers_.end() || it->when < best->when)) best = it;
      }
      if (best == timers_.end()) break;
      Timer timer = std::move(*best);
      timers_.erase(best);
      now_ = timer.when;
      timer.fn();
    }
    now_ = until;
  }

 private:
  struct Timer {
    TimerId id;
    Micros when;
    std::function<void()> fn;
  };
  Micros now_{0};
  TimerId next_id_ = 1;
  std::vector<Timer> timers_;
};

class CountingRandom : public RandomSource {
 public:
  std::uint64_t next_u64() override {
    return state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
  }

 private:
  std::uint64_t state_ = 7;
};

class MapStore : public ConfigStore {
 public:
  std::optional<std::string> get(std::string_view key) const override {
    const auto it = values_.find(std::string(key));
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }
  bool put(std::string_view key, std::string_view value) override {
    values_[std::string(key)] = std::string(value);
    return true;
  }
  bool erase(std::string_view key) override {
    values_.erase(std::string(key));
    return true;
  }

 private:
  std::map<std::string, std::string> values_;
};

// Arrives one second after a move starts, whatever its length.
class FakeDriver : public StepperDriver {
 public:
  explicit FakeDriver(FakeScheduler& scheduler) : scheduler_(scheduler) {}
  bool start_move(const MoveProfile& profile, std::function<void()> on_stopped) override {
    moving_ = true;
    scheduler_.call_at(scheduler_.now() + Micros(1000000), [this, profile, on_stopped] {
      position_ = profile.target_steps;
      moving_ = false;
      on_stopped();
    });
    return true;
  }
  void stop() override {}
  std::int32_t position() const override { return position_; }
  void set_position(std::int32_t steps) override { position_ = steps; }
  bool moving() const override { return moving_; }
  void set_enabled(bool enabled) override { enabled_ = enabled; }
  void set_microstep_multiplier(std::uint32_t) override {}
  bool enabled_ = false;

 private:
  FakeScheduler& scheduler_;
  std::int32_t position_ = 0;
  bool moving_ = false;
};

class ApOnlyWifi : public Wifi {
 public:
  WifiStatus status() const override { return status_; }
  std::uint64_t mac() const override { return 0x0000AABBCCDDEEFFULL; }
  void connect(const std::string&, const std::string&,
               std::function<void(bool)> on_result) override {
    on_result(false);
  }
  void start_access_point() override {
    status_ = WifiStatus{WifiState::kApActive, "DeviceAP", "192.168.4.1", 0};
  }
  std::vector<WifiNetwork> scan() override { return {}; }

 private:
  WifiStatus status_;
};

class VectorSink : public LineSink {
 public:
  void write_line(std::string_view line) override { lines.emplace_back(line); }
  std::vector<std::string> lines;
};

class OfflineMqtt : public MqttLink {
 public:
  bool publish(std::string_view, std::string_view, int, bool) override { return false; }
  void subscribe(std::string_view, int) override {}
  void set_will(const MqttWill&) override {}
  bool connected() const override { return false; }
};

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}
bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() &&
         text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

int main() {
  FakeScheduler scheduler;
  CountingRandom random;
  MapStore store;
  ApOnlyWifi wifi;
  VectorSink console;
  OfflineMqtt mqtt;
  std::vector<FakeDriver> drivers(kMotorCount, FakeDriver(scheduler));
  std::array<StepperDriver*, kMotorCount> ports{};
  for (int i = 0; i < kMotorCount; ++i)
    ports[static_cast<std::size_t>(i)] = &drivers[static_cast<std::size_t>(i)];

  StepperNode node(NodePorts{scheduler, random, store, wifi, console, mqtt, ports}, NodeOptions{});
  node.boot();
  CHECK(!console.lines.empty() && starts_with(console.lines[0], "CTRL:READY"));
  CHECK(node.node_id() == "aabbccddeeff");
  console.lines.clear();

  node.on_serial_bytes("MOVE:0,1200\n");
  CHECK(console.lines.size() == 1);
  const std::string ack = console.lines.empty() ? "" : console.lines[0];
  const std::string ack_prefix = "CTRL:ACK msg_id=";
  CHECK(starts_with(ack, ack_prefix));
  const std::string id = ack.substr(ack_prefix.size(), 36);
  CHECK(id.size() == 36 && id[14] == '4');
  CHECK(ack == ack_prefix + id + " est_ms=550");
  CHECK(drivers[0].enabled_);

  scheduler.run_until(Micros(2000000));
  CHECK(console.lines.size() == 2);
  if (console.lines.size() == 2) {
    CHECK(console.lines[1] == "CTRL:DONE cmd_id=" + id + " action=MOVE actual_ms=1000 status=done");
  }
  CHECK(drivers[0].position() == 1200);
  CHECK(!drivers[0].enabled_);

  console.lines.clear();
  node.on_serial_line("MOVE:0,5000");
  CHECK(console.lines.size() == 1 && starts_with(console.lines[0], "CTRL:ERR msg_id=") &&
        ends_with(console.lines[0], " E07 POS_OUT_OF_RANGE"));

  for (const auto& line : console.lines) std::printf("%s\n", line.c_str());
  std::printf("%s\n", g_failures == 0 ? "core_portable_tests: OK" : "core_portable_tests: FAILED");
  return g_failures == 0 ? 0 : 1;
}
