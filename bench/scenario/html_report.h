// A self-contained HTML report: per scenario, the outcome, plots of device state over time
// (the charts each family's row names) and a timeline of every link on one clock.
#pragma once

#include <ostream>
#include <vector>

#include "bench/scenario/family.h"
#include "bench/scenario/runner.h"

namespace hil::scenario {

// The reports' style sheet (the fleet's report shares it).
extern const char* const kReportStyle;
// The timeline shows at most this many messages of a scenario; longer runs are cut, with a note.
constexpr std::size_t kTimelineRows = 3000;

// What the report needs of a run that keeps no history: its first messages (all the timeline
// shows) and its state samples (a few thousand at most: RunOptions::max_samples).
class ReportCollector : public RunObserver {
 public:
  void begin(const ScenarioResult&) override {}
  void message(const LinkMessage& message) override;
  void sample(const StateSample& sample) override { samples_.push_back(sample); }
  void end(const ScenarioResult&) override {}
  // Moves what it kept into the run's result.
  void fill(ScenarioResult& result);

 private:
  std::vector<LinkMessage> messages_;
  std::vector<StateSample> samples_;
};

void write_html(std::ostream& out, const std::vector<ScenarioResult>& results,
                const FamilyRegistry& families = FamilyRegistry::builtin());

}  // namespace hil::scenario
