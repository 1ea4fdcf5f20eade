// Runs a scenario's steps through a Session.
#include "bench/scenario/runner.h"

#include <algorithm>
#include <chrono>
#include <regex>
#include <unordered_map>

#include "bench/scenario/matching.h"

namespace hil::scenario {
namespace {

// The sample period: as asked, or longer for a long limit, so that a 24-hour soak takes thousands
// of snapshots (each a parsed status payload) rather than 864,000.
std::int64_t sample_period_ms(const Scenario& scenario, const RunOptions& options) {
  if (options.sample_every_ms <= 0 || options.max_samples <= 0) return options.sample_every_ms;
  const std::int64_t spread_ms =
      (scenario.limit_ms + options.max_samples - 1) / options.max_samples;
  return std::max(options.sample_every_ms, spread_ms);
}

class Run {
 public:
  Run(const Scenario& scenario, const RunOptions& options)
      : scenario_(scenario), options_(options) {
    SessionOptions session{options.seed, scenario.limit_ms, sample_period_ms(scenario, options)};
    session.keep_history = options.keep_history;
    session_ = options.make_session ? options.make_session(session) : Session::simulated(session);
    if (!options.observers.empty()) {
      session_->observe([this](const LinkMessage& message) { observe(message); },
                        [this](const StateSample& sample) { observe(sample); });
    }
  }

  ScenarioResult go() {
    const auto wall_start = std::chrono::steady_clock::now();
    wall_deadline_ = wall_start + std::chrono::milliseconds(options_.wall_limit_ms);
    result_.name = scenario_.name;
    result_.file = scenario_.where.file;
    result_.clock = session_->clock_mode();
    const bool made = make_devices();
    begin();
    if (made) result_.passed = run_steps(scenario_.steps);
    result_.devices = session_->describe_devices();
    result_.virtual_us = session_->now_us();
    result_.samples = session_->take_samples();
    result_.message_count = session_->message_count();
    result_.messages = session_->take_messages();  // moved: a long run holds hundreds of MB of them
    result_.waveforms = session_->waveforms();
    result_.wall_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start)
            .count();
    for (RunObserver* observer : options_.observers) observer->end(result_);
    return std::move(result_);
  }

 private:
  // The observers hear of the run once its devices exist; what those said while starting waits.
  void begin() {
    result_.devices = session_->describe_devices();
    for (RunObserver* observer : options_.observers) observer->begin(result_);
    begun_ = true;
    for (const LinkMessage& message : early_messages_) observe(message);
    for (const StateSample& sample : early_samples_) observe(sample);
    early_messages_.clear();
    early_samples_.clear();
  }
  void observe(const LinkMessage& message) {
    if (!begun_) {
      early_messages_.push_back(message);
      return;
    }
    for (RunObserver* observer : options_.observers) observer->message(message);
  }
  void observe(const StateSample& sample) {
    if (!begun_) {
      early_samples_.push_back(sample);
      return;
    }
    for (RunObserver* observer : options_.observers) observer->sample(sample);
  }

  bool make_devices() {
    for (const DeviceSpec& spec : scenario_.devices) {
      if (const std::string error = session_->add_device(spec); !error.empty())
        return fail(spec.where, error);
    }
    return true;
  }

  bool fail(const Location& where, std::string message, std::string expected = {},
            std::vector<std::string> nearest = {}) {
    result_.failure =
        StepFailure{where, std::move(message), std::move(expected), std::move(nearest)};
    return false;
  }

  bool check(const Step& step, const std::string& error) {
    return error.empty() || fail(step.where, error);
  }

  bool run_steps(const std::vector<Step>& steps) {
    for (const Step& step : steps) {
      if (std::chrono::steady_clock::now() > wall_deadline_) {
        return fail(step.where, "the run took longer than " +
                                    std::to_string(options_.wall_limit_ms) + " ms of wall time");
      }
      ++result_.steps_run;
      if (!std::visit([&](const auto& body) { return run(step, body); }, step.body)) return false;
    }
    return true;
  }

  bool run(const Step&, const RepeatStep& repeat) {
    for (int i = 0; i < repeat.count; ++i) {
      vars_["repeat_index"] = i;
      if (!run_steps(repeat.steps)) return false;
    }
    return true;
  }

  bool run(const Step& step, const AdvanceStep& advance) {
    return check(step, session_->advance(advance.ms));
  }

  bool run(const Step& step, const SendStep& send) {
    std::string missing;
    std::optional<std::string> payload;
    if (send.json) {
      if (const auto json = substitute(*send.json, vars_, missing)) payload = json->dump();
    } else {
      payload = substitute(send.text, vars_, missing);
    }
    if (!payload) return fail(step.where, "undefined variable ${" + missing + "}");
    return check(step, session_->send(send.to.device, send.to.link, send.to.topic, *payload));
  }

  // The step's query with ${variables} filled in (escaped inside regexes), and how to show it.
  bool make_query(const Step& step, const LinkRef& on, const Matcher& match, StreamQuery& query,
                  std::string& shown) {
    query = StreamQuery{on.device, on.link, on.topic, std::nullopt, std::nullopt};
    shown = on.device + " " + on.link;
    if (session_->publishes(on.device, on.link))
      shown += " " + session_->resolve_topic(on.device, on.topic, false);
    std::string missing;
    if (match.regex) {
      const auto pattern = substitute(*match.regex, vars_, missing, true);
      if (!pattern) return fail(step.where, "undefined variable ${" + missing + "}");
      query.regex = compiled(*pattern);
      shown += " /" + *pattern + "/";
    }
    if (match.json_subset) {
      query.subset = substitute(*match.json_subset, vars_, missing);
      if (!query.subset) return fail(step.where, "undefined variable ${" + missing + "}");
      shown += " " + query.subset->dump();
    }
    return true;
  }

  // A regex compiled once per pattern: a repeat's expects compile the same few patterns thousands
  // of times otherwise (copies share the compiled automaton). Patterns holding captured ids differ
  // every time, so the cache is emptied when it grows large.
  const std::regex& compiled(const std::string& pattern) {
    constexpr std::size_t kMaxCached = 256;
    if (const auto it = regexes_.find(pattern); it != regexes_.end()) return it->second;
    if (regexes_.size() >= kMaxCached) regexes_.clear();
    return regexes_.emplace(pattern, std::regex(pattern)).first->second;
  }

  bool run(const Step& step, const ExpectStep& expect) {
    StreamQuery query;
    std::string shown;
    if (!make_query(step, expect.on, expect.match, query, shown)) return false;
    ExpectOutcome outcome = session_->expect(query, expect.timeout_ms);
    if (!outcome.match) return fail(step.where, outcome.error, shown, std::move(outcome.nearest));
    return capture(step, expect, *outcome.match);
  }

  bool run(const Step& step, const ExpectNoneStep& none) {
    StreamQuery query;
    std::string shown;
    if (!make_query(step, none.on, none.match, query, shown)) return false;
    const ExpectOutcome outcome = session_->expect_none(query, none.for_ms);
    if (!outcome.error.empty()) return fail(step.where, outcome.error);
    if (!outcome.match) return true;
    const LinkMessage& seen = outcome.match->message;
    return fail(step.where,
                "a message matched during the " + std::to_string(none.for_ms) + " ms window",
                "none of " + shown,
                {std::to_string(seen.time_us / 1000) + " ms " +
                 (seen.topic.empty() ? "" : seen.topic + " ") + seen.payload});
  }

  bool run(const Step& step, const FaultStep& fault) {
    return check(step, session_->fault(fault.kind, fault.device, fault.link, fault.for_ms,
                                       fault.share, fault.delay_ms));
  }

  bool run(const Step& step, const SetStep& set) {
    return check(step, session_->set(set.device, set.what, set.value));
  }

  bool capture(const Step& step, const ExpectStep& expect, const Match& match) {
    std::optional<nlohmann::json> doc;
    for (const auto& [name, source] : expect.capture) {
      if (expect.match.regex && !source.empty() &&
          source.find_first_not_of("0123456789") == std::string::npos) {
        const std::size_t group = std::stoul(source);
        if (group >= match.groups.size() || !match.groups[group]) {
          return fail(step.where, "capture '" + name + "': the regex has no group " + source +
                                      " in this match");
        }
        vars_[name] = *match.groups[group];  // a string
        continue;
      }
      if (!doc) doc = nlohmann::json::parse(match.message.payload, nullptr, false);
      const auto value = doc->is_discarded() ? std::nullopt : json_path(*doc, source);
      if (!value)
        return fail(step.where,
                    "capture '" + name + "': no '" + source + "' in " + match.message.payload);
      vars_[name] = *value;
    }
    return true;
  }

  const Scenario& scenario_;
  const RunOptions& options_;
  std::unique_ptr<Session> session_;
  ScenarioResult result_;
  Variables vars_;
  std::unordered_map<std::string, std::regex> regexes_;
  std::chrono::steady_clock::time_point wall_deadline_;
  bool begun_ = false;
  std::vector<LinkMessage> early_messages_;
  std::vector<StateSample> early_samples_;
};

}  // namespace

ScenarioResult run_scenario(const Scenario& scenario, const RunOptions& options) {
  return Run(scenario, options).go();
}

}  // namespace hil::scenario
