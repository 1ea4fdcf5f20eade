// The one command-line parser of every subcommand.
#include "bench/cli/parse_options.h"

#include <iostream>

namespace po = boost::program_options;

namespace hil::cli {

CommandFlags::CommandFlags(std::string command, std::string usage)
    : command_(std::move(command)),
      usage_(std::move(usage)),
      desc_("hilbench " + command_ + " options") {
  std::vector<std::string> levels;
  for (const auto level : {bench::LogLevel::kDebug, bench::LogLevel::kInfo,
                           bench::LogLevel::kWarning, bench::LogLevel::kError}) {
    levels.emplace_back(bench::to_string(level));
  }
  desc_.add_options()("help,h", "show this help")(
      "log-level", one_of(&log_level_, levels)->default_value("info"),
      "write log lines of this level and above on stderr: debug, info, warning or error");
}

bench::LogLevel CommandFlags::log_level() const {
  return bench::parse_log_level(log_level_).value_or(bench::LogLevel::kInfo);
}

void CommandFlags::take_words(std::string name, int most) {
  words_flag_ = std::move(name);
  most_words_ = most;
}

std::optional<int> CommandFlags::parse(const std::vector<std::string>& args) {
  try {
    po::parsed_options parsed = po::command_line_parser(args).options(desc_).run();
    name_words(parsed);
    po::store(parsed, values_);
    if (values_.count("help") != 0) {
      std::cout << "usage: " << usage_ << '\n' << desc_;
      return 0;
    }
    po::notify(values_);
  } catch (const po::error& e) {
    return refuse(e.what());
  }
  return std::nullopt;
}

// Program_options would drop a word that no flag takes without a word: each is named here.
void CommandFlags::name_words(po::parsed_options& parsed) const {
  int words = 0;
  for (po::option& option : parsed.options) {
    if (!option.string_key.empty()) continue;
    const std::string word = option.value.empty() ? "" : option.value.front();
    if (words_flag_.empty() || (most_words_ >= 0 && words >= most_words_)) {
      throw po::error("unexpected word '" + word + "'");
    }
    option.string_key = words_flag_;
    ++words;
  }
}

bool CommandFlags::given(const std::string& name) const {
  const auto it = values_.find(name);
  return it != values_.end() && !it->second.defaulted();
}

}  // namespace hil::cli
