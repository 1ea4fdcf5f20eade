// The recording peer: each event with its time.
#include "tests/audio/audio_fakes.h"

namespace hil::audio::testing {

void RecordingPeer::on_open(core::WsConnection& opened) {
  connection = &opened;
  ++opens;
}

void RecordingPeer::on_text(core::WsConnection&, std::string_view text) {
  texts.push_back({scheduler_.now(), std::string(text)});
}

void RecordingPeer::on_binary(core::WsConnection&, std::string_view bytes) {
  binaries.push_back({scheduler_.now(), std::string(bytes)});
}

void RecordingPeer::on_close(core::WsConnection&, core::WsCloseCode code, std::string_view reason) {
  closes.emplace_back(code, std::string(reason));
}

}  // namespace hil::audio::testing
