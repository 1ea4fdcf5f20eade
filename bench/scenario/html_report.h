// A self-contained HTML report: per scenario, the outcome, plots of device state over time
// (stepper positions and thermal budgets) and a timeline of every link on one clock.
#pragma once

#include <ostream>
#include <vector>

#include "bench/scenario/runner.h"

namespace hil::scenario {

void write_html(std::ostream& out, const std::vector<ScenarioResult>& results);

}  // namespace hil::scenario
