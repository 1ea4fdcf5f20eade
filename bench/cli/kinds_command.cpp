// `hilbench kinds [--markdown]`: the device families this build knows, with their options, links
// and `set:` controls, as JSON (for people and for editors that check scenario files) or as the
// Markdown tables of docs/scenarios.md.
#include <boost/program_options.hpp>
#include <iostream>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/scenario/family.h"

namespace po = boost::program_options;

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
  po::options_description desc("hilbench kinds options");
  desc.add_options()("help,h", "show this help")(
      "markdown", "the options as Markdown tables (what docs/scenarios.md holds) instead of JSON");
  po::variables_map vm;
  if (const auto done =
          parse_options("hilbench kinds", "hilbench kinds [--markdown]", args, desc, vm))
    return *done;
  return print_kinds(vm.count("markdown") != 0);
}

}  // namespace hil::cli
