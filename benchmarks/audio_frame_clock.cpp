// The arrival clock of a WebSocket audio stream, from a C++ client (bench/io/ws_client), so that
// a python client's own scheduling can be told from the sender's: connects to URL, stamps every
// binary frame as it arrives until SAMPLES samples came, then prints one line per frame:
// "<arrival, ns on the steady clock> <samples>". Usage: audio_frame_clock URL SAMPLES
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "bench/io/ws_client.h"

namespace {

using Clock = std::chrono::steady_clock;

class FrameClock : public hil::core::WsEvents {
 public:
  void on_open(hil::core::WsConnection&) override {}
  void on_text(hil::core::WsConnection&, std::string_view) override {}
  void on_binary(hil::core::WsConnection&, std::string_view bytes) override {
    const auto at =
        std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
            .count();
    frames.emplace_back(at, bytes.size() / 2);
    samples += bytes.size() / 2;
  }
  void on_pong(hil::core::WsConnection&) override {}
  void on_close(hil::core::WsConnection&, hil::core::WsCloseCode, std::string_view) override {
    closed = true;
  }

  std::vector<std::pair<long long, std::size_t>> frames;
  std::size_t samples = 0;
  bool closed = false;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: audio_frame_clock URL SAMPLES\n");
    return 2;
  }
  const std::size_t wanted = std::strtoull(argv[2], nullptr, 10);
  boost::asio::io_context io;
  FrameClock clock;
  hil::bench::WsClient client(io, clock);
  client.connect(argv[1]);
  while (clock.samples < wanted && !clock.closed) io.run_one();
  for (const auto& [at, samples] : clock.frames) std::printf("%lld %zu\n", at, samples);
  return clock.samples < wanted ? 1 : 0;
}
