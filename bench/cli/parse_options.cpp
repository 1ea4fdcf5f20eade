// The flag parsing every subcommand shares.
#include "bench/cli/parse_options.h"

#include <iostream>

namespace po = boost::program_options;

namespace hil::cli {

std::optional<int> parse_options(const std::string& command, const std::string& usage,
                                 const std::vector<std::string>& args,
                                 const po::options_description& desc, po::variables_map& vm,
                                 const po::positional_options_description* positional) {
  try {
    po::command_line_parser parser(args);
    parser.options(desc);
    if (positional != nullptr) parser.positional(*positional);
    po::store(parser.run(), vm);
    if (vm.count("help")) {
      std::cout << "usage: " << usage << '\n' << desc;
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << command << ": " << e.what() << '\n' << desc;
    return 2;
  }
  return std::nullopt;
}

}  // namespace hil::cli
