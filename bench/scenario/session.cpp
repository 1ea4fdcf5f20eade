// The engine under scenarios and the Python bench.
#include "bench/scenario/session.h"

#include <algorithm>

#include "bench/scenario/matching.h"
#include "sim/network/mqtt_topic_filter.h"

namespace hil::scenario {
namespace {

using core::Micros;
constexpr std::size_t kNearestShown = 5;
// What a device link keeps that no stream has read: a long run's unread chatter stays bounded (it
// is in the trace), yet an expect can still look back this far.
constexpr std::size_t kUnreadKept = 10000;

std::string render(const LinkMessage& message) {
  const std::string when = std::to_string(message.time_us / 1000) + " ms ";
  return when + (message.topic.empty() ? "" : message.topic + " ") + message.payload;
}

}  // namespace

struct Session::Stream {
  std::string key;
  std::string outputs_key;
  std::string topic_filter;
  const StreamQuery* query = nullptr;
  const LinkSpec* link = nullptr;  // the device's family's link: its shape and its JSON rule
  Device* device = nullptr;
  std::size_t cursor = 0;
  // Within one expect: messages before this were looked at and did not match. The query and the
  // messages do not change meanwhile, so each is matched (and parsed) once, not after every event.
  std::size_t unmatched_until = 0;
};

Session::Session(SessionOptions options, std::unique_ptr<SessionClock> clock, DeviceFactory factory,
                 const FamilyRegistry& families)
    : seed_(options.seed),
      limit_(Micros(options.limit_ms * 1000)),
      sample_every_ms_(options.sample_every_ms),
      min_timeout_ms_(options.min_timeout_ms),
      clock_(std::move(clock)),
      factory_(std::move(factory)),
      families_(families),
      keep_history_(options.keep_history),
      impairments_(options.seed) {
  sample();
}

std::unique_ptr<Session> Session::simulated(const SessionOptions& options,
                                            std::unique_ptr<VirtualSessionClock> clock,
                                            const FamilyRegistry& families) {
  if (!clock) clock = std::make_unique<VirtualSessionClock>();
  sim::VirtualScheduler& scheduler = clock->virtual_scheduler();
  // One broker for the devices that talk MQTT to each other; it outlives them (the factory goes
  // after the devices).
  auto bus = std::make_shared<sim::SimMqttBus>(scheduler);
  auto ws = std::make_shared<sim::MemoryWsNetwork>();  // the audio devices' network, likewise
  // The session's faults, for devices that impair their own wire; bound once the session exists.
  auto fate = std::make_shared<LinkFate>();
  DeviceFactory factory = [&scheduler, bus, ws, fate](
                              const Family& family, const DeviceSpec& spec, std::uint64_t seed,
                              DeviceOutput output, std::string& error) -> std::unique_ptr<Device> {
    if (!family.make) {
      error = "the " + family.kind + " family cannot be simulated in process";
      return nullptr;
    }
    SimContext context{scheduler, *bus, *ws, seed, *fate};
    return family.make(spec, context, std::move(output), error);
  };
  auto session = std::make_unique<Session>(options, std::move(clock), std::move(factory), families);
  *fate = [made = session.get()](const std::string& device, const std::string& link) {
    return made->link_fate(device, link);
  };
  return session;
}

std::string Session::limit_reached() const {
  return "the limit of " + std::to_string(limit_.count() / 1000) + " ms was reached";
}

Session::~Session() { devices_.clear(); }  // devices hold timers on the clock: they go first

std::string Session::add_device(const DeviceSpec& spec) {
  if (devices_.count(spec.name) != 0) return "a device named '" + spec.name + "' exists already";
  const Family* family = families_.find(spec.kind);
  if (family == nullptr) return families_.unknown(spec.kind);
  if (std::string why = check_options(*family, spec.name, spec.options); !why.empty()) return why;
  DeviceSpec made = spec;
  made.kind = family->kind;  // an alias names the family's kind
  const std::uint64_t seed =
      seed_ + devices_.size();  // distinct per device, fixed by the run's seed
  std::string error;
  auto device = factory_(
      *family, made, seed, [this](const LinkMessage& m) { record(m); }, error);
  if (!device) return error;
  devices_.emplace(spec.name, std::move(device));
  clock_->run_due();
  return "";
}

Device* Session::device(const std::string& name) {
  const auto it = devices_.find(name);
  return it == devices_.end() ? nullptr : it->second.get();
}

nlohmann::json Session::describe_devices() const {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [name, device] : devices_) out.push_back(device->describe());
  return out;
}

std::map<std::string, std::vector<DeviceWaveform>> Session::waveforms() const {
  std::map<std::string, std::vector<DeviceWaveform>> out;
  for (const auto& [name, device] : devices_) {
    std::vector<DeviceWaveform> sounds = device->waveforms();
    if (!sounds.empty()) out.emplace(name, std::move(sounds));
  }
  return out;
}

bool Session::publishes(const std::string& device_name, const std::string& link) {
  Device* target = device(device_name);
  const Family* family = target == nullptr ? nullptr : families_.find(target->kind());
  const LinkSpec* spec = family == nullptr ? nullptr : family->link(link);
  return spec != nullptr && spec->shape == LinkShape::kPublishes;
}

std::string Session::resolve_topic(const std::string& device_name, const std::string& topic,
                                   bool inbound) {
  Device* target = device(device_name);
  if (target == nullptr) return topic;
  std::string given = !topic.empty() ? topic
                      : inbound      ? target->topics().send
                                     : target->topics().expect;
  if (given.rfind("~/", 0) == 0) return target->topics().root + given.substr(2);
  return given;
}

Fate Session::link_fate(const std::string& device_name, const std::string& link) {
  return impairments_.decide(device_name, link, clock_->now().count());
}

bool Session::device_impairs(const std::string& device_name, const std::string& link) {
  Device* target = device(device_name);
  const Family* family = target == nullptr ? nullptr : families_.find(target->kind());
  const LinkSpec* spec = family == nullptr ? nullptr : family->link(link);
  return spec != nullptr && spec->device_impairs;
}

void Session::observe(MessageObserver on_message, SampleObserver on_sample) {
  on_message_ = std::move(on_message);
  on_sample_ = std::move(on_sample);
}

void Session::record(LinkMessage message) {
  // Inbound, or already through the device's own impaired wire: kept as it is.
  if (message.inbound || device_impairs(message.device, message.link)) {
    store(std::move(message));
    return;
  }
  // What a device says crosses its link, where an impairment may befall it on the way.
  const Fate fate = impairments_.decide(message.device, message.link, message.time_us);
  if (fate.corrupted) message.payload = impairments_.corrupt(std::move(message.payload));
  if (fate.dropped) {
    message.lost = true;  // in the trace, never in a stream
    unsettled_.push_back(std::move(message));
    if (holding_ == 0) settle();
    return;
  }
  for (int copy = 0; copy < fate.copies; ++copy) {
    if (fate.delay_us == 0) {
      store(message);
      continue;
    }
    clock_->scheduler().call_at(clock_->now() + Micros(fate.delay_us), [this, message]() mutable {
      message.time_us = clock_->now().count();
      store(std::move(message));
    });
  }
}

void Session::store(LinkMessage message) {
  unsettled_.push_back(std::move(message));
  if (holding_ == 0) settle();
}

void Session::stream(LinkMessage message) {
  auto output = outputs_.try_emplace(message.device + "|" + message.link).first;
  if (!output->second.one_stream && device(message.device) != nullptr)
    output->second.one_stream = !publishes(message.device, message.link);
  output->second.messages.push_back(std::move(message));
  prune(output->second);
}

std::size_t Session::held_messages() const {
  std::size_t held = 0;
  for (const auto& [key, output] : outputs_) held += output.messages.size();
  return held;
}

void Session::settle() {
  for (LinkMessage& message : unsettled_) {
    ++message_count_;
    if (on_message_) on_message_(message);
    const bool streamed = !message.inbound && !message.lost;  // lost: in the trace, not a stream
    if (keep_history_) {
      if (streamed) stream(message);
      messages_.push_back(std::move(message));
    } else if (streamed) {
      stream(std::move(message));
    }
  }
  unsettled_.clear();
}

void Session::prune(Output& output) {
  while (!output.messages.empty() && ((output.one_stream == true && output.first < output.read) ||
                                      output.messages.size() > kUnreadKept)) {
    output.messages.pop_front();
    ++output.first;
  }
}

void Session::sample() {
  if (sample_every_ms_ <= 0) return;
  clock_->scheduler().call_at(clock_->now() + Micros(sample_every_ms_ * 1000),
                              [this] { sample(); });
  sample_now();
}

void Session::keep_sample(StateSample sample) {
  if (on_sample_) on_sample_(sample);
  if (keep_history_) samples_.push_back(sample);
  last_sample_ = std::move(sample);
}

void Session::sample_now() {
  const std::int64_t now = clock_->now().count();
  const bool changed = !last_sample_ || last_sample_->devices.size() != devices_.size() ||
                       std::any_of(devices_.begin(), devices_.end(), [](const auto& entry) {
                         return entry.second->changed_since_snapshot();
                       });
  if (!changed) {
    unchanged_since_us_ = now;
    return;
  }
  if (unchanged_since_us_) keep_sample(StateSample{*unchanged_since_us_, last_sample_->devices});
  unchanged_since_us_.reset();
  StateSample state{now, nlohmann::json::object()};
  for (auto& [name, device] : devices_) state.devices[name] = device->snapshot();
  keep_sample(std::move(state));
}

std::vector<StateSample> Session::take_samples() {
  // The state at the end of the run too, so that plots reach the end of a motion the run waited
  // for rather than stopping at the sample before it.
  const std::int64_t latest = unchanged_since_us_ ? *unchanged_since_us_
                              : last_sample_      ? last_sample_->time_us
                                                  : -1;
  if (sample_every_ms_ > 0 && latest < clock_->now().count()) sample_now();
  if (unchanged_since_us_) keep_sample(StateSample{*unchanged_since_us_, last_sample_->devices});
  unchanged_since_us_.reset();
  return std::move(samples_);
}

bool Session::run_until(Micros until, const std::function<bool()>& done) {
  const bool beyond = until > limit_;
  clock_->run_until(beyond ? limit_ : until, done);
  return !beyond || clock_->now() < limit_;  // stopped early by done(): the limit was not hit
}

std::string Session::advance_us(std::int64_t us) {
  return run_until(clock_->now() + Micros(us), [] { return false; }) ? "" : limit_reached();
}

std::string Session::send(const std::string& device_name, const std::string& link,
                          const std::string& topic, const std::string& payload) {
  Device* target = device(device_name);
  if (target == nullptr) return "no device '" + device_name + "'";
  const Family* family = families_.find(target->kind());
  const LinkSpec* spec = family == nullptr ? nullptr : family->link(link);
  if (spec != nullptr && spec->check) {
    const auto signal = nlohmann::json::parse(payload, nullptr, false);
    if (std::string why = spec->check(signal); !why.empty()) return link + ": " + why;
  }
  const std::string resolved =
      publishes(device_name, link) ? resolve_topic(device_name, topic, true) : "";
  const Fate fate = impairments_.decide(device_name, link, clock_->now().count());
  const std::string sent = fate.corrupted ? impairments_.corrupt(payload) : payload;
  // The message goes on to the observers once its delivery is known, ahead of what it caused.
  ++holding_;
  const std::size_t index = unsettled_.size();
  record(LinkMessage{
      clock_->now().count(), device_name, link, resolved, sent, true, fate.dropped, {}});
  if (fate.dropped || fate.delay_us > 0) {
    --holding_;
    settle();
  }
  if (fate.dropped) return "";
  if (fate.delay_us > 0) {
    clock_->scheduler().call_at(clock_->now() + Micros(fate.delay_us),
                                [target, link, resolved, sent, fate] {
                                  for (int copy = 0; copy < fate.copies; ++copy)
                                    target->deliver(link, resolved, sent);
                                });
    return "";
  }
  bool delivered = true;
  for (int copy = 0; copy < fate.copies; ++copy)
    delivered = target->deliver(link, resolved, sent) && delivered;
  unsettled_[index].lost = !delivered;
  --holding_;
  settle();
  clock_->run_due();
  return "";
}

std::string Session::open(const StreamQuery& query, Stream& stream) {
  if (device(query.device) == nullptr) return "no device '" + query.device + "'";
  stream.query = &query;
  stream.device = device(query.device);
  const Family* family = families_.find(stream.device->kind());
  stream.link = family == nullptr ? nullptr : family->link(query.link);
  stream.topic_filter =
      publishes(query.device, query.link) ? resolve_topic(query.device, query.topic, false) : "";
  stream.outputs_key = query.device + "|" + query.link;
  stream.key = stream.outputs_key + "|" + stream.topic_filter;
  stream.cursor = cursors_[stream.key];
  return "";
}

std::optional<Match> Session::find(Stream& stream) const {
  const auto list = outputs_.find(stream.outputs_key);
  if (list == outputs_.end()) return std::nullopt;
  const Output& output = list->second;
  for (std::size_t i = std::max({stream.cursor, stream.unmatched_until, output.first});
       i < output.end(); ++i) {
    stream.unmatched_until = i + 1;
    const LinkMessage& message = output.messages[i - output.first];
    if (!stream.topic_filter.empty() &&
        !sim::mqtt_topic_matches(stream.topic_filter, message.topic))
      continue;
    std::vector<std::optional<std::string>>
        captured;  // the message itself is copied on a match only
    if (stream.query->regex) {
      std::smatch groups;
      if (!std::regex_search(message.payload, groups, *stream.query->regex)) continue;
      for (const auto& group : groups)
        captured.push_back(group.matched ? std::optional(group.str()) : std::nullopt);
    }
    if (stream.query->subset) {
      const auto doc = nlohmann::json::parse(message.payload, nullptr, false);
      if (doc.is_discarded() || !subset_holds(stream, doc)) continue;
    }
    stream.cursor = i + 1;
    return Match{message, std::move(captured)};
  }
  return std::nullopt;
}

bool Session::is_state(const Stream& stream) {
  return stream.link != nullptr && stream.link->shape == LinkShape::kState;
}

bool Session::subset_holds(const Stream& stream, const nlohmann::json& doc) {
  const JsonMatcher& rule = stream.link != nullptr ? stream.link->matches : JsonMatcher();
  return rule ? rule(doc, *stream.query->subset) : json_contains(doc, *stream.query->subset);
}

std::optional<Match> Session::state_match(Stream& stream) const {
  nlohmann::json state = stream.device->state(stream.query->link);
  if (stream.query->subset && !subset_holds(stream, state)) return std::nullopt;
  return Match{LinkMessage{clock_->now().count(),
                           stream.query->device,
                           stream.query->link,
                           "",
                           state.dump(),
                           false,
                           false,
                           {}},
               {}};
}

std::vector<std::string> Session::nearest(const Stream& stream) const {
  if (is_state(stream)) return {stream.device->state(stream.query->link).dump()};
  std::vector<std::string> out;
  const auto list = outputs_.find(stream.outputs_key);
  if (list == outputs_.end()) return out;
  const Output& output = list->second;
  for (std::size_t i = std::max(stream.cursor, output.first); i < output.end(); ++i) {
    const LinkMessage& message = output.messages[i - output.first];
    if (stream.topic_filter.empty() || sim::mqtt_topic_matches(stream.topic_filter, message.topic))
      out.push_back(render(message));
  }
  if (out.size() > kNearestShown)
    out.erase(out.begin(), out.end() - static_cast<long>(kNearestShown));
  return out;
}

ExpectOutcome Session::expect(const StreamQuery& query, std::int64_t timeout_ms) {
  ExpectOutcome outcome;
  Stream stream;
  outcome.error = open(query, stream);
  if (!outcome.error.empty()) return outcome;
  // find() moves the local cursor past a match, so it is called until it first succeeds, no more.
  // A state is looked at as it stands after each event.
  const auto found = [&] {
    return (outcome.match = is_state(stream) ? state_match(stream) : find(stream)).has_value();
  };
  const std::int64_t wait_ms = std::max(timeout_ms, min_timeout_ms_);
  const bool in_limit = found() || run_until(clock_->now() + Micros(wait_ms * 1000), found);
  if (outcome.match) {
    cursors_[stream.key] = stream.cursor;
    if (const auto output = outputs_.find(stream.outputs_key); output != outputs_.end()) {
      output->second.read = stream.cursor;
      prune(output->second);
    }
    return outcome;
  }
  outcome.error =
      in_limit ? "no match within " + std::to_string(timeout_ms) + " ms" : limit_reached();
  if (const auto output = outputs_.find(stream.outputs_key);
      output != outputs_.end() && output->second.first > stream.cursor) {
    outcome.error += " (" + std::to_string(output->second.first - stream.cursor) +
                     " older messages on this link went unread and were let go: a link keeps the " +
                     std::to_string(kUnreadKept) + " newest)";
  }
  outcome.nearest = nearest(stream);
  return outcome;
}

ExpectOutcome Session::expect_none(const StreamQuery& query, std::int64_t for_ms) {
  ExpectOutcome outcome;
  Stream stream;
  outcome.error = open(query, stream);
  if (!outcome.error.empty()) return outcome;
  const auto list = outputs_.find(stream.outputs_key);
  if (list != outputs_.end())
    stream.cursor = list->second.end();  // only what arrives in the window
  // A state must not come to hold at any moment of the window.
  const auto seen = [&] { return is_state(stream) && (outcome.match = state_match(stream)); };
  if (!run_until(clock_->now() + Micros(for_ms * 1000), seen)) {
    outcome.error = limit_reached();
    return outcome;
  }
  if (!is_state(stream))
    outcome.match = find(stream);  // the stream's own cursor stays: later expects see everything
  return outcome;
}

std::string Session::fault(const std::string& kind, const std::string& device_name,
                           const std::string& link, std::int64_t for_ms, double share,
                           std::int64_t delay_ms) {
  if (kind == "drop" || kind == "duplicate" || kind == "delay" || kind == "corrupt") {
    if (!device_name.empty() && device(device_name) == nullptr)
      return "no device '" + device_name + "'";
    impairments_.add(Impairment{kind, device_name, link, share, delay_ms * 1000,
                                clock_->now().count() + for_ms * 1000});
    return "";
  }
  std::vector<Device*> targets;
  for (auto& [name, candidate] : devices_) {
    if (device_name.empty() || device_name == name) targets.push_back(candidate.get());
  }
  if (targets.empty()) return "no device '" + device_name + "'";
  std::string error;
  if (kind == "power_cycle") {
    for (Device* target : targets) {
      if (!target->power_cycle(error)) return error;
    }
    clock_->run_due();
    return "";
  }
  if (kind != "broker_outage" && kind != "link_down") return "unknown fault '" + kind + "'";
  const std::string which = kind == "broker_outage" ? "mqtt" : link;
  for (Device* target : targets) {
    if (!target->set_link_up(which, false, error)) return error;
  }
  clock_->scheduler().call_at(clock_->now() + Micros(for_ms * 1000), [targets, which] {
    std::string ignored;  // restoring what could be cut cannot fail
    for (Device* target : targets) target->set_link_up(which, true, ignored);
  });
  return "";
}

std::string Session::set(const std::string& device_name, const std::string& what,
                         const nlohmann::json& value) {
  Device* target = device(device_name);
  if (target == nullptr) return "no device '" + device_name + "'";
  std::string error;
  if (!target->set(what, value, error)) return error;
  clock_->run_due();
  return "";
}

}  // namespace hil::scenario
