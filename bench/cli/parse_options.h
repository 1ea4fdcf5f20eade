// The one command-line parser of every subcommand: its flags (each value checked, see
// flag_values.h), --help and --log-level, the words that are not flags, and usage errors naming
// the flag at fault.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "bench/cli/flag_values.h"
#include "bench/cli/usage_error.h"
#include "bench/log/log_level.h"

namespace hil::cli {

class CommandFlags {
 public:
  // `command` as typed after "hilbench" ("sim stepper"); `usage` the line --help starts with.
  CommandFlags(std::string command, std::string usage);
  CommandFlags(const CommandFlags&) = delete;  // the flags point into it
  CommandFlags& operator=(const CommandFlags&) = delete;

  // Declares flags: add()("seed", number(&seed)->default_value(1), "what it does").
  boost::program_options::options_description_easy_init add() { return desc_.add_options(); }
  // Words that are not flags go to the flag `name` (declared with add()), at most `most` of them;
  // without this, any such word is refused.
  void take_words(std::string name, int most = -1);

  // nullopt to go on; else the exit code: 0 after --help (the usage and the flags on stdout),
  // 2 after a usage error.
  std::optional<int> parse(const std::vector<std::string>& args);

  // The flag was on the command line (not only its default).
  bool given(const std::string& name) const;
  // A usage error found after parsing: "hilbench <command>: <why>", exit code 2.
  int refuse(const std::string& why) const { return usage_error(command_, why); }
  const std::string& command() const { return command_; }
  // --log-level: the least level of the lines the process's log writes.
  bench::LogLevel log_level() const;

 private:
  void name_words(boost::program_options::parsed_options& parsed) const;

  std::string command_;
  std::string usage_;
  boost::program_options::options_description desc_;
  std::string words_flag_;
  int most_words_ = 0;
  boost::program_options::variables_map values_;
  std::string log_level_;
};

}  // namespace hil::cli
