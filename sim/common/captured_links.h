// Links that keep what the device sent, for in-process rigs and tests.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "firmware_core/common/offline_queue.h"
#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::sim {

class CapturedConsole : public core::LineSink {
 public:
  void write_line(std::string_view line) override {
    if (on_line) {
      on_line(line);
    } else {
      lines_.emplace_back(line);
    }
  }
  // When set, lines go here as they are printed instead of being kept.
  std::function<void(std::string_view)> on_line;
  // Everything printed since the last take.
  std::vector<std::string> take() { return std::exchange(lines_, {}); }

 private:
  std::vector<std::string> lines_;
};

struct PublishedMessage {
  std::int64_t time_us = 0;
  std::string topic;
  std::string payload;
  int qos = 0;
  bool retain = false;
};

// An MQTT link to a broker that keeps what it is sent; "connected" is switched by the test. While
// disconnected it queues publishes as the real client does (32, then drops) and flushes them in
// order when connected again.
class CapturedMqtt : public core::MqttLink {
 public:
  static constexpr std::size_t kOfflineQueueLimit = 32;

  explicit CapturedMqtt(const core::Scheduler& scheduler) : scheduler_(scheduler) {}

  bool publish(std::string_view topic, std::string_view payload, int qos, bool retain) override;
  void subscribe(std::string_view topic, int) override { subscriptions_.emplace_back(topic); }
  void set_will(const core::MqttWill& will) override { will_ = will; }
  bool connected() const override { return connected_; }

  void set_connected(bool connected);
  std::vector<PublishedMessage> take() { return std::exchange(published_, {}); }
  const std::vector<std::string>& subscriptions() const { return subscriptions_; }
  const core::MqttWill& will() const { return will_; }
  // When set, every publish goes here as it reaches the broker, instead of being kept for take().
  std::function<void(const PublishedMessage&)> on_publish;

 private:
  const core::Scheduler& scheduler_;
  void record(PublishedMessage message);

  bool connected_ = false;
  core::OfflineQueue<PublishedMessage> offline_{kOfflineQueueLimit};
  std::vector<PublishedMessage> published_;
  std::vector<std::string> subscriptions_;
  core::MqttWill will_;
};

}  // namespace hil::sim
