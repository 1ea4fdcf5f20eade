// How every subcommand refuses its command line.
#include "bench/cli/usage_error.h"

#include <iostream>

namespace hil::cli {

int usage_error(std::string_view command, std::string_view why) {
  std::cerr << "hilbench" << (command.empty() ? "" : " ") << command << ": " << why << '\n';
  return kExitUsage;
}

}  // namespace hil::cli
