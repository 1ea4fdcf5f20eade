// The terminal view of `hilbench supv`: the merged supervisor state as a block of text, redrawn
// in place with plain ANSI sequences (cursor up, erase down) whenever it changes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <ostream>
#include <string>
#include <vector>

#include "firmware_core/supervisor/host_state.h"

namespace hil::bench {

// "45 s", "12 min 05 s", "3 h 02 min".
std::string format_duration(std::int64_t seconds);

// The view's lines for a state (no escape sequences): battery, pack, temperature, switches,
// radio, unread, last message age, uptime, watchdog, link; then the recent log lines.
std::vector<std::string> render_supv_view(const supervisor::SupvState& state,
                                          const std::string& serial_path,
                                          const std::deque<std::string>& recent_log);

class SupvLiveView {
 public:
  static constexpr std::size_t kLogLines = 3;

  // `width` is the terminal's width: longer lines are cut so that none wraps (a wrapped line
  // would break the redraw).
  SupvLiveView(std::ostream& out, std::string serial_path, std::size_t width);

  // Redraws with this state.
  void draw(const supervisor::SupvState& state);
  // Keeps a log line to show under the state (the last few), and redraws.
  void note(std::string line);

 private:
  std::ostream& out_;
  std::string serial_path_;
  std::size_t width_;
  supervisor::SupvState last_;
  std::deque<std::string> recent_log_;
  std::size_t lines_drawn_ = 0;
};

}  // namespace hil::bench
