// espeak-ng as a child process, its stdout read whole.
#include "bench/audio/speech_synth.h"

#include <boost/asio/io_context.hpp>
#include <chrono>

#include "bench/io/child_process.h"
#include "bench/io/run_until.h"

namespace hil::bench {
namespace {

constexpr auto kSynthDeadline = std::chrono::seconds(30);

}  // namespace

std::optional<Sound> synthesize_speech(const std::string& text, std::string& error) {
  if (text.empty()) {
    error = "say: needs some text";
    return std::nullopt;
  }
  // A leading '-' would be read as an option; a space in front is spoken the same.
  const std::string words = text.front() == '-' ? " " + text : text;
  boost::asio::io_context io;
  ChildProcess espeak(io, {"espeak-ng", "--stdout", words});
  if (!espeak.started()) {
    error = "cannot run espeak-ng (install Debian's espeak-ng)";
    return std::nullopt;
  }
  if (!run_until(
          io, [&] { return espeak.finished(); }, kSynthDeadline)) {
    error = "espeak-ng took longer than 30 s";
    return std::nullopt;
  }
  if (const int status = espeak.wait(); status != 0) {
    error = "espeak-ng failed with exit status " + std::to_string(status);
    return std::nullopt;
  }
  return read_sound_bytes(espeak.output(), "espeak-ng's output", error);
}

}  // namespace hil::bench
