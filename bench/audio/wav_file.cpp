// Sound files through libsndfile: reading from a path or from memory, writing 16 kHz mono WAV.
#include "bench/audio/wav_file.h"

#include <sndfile.h>

#include <algorithm>
#include <cstring>

namespace hil::bench {
namespace {

// Reads every frame of an open file and closes it.
std::optional<Sound> read_all(SNDFILE* file, const SF_INFO& info, const std::string& what,
                              std::string& error) {
  if (file == nullptr) {
    error = "cannot read " + what + ": " + sf_strerror(nullptr);
    return std::nullopt;
  }
  Sound sound{info.samplerate, info.channels, {}};
  std::vector<float> chunk(4096 * static_cast<std::size_t>(info.channels));
  sf_count_t got = 0;
  while ((got = sf_readf_float(file, chunk.data(), 4096)) > 0) {
    sound.frames.insert(sound.frames.end(), chunk.begin(), chunk.begin() + got * info.channels);
  }
  sf_close(file);
  if (sound.frames.empty()) {
    error = what + " holds no audio";
    return std::nullopt;
  }
  return sound;
}

// libsndfile's virtual I/O over bytes in memory.
struct MemoryFile {
  std::string_view bytes;
  sf_count_t at = 0;
};

sf_count_t memory_length(void* user) {
  return static_cast<sf_count_t>(static_cast<MemoryFile*>(user)->bytes.size());
}

sf_count_t memory_seek(sf_count_t offset, int whence, void* user) {
  auto* file = static_cast<MemoryFile*>(user);
  const auto size = static_cast<sf_count_t>(file->bytes.size());
  const sf_count_t base = whence == SEEK_CUR ? file->at : whence == SEEK_END ? size : 0;
  file->at = std::clamp<sf_count_t>(base + offset, 0, size);
  return file->at;
}

sf_count_t memory_read(void* out, sf_count_t count, void* user) {
  auto* file = static_cast<MemoryFile*>(user);
  const auto size = static_cast<sf_count_t>(file->bytes.size());
  const sf_count_t taken = std::min(count, size - file->at);
  std::memcpy(out, file->bytes.data() + file->at, static_cast<std::size_t>(taken));
  file->at += taken;
  return taken;
}

sf_count_t memory_write(const void*, sf_count_t, void*) { return 0; }

sf_count_t memory_tell(void* user) { return static_cast<MemoryFile*>(user)->at; }

}  // namespace

std::optional<Sound> read_sound_file(const std::string& path, std::string& error) {
  SF_INFO info{};
  return read_all(sf_open(path.c_str(), SFM_READ, &info), info, path, error);
}

std::optional<Sound> read_sound_bytes(std::string_view bytes, const std::string& what,
                                      std::string& error) {
  SF_VIRTUAL_IO io{memory_length, memory_seek, memory_read, memory_write, memory_tell};
  MemoryFile file{bytes, 0};
  SF_INFO info{};
  return read_all(sf_open_virtual(&io, SFM_READ, &info, &file), info, what, error);
}

bool write_protocol_wav(const std::string& path, audio::PcmView samples, std::string& error) {
  SF_INFO info{};
  info.samplerate = audio::kSampleRateHz;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  SNDFILE* file = sf_open(path.c_str(), SFM_WRITE, &info);
  if (file == nullptr) {
    error = "cannot write " + path + ": " + sf_strerror(nullptr);
    return false;
  }
  const auto count = static_cast<sf_count_t>(samples.size);
  const bool complete = sf_write_short(file, samples.data, count) == count;
  if (!complete) error = "cannot write " + path + ": " + sf_strerror(file);
  sf_close(file);
  return complete;
}

}  // namespace hil::bench
