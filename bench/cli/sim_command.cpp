// `hilbench sim KIND ...`: a simulated device of a family on real transports, until SIGINT/SIGTERM;
// each family's row says how (its `process`).
#include <iostream>

#include "bench/cli/commands.h"
#include "bench/cli/usage_error.h"
#include "bench/scenario/family.h"

namespace hil::cli {

int sim_command(const std::vector<std::string>& args) {
  const auto& families = scenario::FamilyRegistry::builtin();
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::ostream& out = args.empty() ? std::cerr : std::cout;
    out << "usage: hilbench sim <kind> [options]\n\nkinds:\n";
    for (const auto& family : families.rows()) {
      if (family.process.run)
        out << "  " << family.kind << "  " << family.process.usage << "\n      " << family.summary
            << '\n';
    }
    out << "\nRun `hilbench sim <kind> --help` for its options.\n";
    return args.empty() ? 2 : 0;
  }
  const scenario::Family* family = families.find(args[0]);
  if (family == nullptr || !family->process.run) {
    std::string known;
    for (const auto& row : families.rows()) {
      if (row.process.run) known += (known.empty() ? "" : ", ") + row.kind;
    }
    return usage_error("sim", "unknown device kind '" + args[0] + "' (known: " + known + ")");
  }
  return family->process.run(std::vector<std::string>(args.begin() + 1, args.end()));
}

}  // namespace hil::cli
