// A fleet split over processes.
#include "bench/fleet/fleet_shard.h"

#include <charconv>

namespace hil::bench {
namespace {

std::optional<std::size_t> whole(const std::string& text) {
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || stop != end || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<Shard> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  const auto index = whole(text.substr(0, slash));
  const auto count = whole(text.substr(slash + 1));
  if (!index || !count || *index < 1 || *index > *count) return std::nullopt;
  return Shard{*index, *count};
}

std::vector<std::string> shard_of(const std::vector<std::string>& ids, Shard shard) {
  std::vector<std::string> out;
  for (std::size_t i = shard.index - 1; i < ids.size(); i += shard.count) out.push_back(ids[i]);
  return out;
}

}  // namespace hil::bench
