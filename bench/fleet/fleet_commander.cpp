// The fleet's own host: commands at a rate, answers timed, the unanswered counted lost.
#include "bench/fleet/fleet_commander.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace hil::bench {
namespace {

constexpr auto kTick = std::chrono::milliseconds(10);
constexpr double kSmallestMs = 0.001;
constexpr double kGrowth = 1.02;

}  // namespace

void RoundTripHistogram::add(double ms) {
  const double steps = std::log(std::max(ms, kSmallestMs) / kSmallestMs) / std::log(kGrowth);
  const auto index = std::min(static_cast<std::size_t>(steps), kBuckets - 1);
  ++buckets_[index];
  ++count_;
}

RoundTripPercentiles RoundTripHistogram::percentiles() const {
  RoundTripPercentiles out;
  out.count = count_;
  if (count_ == 0) return out;
  // Each percentile is the middle of the bucket the rank falls in.
  const auto at = [this](double share) {
    const auto rank = static_cast<std::uint64_t>(std::ceil(share * static_cast<double>(count_)));
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < kBuckets; ++i) {
      seen += buckets_[i];
      if (seen >= std::max<std::uint64_t>(rank, 1))
        return kSmallestMs * std::pow(kGrowth, static_cast<double>(i) + 0.5);
    }
    return kSmallestMs * std::pow(kGrowth, static_cast<double>(kBuckets));
  };
  out.p50 = at(0.50);
  out.p90 = at(0.90);
  out.p99 = at(0.99);
  return out;
}

void RoundTripHistogram::clear() {
  std::fill(buckets_.begin(), buckets_.end(), 0);
  count_ = 0;
}

FleetCommander::FleetCommander(boost::asio::io_context& io, FleetCommanderOptions options)
    : options_(std::move(options)),
      client_(io, options_.client),
      timer_(io),
      tag_prefix_("fleet-host-" + std::to_string(getpid()) + "-") {
  client_.set_on_message([this](std::string_view topic, std::string_view payload, int, bool) {
    on_answer(topic, payload);
  });
}

void FleetCommander::start() {
  client_.subscribe(options_.rules->answer_filter, 1);
  client_.start();
  last_tick_ = std::chrono::steady_clock::now();
  tick();
}

void FleetCommander::stop() {
  timer_.cancel();
  client_.stop();
}

FleetCommandCounts FleetCommander::counts() const {
  FleetCommandCounts out = counts_;
  out.pending = pending_.size();
  return out;
}

RoundTripPercentiles FleetCommander::take_recent() {
  const RoundTripPercentiles out = recent_.percentiles();
  recent_.clear();
  return out;
}

void FleetCommander::tick() {
  const auto now = std::chrono::steady_clock::now();
  while (!pending_.empty() && now - pending_.begin()->second > options_.timeout) {
    pending_.erase(pending_.begin());
    ++counts_.lost;
  }
  // Commands go out only once answers can arrive; the rate's credit does not pile up meanwhile.
  const double elapsed = std::chrono::duration<double>(now - last_tick_).count();
  last_tick_ = now;
  if (client_.subscribed() && !options_.ids.empty()) {
    credit_ = std::min(credit_ + elapsed * options_.rate, std::max(1.0, options_.rate));
    while (credit_ >= 1.0) {
      credit_ -= 1.0;
      const std::string& id = options_.ids[next_device_++ % options_.ids.size()];
      const std::uint64_t tag = next_tag_++;
      const auto [topic, payload] = options_.rules->command(id, tag_prefix_ + std::to_string(tag));
      pending_.emplace(tag, std::chrono::steady_clock::now());
      ++counts_.sent;
      client_.publish(topic, payload, 1, false);
    }
  }
  timer_.expires_after(kTick);
  timer_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec) tick();
  });
}

void FleetCommander::on_answer(std::string_view topic, std::string_view payload) {
  const std::string tag = options_.rules->answer_tag(topic, payload);
  if (tag.rfind(tag_prefix_, 0) != 0) return;  // another host's, or not an answer
  std::uint64_t number = 0;
  for (const char c : std::string_view(tag).substr(tag_prefix_.size())) {
    if (c < '0' || c > '9') return;
    number = number * 10 + static_cast<std::uint64_t>(c - '0');
  }
  const auto pending = pending_.find(number);
  if (pending == pending_.end()) return;  // a repeated answer, or one after the timeout
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - pending->second)
          .count();
  pending_.erase(pending);
  ++counts_.answered;
  recent_.add(ms);
  overall_.add(ms);
}

}  // namespace hil::bench
