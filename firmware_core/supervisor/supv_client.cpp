// The Pi's client of the supervisor MCU: framing, dispatch, merging, link watch and sync.
#include "firmware_core/supervisor/supv_client.h"

#include <utility>

namespace hil::supervisor {
namespace {

constexpr std::size_t kLoggedBytes = 80;  // of an ignored line, enough to recognise it

// The events of the spec's table.
bool known_event(const std::string& name) {
  return name == "telemetry" || name == "switch" || name == "heltec" || name == "unread" ||
         name == "watchdog";
}

// The start of a line, with control bytes and non-ASCII escaped so a log stays readable.
std::string printable(std::string_view line) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (const char c : line.substr(0, kLoggedBytes)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f) {
      out.push_back(c);
    } else {
      out += "\\x";
      out.push_back(kHex[byte >> 4]);
      out.push_back(kHex[byte & 0x0f]);
    }
  }
  if (line.size() > kLoggedBytes) out += "...";
  return out;
}

}  // namespace

SupvClient::SupvClient(SupvClientPorts ports, SupvClientOptions options)
    : ports_(ports), options_(options), tracker_(ports.scheduler, ports.uart, options.requests) {}

SupvClient::~SupvClient() {
  if (quiet_timer_ != 0) ports_.scheduler.cancel(quiet_timer_);
}

void SupvClient::set_link(LinkState link) {
  if (state_.link == link) return;
  state_.link = link;
  changed_ = true;
}

void SupvClient::notify() {
  if (!changed_) return;
  changed_ = false;
  if (on_change_) on_change_(state_);
}

void SupvClient::on_link_opened() {
  framer_.reset();
  quiet_base_ = ports_.scheduler.now();
  if (quiet_timer_ == 0) arm_quiet_timer(quiet_base_ + options_.quiet_after);
  if (options_.sync_on_open) {
    start_sync();
  } else {
    set_link(LinkState::kUp);
  }
  notify();
}

void SupvClient::on_link_closed() {
  if (framer_.mid_line())
    ports_.log.write_line("UART closed mid-line: the unfinished line is dropped");
  framer_.reset();
  cancel_sync();
  core::cancel_timer(ports_.scheduler, quiet_timer_);
  if (state_.synced) changed_ = true;
  state_.synced = false;
  set_link(LinkState::kClosed);
  ports_.log.write_line("UART closed: keeping the last known state");
  notify();
}

void SupvClient::on_bytes(std::string_view bytes) {
  const std::uint64_t dropped_before = framer_.dropped_lines();
  framer_.feed(bytes, [this](std::string_view line) { on_line(line); });
  const std::uint64_t dropped = framer_.dropped_lines() - dropped_before;
  if (dropped == 0) return;
  stats_.overlong += dropped;
  ports_.log.write_line("dropped " + std::to_string(dropped) + " line(s) over " +
                        std::to_string(kMaxLineBytes) + " bytes from the MCU");
  heard();
  notify();
}

void SupvClient::on_line(std::string_view line) {
  ++stats_.lines;
  heard();
  if (!line.empty()) {
    McuLine parsed = classify_mcu_line(line);
    switch (parsed.kind) {
      case McuLineKind::kReply:
        on_reply(parsed, line);
        break;
      case McuLineKind::kEvent:
        on_event(parsed, line);
        break;
      case McuLineKind::kBareStatus:
        merge(parsed.body);
        break;
      case McuLineKind::kNotJson:
        ignore(stats_.not_json, line, parsed.why);
        break;
      case McuLineKind::kUnknown:
        ignore(stats_.unknown, line, parsed.why);
        break;
    }
  }
  notify();
}

void SupvClient::heard() {
  const core::Micros now = ports_.scheduler.now();
  last_heard_ = now;
  quiet_base_ = now;
  if (state_.link == LinkState::kQuiet) {
    ports_.log.write_line("the MCU is heard again: re-synchronizing");
    start_sync();
  }
  if (link_open() && quiet_timer_ == 0) arm_quiet_timer(now + options_.quiet_after);
}

// One timer at a time, moved forward lazily: hearing a line costs no timer operation.
void SupvClient::arm_quiet_timer(core::Micros due) {
  quiet_timer_ = ports_.scheduler.call_at(due, [this] { on_quiet_timer(); });
}

void SupvClient::on_quiet_timer() {
  quiet_timer_ = 0;
  if (!link_open() || state_.link == LinkState::kQuiet) return;
  const core::Micros due = quiet_base_ + options_.quiet_after;
  if (ports_.scheduler.now() < due) {
    arm_quiet_timer(due);
    return;
  }
  ports_.log.write_line("nothing heard from the MCU for " +
                        std::to_string(core::to_ms(options_.quiet_after)) + " ms: link quiet");
  set_link(LinkState::kQuiet);
  notify();
}

void SupvClient::on_reply(const McuLine& line, std::string_view text) {
  if (!tracker_.is_pending(line.id)) {
    ignore(stats_.unmatched_replies, text, "a reply to no pending request");
    return;
  }
  const auto ok = line.body.find("ok");
  if (ok != line.body.end() && ok->is_boolean() && ok->get<bool>()) merge(line.body);
  tracker_.settle(line.id, line.body);
}

void SupvClient::on_event(const McuLine& line, std::string_view text) {
  if (!known_event(line.event)) {
    ignore(stats_.unknown, text, "unknown event \"" + printable(line.event) + "\"");
    return;
  }
  merge(line.body);
  if (line.event != "watchdog") return;
  const auto watchdog = line.body.find("state");
  if (watchdog != line.body.end() && watchdog->is_string()) {
    changed_ |= set_text(state_.watchdog, watchdog->get<std::string>());
  } else if (watchdog != line.body.end()) {
    ++stats_.skipped_fields;
    ports_.log.write_line("skipped MCU fields of the wrong type: state");
  }
}

void SupvClient::merge(const nlohmann::json& object) {
  std::string skipped;
  changed_ |= merge_fields(state_, object, skipped);
  if (skipped.empty()) return;
  ++stats_.skipped_fields;
  ports_.log.write_line("skipped MCU fields of the wrong type: " + skipped);
}

void SupvClient::ignore(std::uint64_t& counter, std::string_view line, const std::string& why) {
  ++counter;
  ports_.log.write_line("ignored a line from the MCU (" + why + "): " + printable(line));
}

std::string SupvClient::request(std::string_view cmd, const nlohmann::json& extra,
                                OnOutcome on_done) {
  return tracker_.send(cmd, extra,
                       [this, on_done = std::move(on_done)](const RequestOutcome& outcome) {
                         if (!outcome.ok) ++stats_.failed_requests;
                         if (on_done) on_done(outcome);
                         notify();
                       });
}

void SupvClient::resync() {
  start_sync();
  notify();
}

void SupvClient::start_sync() {
  cancel_sync();
  ++stats_.syncs;
  if (state_.synced) changed_ = true;
  state_.synced = false;
  set_link(LinkState::kSyncing);
  sync_steps_left_ = 2;
  sync_complete_ = true;
  status_id_ = request("get_status", nullptr, [this](const RequestOutcome& outcome) {
    on_sync_step("get_status", outcome);
  });
  switches_id_ = request("get_switches", nullptr, [this](const RequestOutcome& outcome) {
    on_sync_step("get_switches", outcome);
  });
}

void SupvClient::cancel_sync() {
  for (const std::string* id : {&status_id_, &switches_id_, &clear_id_}) tracker_.cancel(*id);
  sync_steps_left_ = 0;
}

void SupvClient::on_sync_step(const char* cmd, const RequestOutcome& outcome) {
  if (!outcome.ok) {
    sync_complete_ = false;
    ports_.log.write_line(std::string("sync: ") + cmd + " failed: " + outcome.error);
  }
  if (--sync_steps_left_ == 0) finish_sync();
}

void SupvClient::finish_sync() {
  if (state_.synced != sync_complete_) changed_ = true;
  state_.synced = sync_complete_;
  if (state_.link == LinkState::kSyncing) set_link(LinkState::kUp);
  if (mesh_live_) clear_unread();
}

void SupvClient::set_mesh_subscribed(bool live) {
  const bool became_live = live && !mesh_live_;
  mesh_live_ = live;
  if (became_live && state_.link == LinkState::kUp) clear_unread();
  notify();
}

void SupvClient::clear_unread() {
  tracker_.cancel(clear_id_);
  clear_id_ = request("clear_unread", nullptr, [this](const RequestOutcome& outcome) {
    if (!outcome.ok) {
      ports_.log.write_line("clear_unread failed: " + outcome.error);
      return;
    }
    // The MCU zeroes its count on this ack (behaviour-notes.md); show it before its next telemetry.
    if (state_.unread_ext != 0) changed_ = true;
    state_.unread_ext = 0;
  });
}

}  // namespace hil::supervisor
