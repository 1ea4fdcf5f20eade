// `hilbench sim esp32-audio ...`: N simulated audio front ends on one io_context, until
// SIGINT/SIGTERM; their speakers' WAV files are written as it stops.
#include "bench/scenario/families/audio/esp32_audio_sim_process.h"

#include <iostream>

#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/io/ws_url.h"
#include "bench/rigs/sim_esp32_audio_process.h"

namespace hil::scenario {
namespace {

constexpr unsigned kMaxDevices = 1000;
// The service refuses binary frames over 32000 bytes: 16000 samples.
constexpr std::size_t kMaxBlockSamples = 16000;

std::string url_problem(const std::string& url) {
  std::string error;
  return bench::parse_ws_url(url, error) ? "" : "must be ws://HOST:PORT/PATH, not '" + url + "'";
}

std::string speaker_problem(const std::string& speaker) {
  return speaker == "null" || (speaker.rfind("wav:", 0) == 0 && speaker.size() > 4) ||
                 speaker == "portaudio" || speaker.rfind("portaudio:", 0) == 0
             ? ""
             : "must be null, wav:FILE or portaudio[:DEVICE], not '" + speaker + "'";
}

}  // namespace

int run_esp32_audio_sim_process(const std::vector<std::string>& args) {
  bench::SimEsp32AudioOptions options;
  cli::CommandFlags flags(
      "sim esp32-audio",
      "hilbench sim esp32-audio --url ws://HOST:PORT/PATH [--count N] [--mic SIGNAL]\n"
      "                         [--speaker null|wav:FILE|portaudio[:DEVICE]] [--mic-block-samples "
      "N]\n\n"
      "Simulated ESP32 audio front ends: each streams its microphone (16 kHz mono PCM, in blocks)\n"
      "to the service, plays what comes back, and reports client_status every 5 s. SIGNAL is\n"
      "tone:HZ, wav:FILE or say:TEXT (looped), noise, silence, or portaudio[:DEVICE]: a real\n"
      "microphone (`hilbench audio-devices` lists them; one device only). With --count N > 1 the\n"
      "WAV files are FILE-0.wav .. FILE-(N-1).wav. Every {i} in the URL is the device's index\n"
      "(0 .. N-1): ws://127.0.0.1:8765/ws/{i} spreads the devices over the endpoints of\n"
      "`hilbench audio-service --endpoints N`.");
  flags.add()("url", cli::text(&options.url)->checked_by(url_problem)->required(),
              "the service: ws://HOST:PORT/PATH, {i} standing for the device's index")(
      "count", cli::number(&options.count)->within(1, kMaxDevices)->default_value(1),
      "devices in this process")("mic",
                                 cli::text(&options.mic)->not_empty()->default_value("tone:1000"),
                                 "what the microphones hear")(
      "mic-level-dbfs",
      cli::number(&options.mic_level_dbfs)->within(-120.0, 0.0)->default_value(-12.0),
      "level of tone and noise (a sine's RMS), dBFS")(
      "speaker", cli::text(&options.speaker)->checked_by(speaker_problem)->default_value("null"),
      "null, wav:FILE (what each speaker played, written as it stops) or portaudio[:DEVICE]: a "
      "real speaker")(
      "mic-block-samples",
      cli::number(&options.mic_block_samples)->within(1, kMaxBlockSamples)->default_value(1600),
      "samples per microphone frame (1600 = 100 ms)");
  if (const auto done = flags.parse(args)) return *done;
  bench::LogSink log_sink(std::cerr, flags.log_level());
  options.log = bench::Logger(log_sink, "sim");
  boost::asio::io_context io;
  bench::SimEsp32AudioProcess process(io, options);
  std::string error;
  if (!process.start(error)) {
    options.log.error(error);
    return 1;
  }
  cli::serve_until_signal(
      io, process.ready_info().dump(), [&] { process.stop(); }, [&] { return process.stopped(); });
  return process.finish() ? 0 : 1;
}

}  // namespace hil::scenario
