// Target files that fuzzing found refused by crashing or loaded as nonsense, now refused with their
// location (tests/fuzz/corpus/target_file/regression-*).
#include "bench/scenario/target_file.h"

#include <gtest/gtest.h>

#include <string>
#include <variant>

namespace hil::scenario {
namespace {

std::string refusal(const std::string& text) {
  const auto loaded = load_target_text(text, "t.yaml");
  const auto* error = std::get_if<LoadError>(&loaded);
  return error == nullptr ? "loaded" : error->to_string();
}

TEST(TargetFile, ADeviceNamedAsAScenarioNamesItLoads) {
  const auto loaded = load_target_text("devices:\n  node-1: {serial: /dev/ttyUSB0}\n", "t.yaml");
  ASSERT_TRUE(std::holds_alternative<Target>(loaded));
  EXPECT_EQ(std::get<Target>(loaded).devices.at("node-1").serial, "/dev/ttyUSB0");
}

TEST(TargetFile, RegressionComplexKeyIsRefusedWhereItStands) {
  EXPECT_EQ(refusal("devices:\n  ? [a]\n  : {serial: /dev/x}\n"),
            "t.yaml:2:5: keys in a target file must be plain names");
}

TEST(TargetFile, RegressionDeviceNameWithControlCharactersIsRefused) {
  EXPECT_EQ(refusal(std::string("devices:\n  \x0e"
                                "dac\0_id: {mqtt: x}\n",
                                31)),
            "t.yaml:2:3: a device name is a scenario's device name: [A-Za-z_][A-Za-z0-9_-]*");
  EXPECT_EQ(refusal("devices:\n  2nd: {serial: /dev/x}\n"),
            "t.yaml:2:3: a device name is a scenario's device name: [A-Za-z_][A-Za-z0-9_-]*");
}

}  // namespace
}  // namespace hil::scenario
