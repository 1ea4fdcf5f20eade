// The Pi's client of the supervisor MCU (shared/specs/supervisor-mcu-protocol.md, the `SupvClient`
// of its Python TUI, in C++): UART bytes in, request lines out, one merged state for a UI.
//
// Pure logic: it talks through core::Scheduler and two core::LineSink ports, and the host tells it
// of the UART:
//
//   SupvClient client({scheduler, uart, log});
//   client.set_on_change([&](const SupvState& state) { redraw(state); });
//   link.on_bytes = [&](auto bytes) { client.on_bytes(bytes); };
//   link.on_open = [&] { client.on_link_opened(); };    // sends get_status, get_switches
//   link.on_close = [&] { client.on_link_closed(); };
//   mesh.on_subscribed = [&] { client.set_mesh_subscribed(true); };  // then clear_unread
//
// Replies are matched to requests by id; events (telemetry, switch, heltec, unread, watchdog),
// replies (get_status's `status` with its `switch`, get_switches's `switch`, ping's uptime) and
// bare status lines (no `event`) all merge into state(). On every open of the UART, and when
// lines come again after the link went quiet, it re-synchronizes: get_status and get_switches,
// then, once both are settled and the mesh subscription is live, clear_unread. Lines that are not
// JSON, unknown events and lines over 512 bytes are counted, logged and ignored.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/scheduler.h"
#include "firmware_core/supervisor/host_line.h"
#include "firmware_core/supervisor/host_requests.h"
#include "firmware_core/supervisor/host_state.h"
#include "firmware_core/supervisor/line_framer.h"

namespace hil::supervisor {

struct SupvClientPorts {
  core::Scheduler& scheduler;
  core::LineSink& uart;  // one request per call, without its '\n'
  core::LineSink& log;   // one line per notable event, no terminator
};

struct SupvClientOptions {
  RequestOptions requests;              // reply timeout and attempts of every request
  core::Micros quiet_after{6'000'000};  // silence that makes the link quiet (3 telemetry periods)
  bool sync_on_open = true;             // send get_status and get_switches when the UART opens
};

// What the client counted since it was made.
struct SupvStats {
  std::uint64_t lines = 0;              // complete lines received (not the overlong ones)
  std::uint64_t not_json = 0;           // lines that are not a JSON object
  std::uint64_t unknown = 0;            // JSON objects of no known shape, unknown events
  std::uint64_t overlong = 0;           // lines over 512 bytes, dropped whole
  std::uint64_t unmatched_replies = 0;  // replies to no pending request (late or duplicate)
  std::uint64_t skipped_fields = 0;     // fields of the wrong type
  std::uint64_t failed_requests = 0;    // refused or unanswered
  std::uint64_t syncs = 0;              // re-synchronizations started
};

class SupvClient {
 public:
  using OnChange = std::function<void(const SupvState&)>;

  // The ports must outlive the client.
  explicit SupvClient(SupvClientPorts ports, SupvClientOptions options = {});
  ~SupvClient();
  SupvClient(const SupvClient&) = delete;
  SupvClient& operator=(const SupvClient&) = delete;

  // The UART is open (first time or again): forget any half line, re-synchronize.
  void on_link_opened();
  // The UART is gone: forget any half line, drop the sync in flight. Other requests keep their
  // timers (and fail if it does not come back in time); the state is kept.
  void on_link_closed();
  // Bytes read from the UART, in any chunks.
  void on_bytes(std::string_view bytes);
  // One complete line (what on_bytes() frames).
  void on_line(std::string_view line);

  // The embedding's mesh subscription is live (or not): while it is, every sync ends with
  // clear_unread; becoming live after a sync sends clear_unread at once.
  void set_mesh_subscribed(bool live);
  // Re-synchronizes now (as after an open).
  void resync();
  // Sends {"id","cmd",...extra}; on_done runs once with the reply or the failure. A reply's
  // fields merge into the state before on_done runs. Returns the id.
  std::string request(std::string_view cmd, const nlohmann::json& extra = nullptr,
                      OnOutcome on_done = {});
  // Forgets a pending request (its on_done never runs).
  void cancel(const std::string& id) { tracker_.cancel(id); }

  // Runs after every change of state(): once per line that changed something, and on link
  // changes.
  void set_on_change(OnChange fn) { on_change_ = std::move(fn); }
  const SupvState& state() const { return state_; }
  const SupvStats& stats() const { return stats_; }
  // When the last line (or dropped overlong line) arrived; nullopt before the first.
  std::optional<core::Micros> last_heard() const { return last_heard_; }
  std::size_t pending_requests() const { return tracker_.pending(); }
  std::uint64_t retries() const { return tracker_.retries(); }

 private:
  bool link_open() const { return state_.link != LinkState::kClosed; }
  void set_link(LinkState link);
  void notify();
  void heard();
  void arm_quiet_timer(core::Micros due);
  void on_quiet_timer();

  void on_reply(const McuLine& line, std::string_view text);
  void on_event(const McuLine& line, std::string_view text);
  void merge(const nlohmann::json& object);
  void ignore(std::uint64_t& counter, std::string_view line, const std::string& why);

  void start_sync();
  void cancel_sync();
  void on_sync_step(const char* cmd, const RequestOutcome& outcome);
  void finish_sync();
  void clear_unread();

  SupvClientPorts ports_;
  SupvClientOptions options_;
  LineFramer framer_;
  RequestTracker tracker_;
  SupvState state_;
  SupvStats stats_;
  OnChange on_change_;
  bool changed_ = false;  // state_ changed since the last notify()
  std::optional<core::Micros> last_heard_;
  core::Micros quiet_base_{0};  // the last line heard, or the open of the UART if later
  core::TimerId quiet_timer_ = 0;
  bool mesh_live_ = false;
  int sync_steps_left_ = 0;
  bool sync_complete_ = true;  // every step of the sync in flight got its reply
  std::string status_id_, switches_id_, clear_id_;
};

}  // namespace hil::supervisor
