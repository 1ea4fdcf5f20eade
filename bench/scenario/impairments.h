// Message impairments on links (drop, duplicate, delay, corrupt a share of messages for a while),
// decided by a seeded generator so that a run is the same for the same seed.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace hil::scenario {

struct Impairment {
  std::string kind;    // drop, duplicate, delay, corrupt
  std::string device;  // empty: every device
  std::string link;
  double share = 1.0;
  std::int64_t delay_us = 0;
  std::int64_t until_us = 0;
};

// What happens to one message crossing a link.
struct Fate {
  bool dropped = false;
  int copies = 1;             // 2 when duplicated
  std::int64_t delay_us = 0;  // later arrival
  bool corrupted = false;
};

class Impairments {
 public:
  explicit Impairments(std::uint64_t seed) : random_(seed ^ 0x5eedfa17ULL) {}

  void add(Impairment impairment) { active_.push_back(std::move(impairment)); }
  // Draws the fate of a message on `device`'s `link` at `now_us`; the draws happen in message
  // order, so a seed always picks the same messages.
  Fate decide(const std::string& device, const std::string& link, std::int64_t now_us);
  // Flips one bit of one byte (chosen by the generator); an empty payload gets one byte.
  std::string corrupt(std::string payload);

 private:
  std::mt19937_64 random_;
  std::vector<Impairment> active_;
};

}  // namespace hil::scenario
