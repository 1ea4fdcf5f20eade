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

void write_html(std::ostream& out, const std::vector<ScenarioResult>& results,
                const FamilyRegistry& families = FamilyRegistry::builtin());

}  // namespace hil::scenario
