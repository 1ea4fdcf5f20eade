// Target files: devices on QEMU boards, and files that fuzzing found refused by crashing or loaded
// as nonsense, now refused with their location (tests/fuzz/corpus/target_file/regression-*).
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

TEST(TargetFile, AQemuDeviceHasItsImageBesideTheTargetFileAndTheDefaultBoard) {
  const auto loaded =
      load_target_text("devices:\n  node: {node_id: n1, qemu: {image: fw/stepper_node.elf}}\n",
                       "lab/targets/t.yaml");
  ASSERT_TRUE(std::holds_alternative<Target>(loaded));
  const Target& target = std::get<Target>(loaded);
  EXPECT_EQ(target.qemu.at("node").image, "lab/targets/fw/stepper_node.elf");
  EXPECT_EQ(target.qemu.at("node").board, "mps2-an385");
  EXPECT_EQ(target.devices.at("node").node_id, "n1");
  EXPECT_EQ(target.devices.at("node").serial, "");  // the board's PTY, once it runs
}

TEST(TargetFile, AQemuImageGivenAbsoluteStaysSoAndTheBoardCanBeNamed) {
  const auto loaded = load_target_text(
      "devices:\n  mcu:\n    qemu: {image: /images/mcu.elf, board: mps2-an385}\n", "lab/t.yaml");
  ASSERT_TRUE(std::holds_alternative<Target>(loaded));
  EXPECT_EQ(std::get<Target>(loaded).qemu.at("mcu").image, "/images/mcu.elf");
}

TEST(TargetFile, QemuDevicesAreRefusedWithWhereAndWhy) {
  EXPECT_EQ(refusal("devices:\n  n: {qemu: {image: a.elf, board: lm3s6965evb}}\n"),
            "t.yaml:2:35: unknown QEMU board 'lm3s6965evb'; known: mps2-an385");
  EXPECT_EQ(refusal("devices:\n  n: {qemu: {board: mps2-an385}}\n"),
            "t.yaml:2:13: 'qemu' needs 'image', the firmware to run");
  EXPECT_EQ(refusal("devices:\n  n: {qemu: {image: a.elf, cpu: m3}}\n"),
            "t.yaml:2:28: unknown key 'cpu' in 'qemu'; allowed: image, board");
  EXPECT_EQ(refusal("devices:\n  n: {qemu: a.elf}\n"),
            "t.yaml:2:13: 'qemu' must be a mapping: {image: FIRMWARE.elf, board: BOARD}");
  EXPECT_EQ(refusal("devices:\n  n: {qemu: {image: ''}}\n"),
            "t.yaml:2:21: 'image' must be a non-empty string");
  EXPECT_EQ(refusal("devices:\n  n: {qemu: {image: a.elf}, mqtt: mqtt://127.0.0.1:1883}\n"),
            "t.yaml:2:29: a device with 'qemu' has no MQTT link (the board has no network); "
            "remove 'mqtt'");
  EXPECT_EQ(refusal("devices:\n  n: {serial: /dev/ttyUSB0, qemu: {image: a.elf}}\n"),
            "t.yaml:2:7: a device with 'qemu' gets its serial port from the board; remove "
            "'serial'");
  EXPECT_EQ(refusal("devices:\n  n: {node_id: x}\n"),
            "t.yaml:2:6: a target device needs 'serial', 'mqtt' or both, or 'qemu'");
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
