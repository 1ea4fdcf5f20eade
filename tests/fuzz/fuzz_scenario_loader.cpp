// Fuzz target: arbitrary text as a scenario file. A refusal says why and where (in this text, or
// in a file it includes); a scenario that loads holds together: named, with distinct declared
// devices of known kinds, and every step on a declared device and a link its kind has.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <variant>

#include "bench/scenario/scenario_loader.h"

namespace {

namespace fs = std::filesystem;
using hil::scenario::Scenario;

void check(bool condition) {
  if (!condition) std::abort();
}

// A folder for the fuzzed file, with a fragment it may include; removed at exit.
struct Folder {
  Folder()
      : path(fs::temp_directory_path() / ("hilbench-fuzz-scenario-" + std::to_string(::getpid()))) {
    fs::create_directories(path);
    std::ofstream(path / "_steps.yaml") << "- advance: 10\n- delay: 5\n";
    std::ofstream(path / "_bad.yaml") << "steps: [{advance: -1}]\n";
  }
  ~Folder() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  fs::path path;
};

void check_link(const Scenario& scenario, const std::string& device, const std::string& link) {
  for (const auto& spec : scenario.devices) {
    if (spec.name != device) continue;
    const hil::scenario::Family* family = hil::scenario::FamilyRegistry::builtin().find(spec.kind);
    check(family != nullptr && (link.empty() || family->has_link(link)));
    return;
  }
  std::abort();  // not a declared device
}

void check_steps(const Scenario& scenario, const std::vector<hil::scenario::Step>& steps) {
  for (const auto& step : steps) {
    check(!step.where.file.empty() && step.where.line >= 1);
    if (const auto* send = std::get_if<hil::scenario::SendStep>(&step.body)) {
      check_link(scenario, send->to.device, send->to.link);
      check(send->qos >= 0 && send->qos <= 2);
    } else if (const auto* expect = std::get_if<hil::scenario::ExpectStep>(&step.body)) {
      check_link(scenario, expect->on.device, expect->on.link);
      check(expect->match.regex.has_value() != expect->match.json_subset.has_value());
      check(expect->timeout_ms >= 0);
    } else if (const auto* none = std::get_if<hil::scenario::ExpectNoneStep>(&step.body)) {
      check_link(scenario, none->on.device, none->on.link);
      check(none->for_ms >= 1);
    } else if (const auto* set = std::get_if<hil::scenario::SetStep>(&step.body)) {
      check_link(scenario, set->device, "");
      check(!set->what.empty());
    } else if (const auto* fault = std::get_if<hil::scenario::FaultStep>(&step.body)) {
      if (!fault->device.empty()) check_link(scenario, fault->device, "");
      check(fault->share > 0 && fault->share <= 1);
    } else if (const auto* repeat = std::get_if<hil::scenario::RepeatStep>(&step.body)) {
      check(repeat->count >= 1);
      check_steps(scenario, repeat->steps);
    } else {
      check(std::get<hil::scenario::AdvanceStep>(step.body).ms >= 0);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Folder folder;
  const std::string text(reinterpret_cast<const char*>(data), size);
  // Includes may name any file; keep the fuzzer out of the kernel's pseudo-files.
  if (text.find("/proc") != std::string::npos || text.find("/sys") != std::string::npos) return 0;
  const std::string path = (folder.path / "fuzz.yaml").string();
  const auto loaded = hil::scenario::load_scenario_text(text, path);
  if (const auto* error = std::get_if<hil::scenario::LoadError>(&loaded)) {
    check(!error->message.empty() && !error->where.file.empty());
    check(error->where.line >= 0 && error->where.column >= 0);
    return 0;
  }
  const Scenario& scenario = std::get<Scenario>(loaded);
  check(!scenario.name.empty() && !scenario.devices.empty() && scenario.limit_ms >= 1);
  std::set<std::string> names;
  for (const auto& device : scenario.devices) {
    check(names.insert(device.name).second);  // distinct
    check(hil::scenario::FamilyRegistry::builtin().find(device.kind) != nullptr);
    check(device.options.is_object());
  }
  check_steps(scenario, scenario.steps);
  return 0;
}
