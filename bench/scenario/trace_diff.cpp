// Protocol-aware comparison of device output against a trace.
#include "bench/scenario/trace_diff.h"

#include <cmath>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>

namespace hil::scenario {
namespace {

using nlohmann::json;

// Keys whose values measure time. Durations compare directly; stamps (times since boot) compare
// after removing the constant offset between the two runs' boots.
bool is_duration(const std::string& key) { return key == "actual_ms"; }
bool is_stamp(const std::string& key) {
  return key == "started_ms" || key == "timestamp" || key == "uptime" || key == "uptime_s" ||
         key == "uptime_ms";
}

std::string without_ids(const std::string& text) {
  static const std::regex kUuid("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  return std::regex_replace(text, kUuid, "<id>");
}

class Comparer {
 public:
  explicit Comparer(const DiffOptions& options) : options_(options) {}

  // What differs between two payloads of one stream; empty when they are the same. Telemetry
  // payloads get the sampling tolerances.
  std::vector<std::string> compare(const LinkMessage& expected, const LinkMessage& actual,
                                   bool telemetry = false) {
    telemetry_ = telemetry;
    std::vector<std::string> out;
    const json e = json::parse(expected.payload, nullptr, false),
               a = json::parse(actual.payload, nullptr, false);
    if (e.is_object() && a.is_object()) {
      compare_json(e, a, "", expected.device, out);
    } else {
      compare_text(expected.payload, actual.payload, expected.device, out);
    }
    return out;
  }

  // Same kind of message (so that a difference is reported against it rather than as missing).
  static bool similar(const LinkMessage& expected, const LinkMessage& actual) {
    const json e = json::parse(expected.payload, nullptr, false),
               a = json::parse(actual.payload, nullptr, false);
    if (e.is_object() && a.is_object()) {
      return e.value("status", json()) == a.value("status", json()) &&
             e.value("action", json()) == a.value("action", json());
    }
    return expected.payload.substr(0, expected.payload.find(' ')) ==
           actual.payload.substr(0, actual.payload.find(' '));
  }

 private:
  bool ignored(const std::string& path) const {
    for (const auto& ignore : options_.ignore_paths) {
      if (path == ignore) return true;
    }
    return false;
  }

  bool time_equal(const std::string& key, std::int64_t e, std::int64_t a,
                  const std::string& device) {
    if (is_duration(key)) return std::llabs(a - e) <= options_.time_tolerance_ms;
    if (e == 0 || a == 0) return e == a;  // a stamp of 0: nothing happened yet
    const auto offset = offsets_.try_emplace(device, a - e).first->second;
    return std::llabs(a - e - offset) <= options_.time_tolerance_ms;
  }

  void compare_json(const json& e, const json& a, const std::string& path,
                    const std::string& device, std::vector<std::string>& out) {
    if (ignored(path)) return;
    if (e.is_object() && a.is_object()) {
      for (auto it = e.begin(); it != e.end(); ++it) {
        const std::string child = path.empty() ? it.key() : path + "." + it.key();
        if (ignored(child)) continue;
        if (!a.contains(it.key())) {
          out.push_back(child + ": expected " + it.value().dump() + ", missing");
          continue;
        }
        if ((is_duration(it.key()) || is_stamp(it.key())) && it.value().is_number_integer() &&
            a[it.key()].is_number_integer()) {
          if (!time_equal(it.key(), it.value().get<std::int64_t>(), a[it.key()].get<std::int64_t>(),
                          device)) {
            out.push_back(child + ": expected " + it.value().dump() + ", got " +
                          a[it.key()].dump());
          }
          continue;
        }
        if (telemetry_ && within_telemetry_tolerance(it.key(), it.value(), a[it.key()])) continue;
        compare_json(it.value(), a[it.key()], child, device, out);
      }
      for (auto it = a.begin(); it != a.end(); ++it) {
        const std::string child = path.empty() ? it.key() : path + "." + it.key();
        if (!e.contains(it.key()) && !ignored(child))
          out.push_back(child + ": not expected, got " + it.value().dump());
      }
      return;
    }
    if (e.is_array() && a.is_array() && e.size() == a.size()) {
      for (std::size_t i = 0; i < e.size(); ++i)
        compare_json(e[i], a[i], path + "." + std::to_string(i), device, out);
      return;
    }
    const bool same = e.is_string() && a.is_string()
                          ? without_ids(e.get<std::string>()) == without_ids(a.get<std::string>())
                          : e == a;
    if (!same)
      out.push_back((path.empty() ? "payload" : path) + ": expected " + e.dump() + ", got " +
                    a.dump());
  }

  void compare_text(const std::string& e, const std::string& a, const std::string& device,
                    std::vector<std::string>& out) {
    std::istringstream es(without_ids(e)), as(without_ids(a));
    std::vector<std::string> et, at;
    for (std::string t; es >> t;) et.push_back(t);
    for (std::string t; as >> t;) at.push_back(t);
    if (et.size() != at.size()) {
      out.push_back("expected \"" + e + "\", got \"" + a + "\"");
      return;
    }
    for (std::size_t i = 0; i < et.size(); ++i) {
      if (et[i] == at[i]) continue;
      const auto eq = et[i].find('='), aq = at[i].find('=');
      const std::string key = eq == std::string::npos ? "" : et[i].substr(0, eq);
      const bool same_key = !key.empty() && aq == eq && at[i].compare(0, aq, key) == 0;
      if (same_key && (is_duration(key) || is_stamp(key))) {
        char* end_e = nullptr;
        char* end_a = nullptr;
        const long long ev = std::strtoll(et[i].c_str() + eq + 1, &end_e, 10);
        const long long av = std::strtoll(at[i].c_str() + aq + 1, &end_a, 10);
        if (*end_e == '\0' && *end_a == '\0' && time_equal(key, ev, av, device)) continue;
      }
      // key: expected X, got Y -- or the whole token when it is not a k=v pair.
      out.push_back(same_key ? key + ": expected " + et[i].substr(eq + 1) + ", got " +
                                   at[i].substr(aq + 1)
                             : "expected \"" + et[i] + "\", got \"" + at[i] + "\"");
    }
    if (!out.empty()) out.back() += "  (in \"" + a + "\")";
  }

  bool within_telemetry_tolerance(const std::string& key, const json& e, const json& a) const {
    if (!e.is_number() || !a.is_number()) return false;
    const double diff = std::abs(e.get<double>() - a.get<double>());
    if (key == "position") return diff <= static_cast<double>(options_.position_tolerance_steps);
    if (key == "budget_s" || key == "ttfc_s") return diff <= options_.budget_tolerance_s + 1e-9;
    return false;
  }

  const DiffOptions& options_;
  bool telemetry_ = false;
  std::map<std::string, std::int64_t> offsets_;  // device -> boot offset of stamps, learned once
};

std::string stream_of(const LinkMessage& m) {
  return m.device + " " + m.link + (m.topic.empty() ? "" : " " + m.topic);
}

bool is_state_topic(const LinkMessage& m) {
  const auto ends = [&m](const std::string& leaf) {
    return m.topic.size() >= leaf.size() &&
           m.topic.compare(m.topic.size() - leaf.size(), leaf.size(), leaf) == 0;
  };
  return m.link == "mqtt" && (ends("/status") || ends("/config"));
}

std::string at(std::int64_t time_us) { return std::to_string(time_us / 1000) + " ms"; }

}  // namespace

std::vector<Difference> diff_outputs(const std::vector<LinkMessage>& expected,
                                     const std::vector<LinkMessage>& actual,
                                     const DiffOptions& options) {
  std::map<std::string, std::vector<const LinkMessage*>> want, got;
  for (const auto& m : expected) want[stream_of(m)].push_back(&m);
  for (const auto& m : actual) got[stream_of(m)].push_back(&m);
  Comparer comparer(options);
  std::vector<Difference> out;
  for (const auto& [stream, messages] : want) {
    auto& candidates = got[stream];
    std::vector<bool> used(candidates.size(), false);
    for (const LinkMessage* e : messages) {
      if (is_state_topic(*e)) {  // telemetry: the same content near the same time, any count
        const LinkMessage* nearest = nullptr;
        bool seen = false;
        for (const LinkMessage* a : candidates) {
          if (std::llabs(a->time_us - e->time_us) > options.telemetry_window_ms * 1000) continue;
          if (!nearest ||
              std::llabs(a->time_us - e->time_us) < std::llabs(nearest->time_us - e->time_us))
            nearest = a;
          if (comparer.compare(*e, *a, true).empty()) {
            seen = true;
            break;
          }
        }
        if (seen) continue;
        std::string text = "no payload like this within " +
                           std::to_string(options.telemetry_window_ms) + " ms: " + e->payload;
        if (nearest) {
          for (const auto& detail : comparer.compare(*e, *nearest, true)) {
            text += "\n    nearest (" + at(nearest->time_us) + "): " + detail;
          }
        }
        out.push_back(Difference{e->time_us, stream, text});
        continue;
      }
      // Responses and lines: in order, allowing a little reordering.
      std::optional<std::size_t> similar;
      bool matched = false;
      std::size_t looked = 0;
      for (std::size_t i = 0; i < candidates.size() && looked < options.reorder_window; ++i) {
        if (used[i]) continue;
        ++looked;
        if (comparer.compare(*e, *candidates[i]).empty()) {
          used[i] = matched = true;
          break;
        }
        if (!similar && Comparer::similar(*e, *candidates[i])) similar = i;
      }
      if (matched) continue;
      if (similar) {
        used[*similar] = true;
        std::string text;
        for (const auto& detail : comparer.compare(*e, *candidates[*similar]))
          text += (text.empty() ? "" : "; ") + detail;
        out.push_back(Difference{e->time_us, stream, text});
      } else {
        out.push_back(Difference{e->time_us, stream, "missing: " + e->payload});
      }
    }
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (!used[i] && !is_state_topic(*candidates[i])) {
        out.push_back(
            Difference{candidates[i]->time_us, stream, "unexpected: " + candidates[i]->payload});
      }
    }
  }
  for (const auto& [stream, candidates] : got) {  // streams the trace never had
    if (want.count(stream) != 0) continue;
    for (const LinkMessage* a : candidates) {
      if (!is_state_topic(*a))
        out.push_back(Difference{a->time_us, stream, "unexpected: " + a->payload});
    }
  }
  return out;
}

}  // namespace hil::scenario
