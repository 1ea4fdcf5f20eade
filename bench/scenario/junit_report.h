// JUnit XML for CI systems: one test case per scenario; a failure names its step, what it
// expected and the nearest messages it saw instead.
#pragma once

#include <ostream>
#include <vector>

#include "bench/scenario/runner.h"

namespace hil::scenario {

void write_junit(std::ostream& out, const std::vector<ScenarioResult>& results,
                 const std::string& suite_name);

}  // namespace hil::scenario
