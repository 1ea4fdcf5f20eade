// Gap detection scored against what was injected: a synthetic stream of 100 ms frames (1 h by
// default) with dropped frames (the next one comes 100 ms after its samples were due) and pauses
// (delivery stops for a while and resumes in step, as after an outage in which the device dropped
// its stale blocks), read by bench/signal's find_delivery_gaps with no playout delay. Prints, per
// run, injected, found at their exact sample, missed, false positives and the worst length error.
//
//   build/bin/audio_gaps [HOURS] [SEED]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <random>
#include <vector>

#include "bench/signal/delivery_gaps.h"
#include "firmware_core/audio/pcm.h"

namespace {

using hil::core::Micros;
using hil::signal::FrameArrival;

constexpr std::uint64_t kFrameSamples = 1600;
constexpr Micros kFrame{100'000};

struct Injected {
  std::uint64_t at_sample = 0;  // where the listener's audio stops
  Micros length{0};             // how long it should wait there
};

struct Stream {
  std::vector<FrameArrival> frames;
  std::vector<Injected> injected;
};

struct RunSpec {
  const char* name;
  Micros jitter;     // every frame is late by up to this (under a gap's worth)
  Micros min_delay;  // the shortest pause injected
};

// Every 50 to 150 frames one fault: a frame dropped (a 100 ms hole) or a pause before a frame
// (log-uniform up to 2 s) that delays it and every frame after it. Either is a wait for the player
// at that frame's first sample; faults never overlap.
Stream make_stream(double hours, const RunSpec& spec, std::mt19937_64& random) {
  const auto frames = static_cast<std::uint64_t>(hours * 3600 * 10);
  std::uniform_int_distribution<std::uint64_t> spacing(50, 150);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<std::int64_t> jitter(0, spec.jitter.count());
  const double log_min = std::log(static_cast<double>(spec.min_delay.count()));
  const double log_max = std::log(2'000'000.0);
  Stream stream;
  std::uint64_t next_fault = spacing(random);
  std::uint64_t position = 0;  // samples delivered so far
  Micros pauses{0};            // all the pauses so far
  Micros last_arrival{0};
  for (std::uint64_t i = 0; i < frames; ++i) {
    Micros at = kFrame * static_cast<std::int64_t>(i) + Micros(i == 0 ? 0 : jitter(random));
    at += pauses;
    if (i == next_fault) {
      next_fault += spacing(random);
      if (unit(random) < 0.5) {
        stream.injected.push_back({position, kFrame});
        continue;  // dropped: its samples never come
      }
      const Micros delay(static_cast<std::int64_t>(
          std::ceil(std::exp(log_min + unit(random) * (log_max - log_min)))));
      stream.injected.push_back({position, delay});
      pauses += delay;
      at += delay;
    }
    last_arrival = std::max(last_arrival, at);
    stream.frames.push_back({last_arrival, kFrameSamples});
    position += kFrameSamples;
  }
  return stream;
}

void score(double hours, const RunSpec& spec, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  const Stream stream = make_stream(hours, spec, random);
  const auto found = hil::signal::find_delivery_gaps(stream.frames, Micros(0));
  std::size_t matched = 0;
  std::size_t false_positives = 0;
  std::int64_t worst_length_error_us = 0;
  std::size_t next = 0;  // both lists are in stream order
  for (const auto& gap : found) {
    while (next < stream.injected.size() && stream.injected[next].at_sample < gap.at_sample) ++next;
    if (next < stream.injected.size() && stream.injected[next].at_sample == gap.at_sample) {
      ++matched;
      const auto error = std::llabs((gap.length - stream.injected[next].length).count());
      worst_length_error_us = std::max<std::int64_t>(worst_length_error_us, error);
      ++next;
    } else {
      ++false_positives;
    }
  }
  std::printf(
      "%s: %.1f h, %zu frames, injected %zu (shortest pause %lld us, jitter up to %lld us): found "
      "%zu at their exact sample, missed %zu, false positives %zu, worst length error %lld us\n",
      spec.name, hours, stream.frames.size(), stream.injected.size(),
      static_cast<long long>(spec.min_delay.count()), static_cast<long long>(spec.jitter.count()),
      matched, stream.injected.size() - matched, false_positives,
      static_cast<long long>(worst_length_error_us));
}

}  // namespace

int main(int argc, char** argv) {
  const double hours = argc > 1 ? std::atof(argv[1]) : 1.0;
  const std::uint64_t seed = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
  // Exact arrivals: a pause of one sample (62.5 us, rounded up to 63) is a gap.
  score(hours, {"exact arrivals", Micros(0), Micros(63)}, seed);
  // Arrivals up to half a sample late: shorter than a sample is no gap, so the shortest pause
  // certain to be one is 1.5 samples (94 us).
  score(hours, {"jittered arrivals", Micros(31), Micros(94)}, seed);
  return 0;
}
