// Request ids, reply correlation, retries and timeouts.
#include "firmware_core/supervisor/host_requests.h"

#include <algorithm>
#include <utility>

namespace hil::supervisor {
namespace {

std::string request_line(const std::string& id, std::string_view cmd, const nlohmann::json& extra) {
  nlohmann::ordered_json line;
  line["id"] = id;  // first, as in the spec's examples
  line["cmd"] = std::string(cmd);
  if (extra.is_object()) {
    for (const auto& [key, value] : extra.items()) {
      if (key != "id" && key != "cmd") line[key] = value;
    }
  }
  // Replacing bad UTF-8 keeps dump() from failing (it cannot throw in the device build).
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::string no_reply(const std::string& cmd, int attempts, core::Micros timeout) {
  return "no reply to " + cmd + " after " + std::to_string(attempts) +
         (attempts == 1 ? " attempt" : " attempts") + " of " +
         std::to_string(core::to_ms(timeout)) + " ms";
}

}  // namespace

RequestTracker::RequestTracker(core::Scheduler& scheduler, core::LineSink& uart,
                               RequestOptions options)
    : scheduler_(scheduler), uart_(uart), options_(options) {
  options_.attempts = std::max(options_.attempts, 1);
}

RequestTracker::~RequestTracker() {
  for (const auto& [id, request] : pending_) scheduler_.cancel(request.timer);
}

std::string RequestTracker::send(std::string_view cmd, const nlohmann::json& extra,
                                 OnOutcome on_done) {
  std::string id = std::to_string(next_id_++);
  const std::string line = request_line(id, cmd, extra);
  auto& stored = pending_
                     .emplace(id, Pending{std::string(cmd), line, options_.attempts - 1, 0,
                                          std::move(on_done)})
                     .first->second;
  arm(id, stored);
  uart_.write_line(line);  // last: a port that answers at once may settle (and erase) it
  return id;
}

void RequestTracker::arm(const std::string& id, Pending& request) {
  request.timer =
      scheduler_.call_at(scheduler_.now() + options_.reply_timeout, [this, id] { on_timeout(id); });
}

void RequestTracker::on_timeout(const std::string& id) {
  const auto it = pending_.find(id);
  if (it == pending_.end()) return;
  Pending& request = it->second;
  if (request.attempts_left > 0) {
    --request.attempts_left;
    ++retries_;
    arm(id, request);
    const std::string line = request.line;  // the same id: a reply to any attempt settles it
    uart_.write_line(line);
    return;
  }
  RequestOutcome outcome;
  outcome.error = no_reply(request.cmd, options_.attempts, options_.reply_timeout);
  OnOutcome on_done = std::move(request.on_done);
  pending_.erase(it);  // before the callback, which may send again
  if (on_done) on_done(outcome);
}

bool RequestTracker::settle(const std::string& id, const nlohmann::json& reply) {
  const auto it = pending_.find(id);
  if (it == pending_.end()) return false;
  scheduler_.cancel(it->second.timer);
  OnOutcome on_done = std::move(it->second.on_done);
  pending_.erase(it);
  RequestOutcome outcome;
  outcome.replied = true;
  outcome.reply = reply;
  const auto ok = reply.find("ok");
  outcome.ok = ok != reply.end() && ok->is_boolean() && ok->get<bool>();
  if (!outcome.ok) {
    const auto error = reply.find("error");
    if (error != reply.end() && error->is_string()) {
      outcome.error = error->get<std::string>();
    } else {
      outcome.error = (ok != reply.end() && ok->is_boolean()) ? "refused with no error given"
                                                              : "a reply with no boolean ok";
    }
  }
  if (on_done) on_done(outcome);
  return true;
}

void RequestTracker::cancel(const std::string& id) {
  const auto it = pending_.find(id);
  if (it == pending_.end()) return;
  scheduler_.cancel(it->second.timer);
  pending_.erase(it);
}

}  // namespace hil::supervisor
