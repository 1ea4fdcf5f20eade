// The suite progress line `hilbench run` keeps at the bottom of a terminal while scenarios run.
#pragma once

#include <cstddef>
#include <string>

namespace hil::scenario {

// "[########------------]  8/22  2 failed  running stepper_home" sized to `width` columns (the name
// is shortened to fit); no terminal control characters.
std::string progress_line(std::size_t done, std::size_t total, std::size_t failed,
                          const std::string& running, std::size_t width = 80);

}  // namespace hil::scenario
