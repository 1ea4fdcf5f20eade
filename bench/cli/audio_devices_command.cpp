// `hilbench audio-devices`: the audio devices PortAudio finds, as JSON, so a user can choose the
// DEVICE of `--mic portaudio:DEVICE` and `--speaker portaudio:DEVICE` (an index or a name).
#include <iostream>

#include "bench/audio/portaudio_session.h"
#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/log/logger.h"

namespace hil::cli {

int audio_devices_command(const std::vector<std::string>& args) {
  CommandFlags flags("audio-devices", "hilbench audio-devices");
  if (const auto done = flags.parse(args)) return *done;
  std::string error;
  const auto session = bench::PortAudioSession::open(error);
  if (!session) {
    bench::LogSink log_sink(std::cerr, flags.log_level());
    bench::Logger(log_sink, "audio-devices").error(error);
    return 1;
  }
  std::cout << bench::audio_devices_json(session->devices()).dump(2) << '\n';
  return 0;
}

}  // namespace hil::cli
