// A scenario run as a Value Change Dump.
#include "bench/scenario/vcd_writer.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace hil::scenario {
namespace {

constexpr int kIntegerWidth = 32;

// The n-th identifier code, in base 92: printable ASCII from '!' to '~' (§18.2.1) except '#' and
// '$', which simple readers would take for a time or a keyword.
std::string identifier(std::size_t index) {
  static const std::string kDigits = [] {
    std::string digits;
    for (char c = '!'; c <= '~'; ++c) {
      if (c != '#' && c != '$') digits += c;
    }
    return digits;
  }();
  std::string id;
  do {
    id += kDigits[index % kDigits.size()];
    index /= kDigits.size();
  } while (index > 0);
  return id;
}

// A scope or variable name viewers accept: letters, digits and '_'.
std::string reference(const std::string& name) {
  std::string out = name.empty() ? "_" : name;
  for (char& c : out) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  }
  return out;
}

// A 32-bit two's complement value in binary, leading zeros left out (they are implied).
std::string binary(std::int64_t value) {
  const std::int64_t clamped = std::clamp<std::int64_t>(
      value, std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max());
  const auto bits = static_cast<std::uint32_t>(static_cast<std::int32_t>(clamped));
  std::string out = "b";
  for (int bit = kIntegerWidth - 1; bit >= 0; --bit) {
    const bool one = ((bits >> bit) & 1U) != 0;
    if (one || out.size() > 1 || bit == 0) out += one ? '1' : '0';
  }
  return out;
}

}  // namespace

// Signals grouped in scopes, and their values over time: changes are written to the body as time
// moves past them; the values at 0 are kept for $dumpvars, which goes ahead of the body.
class VcdDump {
 public:
  explicit VcdDump(std::ostream& body) : body_(body) {}
  // The signal `name` in scope `device`, or in `device`.`group` when a group is given; added on
  // first use.
  std::size_t signal(const std::string& device, const std::string& group, const std::string& name,
                     int width) {
    const auto [it, added] =
        by_name_.emplace(std::make_tuple(device, group, name), signals_.size());
    if (added) {
      signals_.push_back(Signal{identifier(signals_.size()), width});
      current_.emplace_back(width == 1 ? "x" : "bx");
      initial_.push_back(current_.back());
      set_at_zero_.push_back(false);
    }
    return it->second;
  }
  // Time has come to `now_us`: what changed before it is written.
  void now(std::int64_t now_us) { write_before(now_us); }
  // A value at a time; a later set at the same time replaces it. Times come in order; one from
  // before what was written already (a sample repeated to keep a plot flat) counts as now.
  void set(std::int64_t time_us, std::size_t signal, std::string value) {
    if (time_us == 0) {
      set_at_zero_[signal] = true;
      initial_[signal] = current_[signal] = std::move(value);
      return;
    }
    changes_at(time_us)[signal] = std::move(value);
  }
  // A value at a time unless one is set there already: a pulse's end yields to the next pulse.
  void set_unless_set(std::int64_t time_us, std::size_t signal, std::string value) {
    if (time_us == 0) {
      if (!set_at_zero_[signal]) set(0, signal, std::move(value));
      return;
    }
    changes_at(time_us).emplace(signal, std::move(value));
  }
  // Writes what is pending, and the end time so that viewers show the whole run.
  void finish(std::int64_t end_us) {
    write_before(std::numeric_limits<std::int64_t>::max());
    if (end_us > last_us_) body_ << '#' << end_us << '\n';
  }
  void write_head(std::ostream& out, const std::string& title) const;

 private:
  struct Signal {
    std::string id;
    int width;
  };

  std::map<std::size_t, std::string>& changes_at(std::int64_t time_us) {
    return pending_[std::max(time_us, written_until_ + 1)];
  }
  // Only the values that change, time by time.
  void write_before(std::int64_t time_us) {
    while (!pending_.empty() && pending_.begin()->first < time_us) {
      const auto& [at_us, values] = *pending_.begin();
      std::string lines;
      for (const auto& [signal, value] : values) {
        if (current_[signal] == value) continue;
        current_[signal] = value;
        lines += line(signal, value) + '\n';
      }
      if (!lines.empty()) {
        body_ << '#' << at_us << '\n' << lines;
        last_us_ = at_us;
      }
      written_until_ = at_us;
      pending_.erase(pending_.begin());
    }
  }
  std::string line(std::size_t signal, const std::string& value) const {
    return signals_[signal].width == 1 ? value + signals_[signal].id
                                       : value + ' ' + signals_[signal].id;
  }

  std::ostream& body_;
  // (device, group, name) -> index in signals_; its order is the order of the scopes.
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> by_name_;
  std::vector<Signal> signals_;
  std::vector<std::string> current_;  // each signal's value as written so far
  std::vector<std::string> initial_;  // at 0 (x until known)
  std::vector<bool> set_at_zero_;
  std::map<std::int64_t, std::map<std::size_t, std::string>> pending_;  // a pulse's end, at most
  std::int64_t written_until_ = 0;
  std::int64_t last_us_ = 0;
};

void VcdDump::write_head(std::ostream& out, const std::string& title) const {
  std::string comment = title;
  comment.erase(std::remove(comment.begin(), comment.end(), '$'), comment.end());
  out << "$comment " << comment << " $end\n$version hilbench $end\n$timescale 1 us $end\n";
  const std::string* device = nullptr;
  const std::string* group = nullptr;
  for (const auto& [names, index] : by_name_) {
    const auto& [signal_device, signal_group, name] = names;
    if (device == nullptr || *device != signal_device) {
      if (group != nullptr && !group->empty()) out << "$upscope $end\n";
      if (device != nullptr) out << "$upscope $end\n";
      out << "$scope module " << reference(signal_device) << " $end\n";
      device = &signal_device;
      group = nullptr;
    }
    if (group == nullptr || *group != signal_group) {
      if (group != nullptr && !group->empty()) out << "$upscope $end\n";
      if (!signal_group.empty()) out << "$scope module " << reference(signal_group) << " $end\n";
      group = &signal_group;
    }
    const Signal& signal = signals_[index];
    out << "$var " << (signal.width == 1 ? "wire" : "integer") << ' ' << signal.width << ' '
        << signal.id << ' ' << reference(name) << " $end\n";
  }
  if (group != nullptr && !group->empty()) out << "$upscope $end\n";
  if (device != nullptr) out << "$upscope $end\n";
  out << "$enddefinitions $end\n#0\n$dumpvars\n";
  for (std::size_t signal = 0; signal < signals_.size(); ++signal)
    out << line(signal, initial_[signal]) << '\n';
  out << "$end\n";
}

namespace {

std::size_t event_wire(VcdDump& dump, const std::string& device, const std::string& name) {
  const std::size_t wire = dump.signal(device, "", name, 1);
  dump.set_unless_set(0, wire, "0");
  return wire;
}

// Every link's wires are declared up front, so that each starts at 0: inputs for what can be sent
// to it, outputs for what it can say (a state link carries no messages at all).
void declare_links(VcdDump& dump, const std::map<std::string, const Family*>& families) {
  for (const auto& [device, family] : families) {
    for (const LinkSpec& link : family->links) {
      if (link.sent()) event_wire(dump, device, link.name + "_in");
      if (link.shape != LinkShape::kSignals && link.shape != LinkShape::kState)
        event_wire(dump, device, link.name + "_out");
    }
  }
}

void pulse(VcdDump& dump, const LinkMessage& message) {
  if (message.lost) return;
  const std::size_t wire =
      event_wire(dump, message.device, message.link + (message.inbound ? "_in" : "_out"));
  dump.set(message.time_us, wire, "1");
  dump.set_unless_set(message.time_us + 1, wire, "0");
}

void add_integer(VcdDump& dump, std::int64_t time_us, const std::string& device,
                 const std::string& group, const std::string& name, const nlohmann::json& value,
                 double scale) {
  if (!value.is_number()) return;
  const auto number = std::llround(value.get<double>() * scale);
  dump.set(time_us, dump.signal(device, group, name, kIntegerWidth), binary(number));
}

void add_bit(VcdDump& dump, std::int64_t time_us, const std::string& device,
             const std::string& group, const std::string& name, const nlohmann::json& value) {
  if (!value.is_boolean()) return;
  dump.set(time_us, dump.signal(device, group, name, 1), value.get<bool>() ? "1" : "0");
}

// `object[key]`, or null when it is not there (without inserting it).
const nlohmann::json& member(const nlohmann::json& object, const char* key) {
  static const nlohmann::json kNull;
  const auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

// One device's snapshot: the signals its family names, an array of values one per element scope.
void add_snapshot(VcdDump& dump, std::int64_t time_us, const std::string& device,
                  const nlohmann::json& state, const Family& family) {
  const auto add = [&](const SignalSpec& signal, const std::string& group,
                       const nlohmann::json& value) {
    if (signal.scale == 0) {
      add_bit(dump, time_us, device, group, signal.signal, value);
    } else {
      add_integer(dump, time_us, device, group, signal.signal, value, signal.scale);
    }
  };
  for (const SignalSpec& signal : family.signals) {
    const nlohmann::json& values = member(state, signal.key.c_str());
    if (signal.element_scope.empty()) {
      add(signal, "", values);
      continue;
    }
    for (std::size_t id = 0; values.is_array() && id < values.size(); ++id) {
      add(signal, signal.element_scope + std::to_string(id), values[id]);
    }
  }
}

}  // namespace

VcdStream::VcdStream(std::ostream& out, std::iostream& body, const FamilyRegistry& families)
    : out_(out), body_(body), families_(families), dump_(std::make_unique<VcdDump>(body)) {}

VcdStream::~VcdStream() = default;

void VcdStream::begin(const ScenarioResult& started) {
  family_of_ = families_.by_name(started.devices);
  declare_links(*dump_, family_of_);
}

void VcdStream::message(const LinkMessage& message) {
  dump_->now(message.time_us);
  pulse(*dump_, message);
  check(body_);
}

void VcdStream::sample(const StateSample& sample) {
  dump_->now(sample.time_us);
  for (const auto& device : sample.devices.items()) {
    const auto family = family_of_.find(device.key());
    if (family != family_of_.end())
      add_snapshot(*dump_, sample.time_us, device.key(), device.value(), *family->second);
  }
  check(body_);
}

void VcdStream::check(std::ios& stream) {
  if (!stream && failure_.empty()) failure_ = std::strerror(errno);
}

void VcdStream::end(const ScenarioResult& result) {
  dump_->finish(result.virtual_us);
  body_.flush();
  check(body_);
  if (!failure_.empty()) return;
  dump_->write_head(out_, result.name);
  if (body_.tellp() > 0) {  // something after 0 (inserting an empty buffer would fail `out_`)
    body_.seekg(0);
    out_ << body_.rdbuf();
  }
  out_.flush();
  check(out_);
}

void write_vcd(std::ostream& out, const ScenarioResult& result, const FamilyRegistry& families) {
  std::stringstream body;
  VcdStream stream(out, body, families);
  stream.begin(result);
  // Messages and samples as the run handed them on: in time order.
  auto sample = result.samples.begin();
  for (const LinkMessage& message : result.messages) {
    for (; sample != result.samples.end() && sample->time_us <= message.time_us; ++sample)
      stream.sample(*sample);
    stream.message(message);
  }
  for (; sample != result.samples.end(); ++sample) stream.sample(*sample);
  stream.end(result);
}

}  // namespace hil::scenario
