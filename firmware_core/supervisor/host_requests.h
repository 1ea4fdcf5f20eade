// Requests from the Pi to the supervisor MCU: numbered with string ids, correlated with their
// replies by id (in any order), sent again with the same id when no reply came in time, and
// failed with a clear reason after the last attempt.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/scheduler.h"

namespace hil::supervisor {

struct RequestOptions {
  core::Micros reply_timeout{1'000'000};  // per attempt
  int attempts = 3;                       // sends in all, the first included (at least 1)
};

struct RequestOutcome {
  bool ok = false;       // a reply with "ok":true
  bool replied = false;  // false: no reply after the last attempt
  std::string error;     // the MCU's "error" (e.g. "battery_low"), or why there is no reply
  nlohmann::json reply;  // the reply object; null when there was none
};
using OnOutcome = std::function<void(const RequestOutcome&)>;

class RequestTracker {
 public:
  // `uart` gets one request line per call, without its '\n'. Both must outlive the tracker.
  RequestTracker(core::Scheduler& scheduler, core::LineSink& uart, RequestOptions options);
  ~RequestTracker();
  RequestTracker(const RequestTracker&) = delete;
  RequestTracker& operator=(const RequestTracker&) = delete;

  // Sends {"id":"N","cmd":cmd, ...extra} now; on_done runs once, with the reply or the failure.
  // `extra` must be an object or null. Returns the id.
  std::string send(std::string_view cmd, const nlohmann::json& extra, OnOutcome on_done);
  // Settles the pending request with this id (its on_done runs); false if none is pending (a
  // late or duplicate reply).
  bool settle(const std::string& id, const nlohmann::json& reply);
  // Forgets a pending request without calling it back; unknown ids are ignored.
  void cancel(const std::string& id);

  bool is_pending(const std::string& id) const { return pending_.count(id) != 0; }
  std::size_t pending() const { return pending_.size(); }
  // Attempts after the first, over the tracker's life.
  std::uint64_t retries() const { return retries_; }

 private:
  struct Pending {
    std::string cmd;
    std::string line;
    int attempts_left = 0;
    core::TimerId timer = 0;
    OnOutcome on_done;
  };

  void arm(const std::string& id, Pending& request);
  void on_timeout(const std::string& id);

  core::Scheduler& scheduler_;
  core::LineSink& uart_;
  RequestOptions options_;
  std::uint64_t next_id_ = 1;
  std::uint64_t retries_ = 0;
  std::map<std::string, Pending> pending_;
};

}  // namespace hil::supervisor
