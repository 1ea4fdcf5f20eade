// Mic signals into samples, speaker segments into reports, frames into summaries.
#include "bench/scenario/families/audio/audio_signals.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

#include "bench/audio/pcm_source.h"
#include "bench/signal/levels.h"
#include "firmware_core/audio/tones.h"
#include "firmware_core/ir/base64.h"

namespace hil::scenario {
namespace {

constexpr double kDefaultDbfs = -12.0;
constexpr std::int64_t kLongestSignalMs = 600000;  // ten minutes of microphone in one send
constexpr double kToneAcceptFraction = 0.015;

double amplitude_of(double dbfs) { return 32767.0 * std::pow(10.0, dbfs / 20.0); }

// A positive whole number of ms under `key`, or 0 and why.
std::int64_t read_ms(const nlohmann::json& signal, const char* key, std::string& error) {
  const auto it = signal.find(key);
  if (it == signal.end() || !it->is_number_integer() || it->get<std::int64_t>() <= 0 ||
      it->get<std::int64_t>() > kLongestSignalMs) {
    error = std::string("'") + key + "' must be a whole number of ms from 1 to " +
            std::to_string(kLongestSignalMs);
    return 0;
  }
  return it->get<std::int64_t>();
}

std::size_t samples_for_ms(std::int64_t ms) {
  return static_cast<std::size_t>(ms) * audio::kSampleRateHz / 1000;
}

double number_or(const nlohmann::json& doc, const char* key, double fallback) {
  const auto it = doc.find(key);
  return it != doc.end() && it->is_number() ? it->get<double>() : fallback;
}

// A recording or speech as 16 kHz PCM; with `dbfs` given, scaled so that its peak is there.
std::vector<audio::Sample> recorded(const std::string& source, const nlohmann::json& signal,
                                    std::string& error) {
  auto samples = bench::load_pcm(source, bench::Logger(), error);
  if (!samples) return {};
  if (samples->empty()) {
    error = "'" + source + "' holds no sound";
    return {};
  }
  if (!signal.contains("dbfs")) return std::move(*samples);
  int peak = 0;
  for (const audio::Sample sample : *samples) peak = std::max(peak, std::abs(int{sample}));
  const double gain = peak == 0 ? 0.0 : amplitude_of(signal["dbfs"].get<double>()) / peak;
  for (audio::Sample& sample : *samples)
    sample = static_cast<audio::Sample>(std::lround(std::clamp(sample * gain, -32768.0, 32767.0)));
  return std::move(*samples);
}

}  // namespace

const char* const kMicSignalForm =
    "{tone_hz: HZ, ms: N, dbfs: -12} | {dual_hz: [HZ, HZ], ms: N, dbfs: -12} | "
    "{noise_ms: N, dbfs: -30} | {silence_ms: N} | {wav: FILE} | {say: TEXT} (these two as "
    "recorded, or with dbfs their peak at that level)";

std::vector<audio::Sample> mic_signal(const nlohmann::json& signal, std::uint64_t seed,
                                      std::string& error) {
  std::vector<audio::Sample> out;
  if (!signal.is_object()) {
    error = "a mic signal is " + std::string(kMicSignalForm);
    return out;
  }
  const auto dbfs = signal.find("dbfs");
  if (dbfs != signal.end() && (!dbfs->is_number() || *dbfs > 0 || *dbfs < -120)) {
    error = "'dbfs' must be a number from -120 to 0";
    return out;
  }
  const double level = number_or(signal, "dbfs", kDefaultDbfs);
  if (signal.contains("silence_ms")) {
    const std::int64_t ms = read_ms(signal, "silence_ms", error);
    if (ms > 0) out.assign(samples_for_ms(ms), 0);
  } else if (signal.contains("noise_ms")) {
    const std::int64_t ms = read_ms(signal, "noise_ms", error);
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    for (std::size_t i = 0; ms > 0 && i < samples_for_ms(ms); ++i)
      out.push_back(static_cast<audio::Sample>(std::lround(uniform(random) * amplitude_of(level))));
  } else if (signal.contains("tone_hz") || signal.contains("dual_hz")) {
    const std::int64_t ms = read_ms(signal, "ms", error);
    const nlohmann::json hz =
        signal.contains("tone_hz") ? nlohmann::json::array({signal["tone_hz"]}) : signal["dual_hz"];
    const bool valid = hz.is_array() && (hz.size() == 1 || hz.size() == 2) &&
                       std::all_of(hz.begin(), hz.end(), [](const nlohmann::json& f) {
                         return f.is_number() && f.get<double>() > 0 && f.get<double>() < 8000;
                       });
    if (!valid) {
      error = "'tone_hz' must be a number between 0 and 8000 Hz; 'dual_hz' two of them";
      return {};
    }
    if (ms <= 0) return {};
    if (hz.size() == 1) {
      audio::append_sine(out, hz[0].get<double>(), samples_for_ms(ms), amplitude_of(level));
    } else {  // each tone at half the peak, so the pair peaks at the level asked
      audio::append_dual_tone(out, hz[0].get<double>(), hz[1].get<double>(), samples_for_ms(ms),
                              amplitude_of(level) / 2);
    }
  } else if (const auto file = signal.find("wav"); file != signal.end()) {
    if (file->is_string() && !file->get<std::string>().empty())
      out = recorded("wav:" + file->get<std::string>(), signal, error);
    else
      error = "'wav' must name a sound file";
  } else if (const auto text = signal.find("say"); text != signal.end()) {
    if (text->is_string() && !text->get<std::string>().empty())
      out = recorded("say:" + text->get<std::string>(), signal, error);
    else
      error = "'say' must be the text to speak";
  } else {
    error = "a mic signal is " + std::string(kMicSignalForm) + ", got " + signal.dump();
  }
  if (!error.empty()) out.clear();
  return out;
}

std::string check_mic_signal(const nlohmann::json& signal) {
  std::string error;
  mic_signal(signal, 0, error);
  return error;
}

nlohmann::json speaker_report(const signal::SoundSegment& segment) {
  const auto ms = [](std::uint64_t samples) {
    return static_cast<std::int64_t>(samples * 1000 / audio::kSampleRateHz);
  };
  const auto tenth = [](double value) { return std::round(value * 10.0) / 10.0; };
  nlohmann::json report = {{"kind", signal::to_string(segment.kind)}};
  if (segment.kind == signal::SoundKind::kTone) report["tone_hz"] = tenth(segment.freq_hz);
  report["ms"] = ms(segment.samples);
  report["start_ms"] = ms(segment.start_sample);
  if (segment.kind != signal::SoundKind::kSilence) {
    report["rms_dbfs"] = tenth(segment.rms_dbfs);
    report["peak_dbfs"] = tenth(segment.peak_dbfs);
    report["clipped"] = segment.clipped;
  }
  return report;
}

const char* const kSpeakerMatchForm =
    "{tone_hz: HZ, min_ms: N, max_ms: N, min_dbfs: DB, max_dbfs: DB, clipped: 0} | "
    "{silence_ms: N} | {sound_ms: N}";

bool speaker_matches(const nlohmann::json& report, const nlohmann::json& expected) {
  if (!report.is_object() || !expected.is_object()) return false;
  const double ms = number_or(report, "ms", 0);
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    const std::string& key = it.key();
    const nlohmann::json& want = it.value();
    const double number = want.is_number() ? want.get<double>() : 0.0;
    bool holds = false;
    if (key == "tone_hz") {
      holds = report.value("kind", "") == "tone" &&
              std::abs(number_or(report, "tone_hz", 0) - number) <= kToneAcceptFraction * number;
    } else if (key == "min_ms") {
      holds = ms >= number;
    } else if (key == "max_ms") {
      holds = ms <= number;
    } else if (key == "silence_ms" || key == "sound_ms") {
      holds = report.value("kind", "") == key.substr(0, key.size() - 3) && ms >= number;
    } else if (key == "min_dbfs") {
      holds = report.contains("rms_dbfs") && number_or(report, "rms_dbfs", 0) >= number;
    } else if (key == "max_dbfs") {
      holds = report.contains("rms_dbfs") && number_or(report, "rms_dbfs", 0) <= number;
    } else {
      holds = report.contains(key) && report[key] == want;
    }
    if (!holds) return false;
  }
  return true;
}

nlohmann::json frame_summary(bool sent, std::string_view bytes, bool keep_pcm) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a, 64-bit
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  const std::vector<audio::Sample> samples = audio::decode_pcm(bytes);
  nlohmann::json summary = {
      {"dir", sent ? "sent" : "received"},
      {"bytes", bytes.size()},
      {"samples", samples.size()},
      {"rms_dbfs", std::round(signal::to_dbfs(audio::rms(samples)) * 10.0) / 10.0},
      {"hash", hex}};
  if (keep_pcm) {
    summary["pcm"] =
        ir::base64_encode(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  return summary;
}

}  // namespace hil::scenario
