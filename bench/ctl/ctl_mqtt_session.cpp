// The host CLI over MQTT.
#include "bench/ctl/ctl_mqtt_session.h"

#include <algorithm>

#include "bench/ctl/ctl_format.h"
#include "bench/io/run_until.h"
#include "firmware_core/common/text.h"

namespace hil::ctl {
namespace {

// How long the DISCONNECT may take to leave.
constexpr auto kCloseDeadline = std::chrono::seconds(2);

}  // namespace

CtlMqttSession::CtlMqttSession(boost::asio::io_context& io, bench::MqttClientOptions options,
                               std::string node_id)
    : io_(io),
      node_id_(std::move(node_id)),
      client_(std::make_unique<bench::MqttClient>(io, std::move(options))) {
  client_->set_on_message([this](std::string_view, std::string_view payload, int, bool) {
    auto doc = nlohmann::json::parse(payload.begin(), payload.end(), nullptr, false);
    // Only well-formed responses are followed; anything else on the topic is not ours to judge.
    if (doc.is_object() && doc["cmd_id"].is_string() && doc["action"].is_string() &&
        doc["status"].is_string()) {
      inbox_.push_back(std::move(doc));
    }
  });
}

CtlMqttSession::~CtlMqttSession() {
  client_->stop();
  bench::run_until(
      io_, [this] { return client_->closed(); }, kCloseDeadline);
}

bool CtlMqttSession::connect(std::chrono::milliseconds timeout, std::string& error) {
  client_->subscribe("devices/" + node_id_ + "/cmd/resp", 1);
  client_->start();
  // Subscribed, not only connected: a response published before the SUBACK would be lost.
  if (!bench::run_until(
          io_, [this] { return client_->subscribed(); }, timeout)) {
    const std::string& why = client_->last_error();
    error = "no connection to the broker" +
            (why.empty() ? " within " + std::to_string(timeout.count()) + " ms" : ": " + why);
    return false;
  }
  return true;
}

CtlResult CtlMqttSession::run(std::string_view line, std::ostream& out,
                              std::chrono::milliseconds timeout) {
  CtlResult worst = CtlResult::kOk;
  for (std::string_view part : core::split_unquoted(line, ';')) {
    if (core::trim(part).empty()) continue;
    const CtlResult result = run_one(core::trim(part), out, timeout);
    if (static_cast<int>(result) > static_cast<int>(worst)) worst = result;
  }
  return worst;
}

CtlResult CtlMqttSession::run_one(std::string_view text, std::ostream& out,
                                  std::chrono::milliseconds timeout) {
  const OutgoingCommand command = map_console_command(text);
  if (!command.local_error.empty()) {
    out << "[ERR] not sent: " << command.local_error << std::endl;
    return CtlResult::kFailed;
  }
  const std::string action = command.envelope.value("action", "");
  for (const auto& old : inbox_) known_ids_.insert(old.value("cmd_id", ""));
  inbox_.clear();
  client_->publish("devices/" + node_id_ + "/cmd", command.envelope.dump(), 1, false);

  std::string cmd_id;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (!bench::run_until(
            io_, [this] { return !inbox_.empty(); }, deadline)) {
      out << "[ERR] timed out waiting for " << (cmd_id.empty() ? "a response" : "cmd_id=" + cmd_id)
          << std::endl;
      return CtlResult::kTimedOut;
    }
    const nlohmann::json response = std::move(inbox_.front());
    inbox_.pop_front();
    const std::string id = response.value("cmd_id", "");
    if (cmd_id.empty()) {
      if (known_ids_.count(id) != 0 || response.value("action", "") != action) continue;
      cmd_id = id;  // the id the node allocated for our command
      known_ids_.insert(id);
    } else if (id != cmd_id) {
      continue;
    }
    for (const auto& line : format_response(response)) out << line << '\n';
    out.flush();
    if (completes(response))
      return response.value("status", "") == "error" ? CtlResult::kFailed : CtlResult::kOk;
    // An ACK: the DONE comes after the estimated time, so wait for that plus the usual margin.
    const nlohmann::json result = response.value("result", nlohmann::json::object());
    const nlohmann::json est =
        result.is_object() ? result.value("est_ms", nlohmann::json(0)) : nlohmann::json(0);
    // Bounded: a device's estimate is no reason to wait a day or to overflow the deadline.
    constexpr std::int64_t kMaxEstimateMs = std::int64_t{3600} * 1000;
    const std::int64_t est_ms =
        est.is_number_integer()
            ? std::clamp<std::int64_t>(est.get<std::int64_t>(), 0, kMaxEstimateMs)
            : 0;
    deadline = std::chrono::steady_clock::now() + timeout + std::chrono::milliseconds(2 * est_ms);
  }
}

}  // namespace hil::ctl
