// `hilbench kinds [--markdown]`: the device families this build knows, with their options, links
// and `set:` controls, as JSON (for people and for editors that check scenario files) or as the
// Markdown tables of docs/scenarios.md.
#include <iostream>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/scenario/family.h"

namespace hil::cli {

int print_kinds(bool markdown) {
  const auto& families = scenario::FamilyRegistry::builtin();
  if (markdown) {
    std::cout << scenario::options_markdown(families);
  } else {
    std::cout << scenario::describe_families(families).dump(2) << '\n';
  }
  return 0;
}

int kinds_command(const std::vector<std::string>& args) {
  CommandFlags flags("kinds", "hilbench kinds [--markdown]");
  flags.add()("markdown",
              "the options as Markdown tables (what docs/scenarios.md holds) instead of JSON");
  if (const auto done = flags.parse(args)) return *done;
  return print_kinds(flags.given("markdown"));
}

}  // namespace hil::cli
