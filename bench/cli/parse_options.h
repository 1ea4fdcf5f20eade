// The flag parsing every subcommand shares.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

namespace hil::cli {

// Parses `args` into `vm`. An exit code when the command should stop here: 0 after --help (`usage`
// and the options on stdout), 2 after a bad or missing flag ("<command>: <why>" and the options
// on stderr); nullopt to go on.
std::optional<int> parse_options(
    const std::string& command, const std::string& usage, const std::vector<std::string>& args,
    const boost::program_options::options_description& desc,
    boost::program_options::variables_map& vm,
    const boost::program_options::positional_options_description* positional = nullptr);

}  // namespace hil::cli
