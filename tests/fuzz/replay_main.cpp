// Runs a fuzz target without libFuzzer (for gcc builds and CI): every corpus file, then seeded
// mutations of them. Usage: fuzz_X_replay CORPUS_DIR [ITERATIONS]
// An input that crashes the target is written to ./replay-crash (to reproduce it, or to keep it as
// a regression-<what> corpus file).
#include <fcntl.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

const std::string* current = nullptr;  // the input being run, for the crash handler

// Saves the input that crashed, then lets the signal end the process as it would have.
extern "C" void save_crash(int signal) {
  if (current != nullptr) {
    const int fd = ::open("replay-crash", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      [[maybe_unused]] const auto written = ::write(fd, current->data(), current->size());
      ::close(fd);
    }
  }
  std::signal(signal, SIG_DFL);
  std::raise(signal);
}

void run(const std::string& input) {
  current = &input;
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
  current = nullptr;
}

// One random edit: flip, insert, erase, duplicate a slice, or splice in another input.
std::string mutate(std::string input, const std::vector<std::string>& corpus,
                   std::mt19937_64& rng) {
  const auto pick = [&rng](std::size_t n) {
    return n == 0 ? 0 : static_cast<std::size_t>(rng() % n);
  };
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits; ++e) {
    switch (rng() % 5) {
      case 0:
        if (!input.empty()) input[pick(input.size())] = static_cast<char>(rng());
        break;
      case 1:
        input.insert(input.begin() + static_cast<long>(pick(input.size() + 1)),
                     static_cast<char>(rng()));
        break;
      case 2:
        if (!input.empty()) input.erase(pick(input.size()), 1 + pick(8));
        break;
      case 3:
        if (!input.empty()) {
          const std::size_t at = pick(input.size());
          input.insert(pick(input.size()), input.substr(at, 1 + pick(16)));
        }
        break;
      default: {
        const std::string& other = corpus[pick(corpus.size())];
        input.insert(pick(input.size() + 1), other.substr(0, pick(other.size() + 1)));
      }
    }
  }
  return input;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR [ITERATIONS]\n", argv[0]);
    return 2;
  }
  for (const int signal : {SIGABRT, SIGSEGV, SIGFPE, SIGBUS, SIGILL})
    std::signal(signal, save_crash);
  const long iterations = argc > 2 ? std::atol(argv[2]) : 3000;
  std::vector<std::string> corpus;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    std::ifstream in(entry.path(), std::ios::binary);
    corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (corpus.empty()) {
    std::fprintf(stderr, "empty corpus: %s\n", argv[1]);
    return 2;
  }
  for (const auto& input : corpus) run(input);
  std::mt19937_64 rng(20261122);
  for (long i = 0; i < iterations; ++i) run(mutate(corpus[i % corpus.size()], corpus, rng));
  std::printf("%zu corpus inputs and %ld mutations ran clean\n", corpus.size(), iterations);
  return 0;
}
