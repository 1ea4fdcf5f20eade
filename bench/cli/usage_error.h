// How every subcommand refuses its command line: one line on stderr and exit code 2.
#pragma once

#include <string_view>

namespace hil::cli {

inline constexpr int kExitUsage = 2;

// Prints "hilbench <command>: <why>" on stderr and returns kExitUsage. `command` is what the user
// typed after "hilbench" ("sim stepper"); empty for the program itself.
int usage_error(std::string_view command, std::string_view why);

}  // namespace hil::cli
