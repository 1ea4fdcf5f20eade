// The suite progress line.
#include "bench/scenario/progress_bar.h"

#include <algorithm>

namespace hil::scenario {

std::string progress_line(std::size_t done, std::size_t total, std::size_t failed,
                          const std::string& running, std::size_t width) {
  constexpr std::size_t kBarCells = 20;
  const std::size_t filled = total == 0 ? kBarCells : std::min(kBarCells, done * kBarCells / total);
  std::string line = "[" + std::string(filled, '#') + std::string(kBarCells - filled, '-') + "] ";
  const std::string count = std::to_string(total);
  const std::string now = std::to_string(done);
  line += std::string(count.size() - std::min(count.size(), now.size()), ' ') + now + "/" + count;
  if (failed > 0) line += "  " + std::to_string(failed) + " failed";
  if (!running.empty()) {
    const std::string prefix = "  running ";
    if (line.size() + prefix.size() < width) {
      const std::size_t room = width - line.size() - prefix.size();
      line +=
          prefix +
          (running.size() <= room ? running : running.substr(0, room > 3 ? room - 3 : 0) + "...");
    }
  }
  return line.substr(0, width);
}

}  // namespace hil::scenario
