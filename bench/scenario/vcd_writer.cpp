// A scenario run as a Value Change Dump.
#include "bench/scenario/vcd_writer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
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

// Signals grouped in scopes, and their values over time.
class Dump {
 public:
  // The signal `name` in scope `device`, or in `device`.`group` when a group is given; added on
  // first use.
  std::size_t signal(const std::string& device, const std::string& group, const std::string& name,
                     int width) {
    const auto [it, added] =
        by_name_.emplace(std::make_tuple(device, group, name), signals_.size());
    if (added) signals_.push_back(Signal{identifier(signals_.size()), width});
    return it->second;
  }
  // A value at a time; a later set at the same time replaces it.
  void set(std::int64_t time_us, std::size_t signal, std::string value) {
    changes_[time_us][signal] = std::move(value);
  }
  // A value at a time unless one is set there already: a pulse's end yields to the next pulse.
  void set_unless_set(std::int64_t time_us, std::size_t signal, std::string value) {
    changes_[time_us].emplace(signal, std::move(value));
  }
  void write(std::ostream& out, const std::string& title, std::int64_t end_us) const;

 private:
  struct Signal {
    std::string id;
    int width;
  };

  void write_header(std::ostream& out, const std::string& title) const;
  void write_changes(std::ostream& out, std::int64_t end_us) const;
  std::string line(std::size_t signal, const std::string& value) const {
    return signals_[signal].width == 1 ? value + signals_[signal].id
                                       : value + ' ' + signals_[signal].id;
  }

  // (device, group, name) -> index in signals_; its order is the order of the scopes.
  std::map<std::tuple<std::string, std::string, std::string>, std::size_t> by_name_;
  std::vector<Signal> signals_;
  std::map<std::int64_t, std::map<std::size_t, std::string>> changes_;
};

void Dump::write(std::ostream& out, const std::string& title, std::int64_t end_us) const {
  write_header(out, title);
  write_changes(out, end_us);
}

void Dump::write_header(std::ostream& out, const std::string& title) const {
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
  out << "$enddefinitions $end\n";
}

// Every signal's value at 0 (x until known), then only the values that change, time by time.
void Dump::write_changes(std::ostream& out, std::int64_t end_us) const {
  const auto at_zero = changes_.find(0);
  std::vector<std::string> current;
  out << "#0\n$dumpvars\n";
  for (std::size_t signal = 0; signal < signals_.size(); ++signal) {
    const bool known = at_zero != changes_.end() && at_zero->second.count(signal) != 0;
    current.push_back(known                         ? at_zero->second.at(signal)
                      : signals_[signal].width == 1 ? "x"
                                                    : "bx");
    out << line(signal, current.back()) << '\n';
  }
  out << "$end\n";
  std::int64_t last_us = 0;
  for (const auto& [time_us, values] : changes_) {
    std::string lines;
    for (const auto& [signal, value] : values) {
      if (current[signal] == value) continue;
      current[signal] = value;
      lines += line(signal, value) + '\n';
    }
    if (lines.empty()) continue;
    out << '#' << time_us << '\n' << lines;
    last_us = time_us;
  }
  if (end_us > last_us) out << '#' << end_us << '\n';  // so that viewers show the whole run
}

std::size_t event_wire(Dump& dump, const std::string& device, const std::string& name) {
  const std::size_t wire = dump.signal(device, "", name, 1);
  dump.set_unless_set(0, wire, "0");
  return wire;
}

// Every link's wires are declared up front, so that each starts at 0: inputs for what can be sent
// to it, outputs for what it can say (a state link carries no messages at all).
void add_pulses(Dump& dump, const ScenarioResult& result,
                const std::map<std::string, const Family*>& families) {
  for (const auto& [device, family] : families) {
    for (const LinkSpec& link : family->links) {
      if (link.sent()) event_wire(dump, device, link.name + "_in");
      if (link.shape != LinkShape::kSignals && link.shape != LinkShape::kState)
        event_wire(dump, device, link.name + "_out");
    }
  }
  for (const LinkMessage& message : result.messages) {
    if (message.lost) continue;
    const std::size_t wire =
        event_wire(dump, message.device, message.link + (message.inbound ? "_in" : "_out"));
    dump.set(message.time_us, wire, "1");
    dump.set_unless_set(message.time_us + 1, wire, "0");
  }
}

void add_integer(Dump& dump, std::int64_t time_us, const std::string& device,
                 const std::string& group, const std::string& name, const nlohmann::json& value,
                 double scale) {
  if (!value.is_number()) return;
  const auto number = std::llround(value.get<double>() * scale);
  dump.set(time_us, dump.signal(device, group, name, kIntegerWidth), binary(number));
}

void add_bit(Dump& dump, std::int64_t time_us, const std::string& device, const std::string& group,
             const std::string& name, const nlohmann::json& value) {
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
void add_snapshot(Dump& dump, std::int64_t time_us, const std::string& device,
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

void write_vcd(std::ostream& out, const ScenarioResult& result, const FamilyRegistry& families) {
  Dump dump;
  const auto of = families.by_name(result.devices);
  add_pulses(dump, result, of);
  for (const StateSample& sample : result.samples) {
    for (const auto& device : sample.devices.items()) {
      const auto family = of.find(device.key());
      if (family != of.end())
        add_snapshot(dump, sample.time_us, device.key(), device.value(), *family->second);
    }
  }
  dump.write(out, result.name, result.virtual_us);
}

}  // namespace hil::scenario
