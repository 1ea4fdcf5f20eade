// Helpers of the host-side supervisor tests: a scripted MCU written in the test (it reads the
// client's requests and answers after a UART delay, as told), and a client on virtual time.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "firmware_core/supervisor/supv_client.h"
#include "sim/common/captured_links.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::supervisor::testing {

using nlohmann::json;
using namespace std::chrono_literals;

// The reference board of behaviour-notes.md.
inline json reference_switches() {
  return {{"lte", true},           {"wifi", false},     {"bt", true},
          {"bridge_enable", true}, {"lid_open", false}, {"charger_online", true}};
}
inline json reference_status() {
  return {{"battery_pct", 78},  {"pack_mv", 11750},
          {"pack_ma", -420},    {"mcu_temp_c", 36.5},
          {"unread_ext", 3},    {"last_msg_age_s", 40},
          {"uptime_s", 12},     {"heltec", "ok"},
          {"mcu", "proto-0.1"}, {"switch", reference_switches()}};
}

// The MCU end of the UART. Each request line the client writes is kept; if a standing answer is
// set for its command, the reply (the answer's fields plus the request's id) comes back after
// `delay`, as bytes through to_pi.
class ScriptedMcu : public core::LineSink {
 public:
  explicit ScriptedMcu(sim::VirtualScheduler& scheduler) : scheduler_(scheduler) {}

  void write_line(std::string_view line) override {
    raw_.emplace_back(line);
    json request = json::parse(line, nullptr, false);
    EXPECT_FALSE(request.is_discarded()) << line;
    requests_.push_back(request);
    const auto answer = answers_.find(request.value("cmd", ""));
    if (!online_ || answer == answers_.end()) return;
    json reply = {{"id", request["id"]}};
    reply.update(answer->second);
    scheduler_.call_at(scheduler_.now() + delay, [this, reply] { send(reply); });
  }

  // Answers every later `cmd` with these fields ({"ok":true,...}); silence(cmd) stops.
  void answer(const std::string& cmd, json fields) { answers_[cmd] = std::move(fields); }
  void silence(const std::string& cmd) { answers_.erase(cmd); }
  // The status and switches of the reference board for get_status, get_switches, and acks for
  // clear_unread and ping.
  void answer_like_the_reference_board() {
    answer("get_status", {{"ok", true}, {"status", reference_status()}});
    answer("get_switches", {{"ok", true}, {"switch", reference_switches()}});
    answer("clear_unread", {{"ok", true}});
    answer("ping", {{"ok", true}, {"uptime_s", 99}});
  }
  // While offline the MCU hears nothing and answers nothing (unplugged, rebooting).
  void set_online(bool online) { online_ = online; }

  // Sends a line to the Pi now.
  void send(const json& line) { send_raw(line.dump() + "\n"); }
  void send_raw(std::string_view bytes) {
    if (to_pi) to_pi(bytes);
  }
  // The reply to a request, with these fields.
  void reply_to(const json& request, json fields) {
    json reply = {{"id", request["id"]}};
    reply.update(fields);
    send(reply);
  }

  const std::vector<json>& requests() const { return requests_; }
  const std::vector<std::string>& raw_lines() const { return raw_; }
  std::vector<std::string> commands() const {
    std::vector<std::string> out;
    for (const json& request : requests_) out.push_back(request.value("cmd", "?"));
    return out;
  }
  void clear() {
    requests_.clear();
    raw_.clear();
  }

  std::function<void(std::string_view)> to_pi;
  core::Micros delay = 5ms;  // a 60-byte line at 115200 baud, and the MCU's turn-around

 private:
  sim::VirtualScheduler& scheduler_;
  std::map<std::string, json> answers_;
  std::vector<json> requests_;
  std::vector<std::string> raw_;
  bool online_ = true;
};

// A client wired to a scripted MCU on virtual time; every state it reports is kept.
struct HostRig {
  explicit HostRig(SupvClientOptions options = {}) : client({scheduler, mcu, log}, options) {
    mcu.to_pi = [this](std::string_view bytes) { client.on_bytes(bytes); };
    client.set_on_change([this](const SupvState& state) { changes.push_back(state); });
  }
  // Opens the UART and lets the sync's replies arrive.
  void open_and_settle() {
    client.on_link_opened();
    scheduler.advance(100ms);
  }
  // True if the client has logged a line containing `needle`.
  bool logged(std::string_view needle) {
    for (std::string& line : log.take()) log_lines.push_back(std::move(line));
    for (const std::string& line : log_lines) {
      if (line.find(needle) != std::string::npos) return true;
    }
    return false;
  }

  sim::VirtualScheduler scheduler;
  ScriptedMcu mcu{scheduler};
  sim::CapturedConsole log;
  std::vector<std::string> log_lines;
  SupvClient client;
  std::vector<SupvState> changes;
};

}  // namespace hil::supervisor::testing
