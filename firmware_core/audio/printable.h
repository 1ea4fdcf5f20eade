// Untrusted text made safe to log and to put in a status: printable ASCII kept, every other byte
// written as \xNN, cut after `limit` bytes with "..." so a flood stays one short line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace hil::audio {

std::string printable(std::string_view text, std::size_t limit = 64);

}  // namespace hil::audio
