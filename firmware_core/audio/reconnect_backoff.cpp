// Doubling delays with a ceiling.
#include "firmware_core/audio/reconnect_backoff.h"

namespace hil::audio {

core::Micros ReconnectBackoff::next_delay() {
  core::Micros delay = first_;
  for (unsigned i = 0; i < failures_ && delay < longest_; ++i) delay *= 2;
  ++failures_;
  return delay < longest_ ? delay : longest_;
}

}  // namespace hil::audio
