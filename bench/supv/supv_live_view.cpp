// The terminal view of `hilbench supv`.
#include "bench/supv/supv_live_view.h"

#include <cstdio>
#include <utility>

#include "firmware_core/common/text.h"

namespace hil::bench {
namespace {

constexpr const char* kUnknown = "-";

std::string or_unknown(const std::optional<std::int64_t>& value, const char* unit) {
  return value ? std::to_string(*value) + unit : kUnknown;
}

std::string or_unknown(const std::optional<std::string>& value) {
  return value ? *value : kUnknown;
}

std::string temperature(const std::optional<double>& celsius) {
  if (!celsius) return kUnknown;
  char text[32];
  std::snprintf(text, sizeof text, "%.1f C", *celsius);
  return text;
}

std::string seconds_or_unknown(const std::optional<std::int64_t>& seconds, const char* suffix) {
  return seconds ? format_duration(*seconds) + suffix : kUnknown;
}

std::string switches(const std::map<std::string, bool>& positions) {
  if (positions.empty()) return kUnknown;
  std::string out;
  for (const auto& [name, on] : positions) {
    if (!out.empty()) out += "  ";
    out += name + (on ? " on" : " off");
  }
  return out;
}

std::string link(const supervisor::SupvState& state) {
  std::string out = supervisor::to_string(state.link);
  if (state.link == supervisor::LinkState::kUp && !state.synced) out += " (not synced)";
  return out;
}

// A label column, then the value.
std::string row(const char* label, const std::string& value) {
  std::string out = "  ";
  out += label;
  out.resize(15, ' ');
  return out + value;
}

}  // namespace

std::string format_duration(std::int64_t seconds) {
  char text[48];
  if (seconds < 60) {
    std::snprintf(text, sizeof text, "%lld s", static_cast<long long>(seconds));
  } else if (seconds < 3600) {
    std::snprintf(text, sizeof text, "%lld min %02lld s", static_cast<long long>(seconds / 60),
                  static_cast<long long>(seconds % 60));
  } else {
    std::snprintf(text, sizeof text, "%lld h %02lld min", static_cast<long long>(seconds / 3600),
                  static_cast<long long>(seconds % 3600 / 60));
  }
  return text;
}

std::vector<std::string> render_supv_view(const supervisor::SupvState& state,
                                          const std::string& serial_path,
                                          const std::deque<std::string>& recent_log) {
  std::vector<std::string> lines = {
      "supervisor MCU on " + serial_path,
      row("link", link(state)),
      row("battery", or_unknown(state.battery_pct, " %")),
      row("pack", or_unknown(state.pack_mv, " mV") + "   " + or_unknown(state.pack_ma, " mA")),
      row("temperature", temperature(state.mcu_temp_c)),
      row("switches", switches(state.switches)),
      row("radio", or_unknown(state.heltec)),
      row("unread", or_unknown(state.unread_ext, "")),
      row("last message", seconds_or_unknown(state.last_msg_age_s, " ago")),
      row("uptime", seconds_or_unknown(state.uptime_s, "")),
      row("watchdog", or_unknown(state.watchdog)),
      row("mcu", or_unknown(state.mcu)),
  };
  for (const std::string& line : recent_log) lines.push_back(row("log", line));
  // The values came from the UART: a control character in one would drive the user's terminal.
  for (std::string& line : lines) line = core::printable(line);
  return lines;
}

SupvLiveView::SupvLiveView(std::ostream& out, std::string serial_path, std::size_t width)
    : out_(out), serial_path_(std::move(serial_path)), width_(width < 20 ? 20 : width) {}

void SupvLiveView::draw(const supervisor::SupvState& state) {
  last_ = state;
  // To the start of the block drawn last time, then erase everything below.
  if (lines_drawn_ > 0) out_ << "\x1b[" << lines_drawn_ << "F\x1b[J";
  const auto lines = render_supv_view(state, serial_path_, recent_log_);
  for (const std::string& line : lines) out_ << line.substr(0, width_ - 1) << '\n';
  out_.flush();
  lines_drawn_ = lines.size();
}

void SupvLiveView::note(std::string line) {
  recent_log_.push_back(std::move(line));
  while (recent_log_.size() > kLogLines) recent_log_.pop_front();
  draw(last_);
}

}  // namespace hil::bench
