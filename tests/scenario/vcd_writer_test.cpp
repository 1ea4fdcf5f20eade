// Covers bench/scenario/vcd_writer.h: the header, ordered times, values only on change, message
// pulses, identifiers, and a parse-back that reconstructs the sampled signals.
#include "bench/scenario/vcd_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace hil::scenario {
namespace {

using nlohmann::json;

// What a tiny VCD reader keeps: variables by hierarchical name, and every value written, in order.
struct ParsedVcd {
  std::string timescale;
  std::map<std::string, std::string> id_of;    // "node.motor0.position" -> identifier
  std::map<std::string, std::string> type_of;  // "node.motor0.position" -> "integer 32"
  std::vector<std::int64_t> times;             // every #time, in order
  std::map<std::string, std::vector<std::pair<std::int64_t, std::string>>> values;  // id -> (t, v)
  int open_scopes = 0;

  // The value of a variable at `time_us` (the last one written at or before it).
  std::string at(const std::string& name, std::int64_t time_us) const {
    std::string value = "?";
    for (const auto& [t, v] : values.at(id_of.at(name))) {
      if (t <= time_us) value = v;
    }
    return value;
  }
};

std::vector<std::string> tokens(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string token; in >> token;) out.push_back(token);
  return out;
}

ParsedVcd parse_vcd(const std::string& text) {
  ParsedVcd vcd;
  const auto words = tokens(text);
  std::vector<std::string> scopes;
  std::size_t i = 0;
  for (; i < words.size() && words[i] != "$enddefinitions"; ++i) {
    if (words[i] == "$timescale") vcd.timescale = words[i + 1] + " " + words[i + 2];
    if (words[i] == "$scope") scopes.push_back(words[i + 2]);
    if (words[i] == "$upscope") scopes.pop_back();
    if (words[i] == "$var") {
      std::string name;
      for (const auto& scope : scopes) name += scope + ".";
      vcd.id_of[name + words[i + 4]] = words[i + 3];
      vcd.type_of[name + words[i + 4]] = words[i + 1] + " " + words[i + 2];
    }
  }
  vcd.open_scopes = static_cast<int>(scopes.size());
  std::int64_t now = 0;
  for (i += 2; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "$dumpvars" || word == "$end") continue;
    if (word[0] == '#') {
      now = std::stoll(word.substr(1));
      vcd.times.push_back(now);
    } else if (word[0] == 'b') {
      vcd.values[words[i + 1]].emplace_back(now, word);
      ++i;
    } else {
      vcd.values[word.substr(1)].emplace_back(now, word.substr(0, 1));
    }
  }
  return vcd;
}

// A binary vector value as a signed 32-bit integer (leading zeros are implied).
std::int64_t integer(const std::string& value) {
  const std::string bits = value.substr(1);
  const auto raw = static_cast<std::int64_t>(std::stoull(bits, nullptr, 2));
  return bits.size() == 32 && bits[0] == '1' ? raw - (std::int64_t{1} << 32) : raw;
}

// A one-motor stepper snapshot: columns of one value per motor.
StateSample sample(std::int64_t time_us, std::int64_t position, bool moving, std::int64_t shaft) {
  return {time_us,
          {{"node",
            {{"position", {position}},
             {"moving", {moving}},
             {"awake", {moving}},
             {"budget_s", {59.96}},
             {"shaft_position", {shaft}}}}}};
}

ScenarioResult small_run() {
  ScenarioResult result;
  result.name = "small";
  result.virtual_us = 400000;
  result.devices = json::array({{{"name", "node"}, {"kind", "stepper"}}});
  result.samples = {sample(0, 0, false, 0), sample(100000, 0, false, 0),
                    sample(200000, -300, true, -250), sample(300000, -300, false, -250)};
  result.messages = {
      LinkMessage{150000, "node", "serial", "", "MOVE:0,-300", true, false, {}},
      LinkMessage{150000, "node", "serial", "", "CTRL:ACK", false, false, {}},
      LinkMessage{150001, "node", "serial", "", "CTRL:INFO", false, false, {}},
      LinkMessage{250000, "node", "mqtt", "devices/x/cmd", "{}", true, true, {}},
  };
  return result;
}

std::string dump(const ScenarioResult& result) {
  std::ostringstream out;
  write_vcd(out, result);
  return out.str();
}

// A real run: a stepper whose shaft hits a stop at -800 while its counter goes on to -1200.
ScenarioResult stepper_run() {
  Scenario scenario;
  scenario.name = "stop";
  scenario.devices = {DeviceSpec{"node", "stepper", json::object(), {}}};
  const auto step = [](auto body) { return Step{{}, "", std::move(body)}; };
  scenario.steps = {
      step(AdvanceStep{2000, false}),
      step(SetStep{"node", "travel_limits", {{"motor", 0}, {"min", -800}, {"max", 1000}}}),
      step(SendStep{{"node", "serial", ""}, "MOVE:0,-1200", std::nullopt, 1, false}),
      step(AdvanceStep{1500, false}),
      step(SendStep{{"node", "serial", ""}, "MOVE:0,400", std::nullopt, 1, false}),
      step(AdvanceStep{1500, false}),
  };
  return run_scenario(scenario);
}

TEST(VcdWriter, GoldenDumpOfASmallRun) {
  EXPECT_EQ(dump(small_run()),
            "$comment small $end\n"
            "$version hilbench $end\n"
            "$timescale 1 us $end\n"
            "$scope module node $end\n"
            "$var wire 1 % mqtt_in $end\n"
            "$var wire 1 & mqtt_out $end\n"
            "$var wire 1 ! serial_in $end\n"
            "$var wire 1 \" serial_out $end\n"
            "$scope module motor0 $end\n"
            "$var wire 1 * awake $end\n"
            "$var integer 32 + budget_s_x10 $end\n"
            "$var wire 1 ) moving $end\n"
            "$var integer 32 ' position $end\n"
            "$var integer 32 ( shaft_position $end\n"
            "$upscope $end\n"
            "$upscope $end\n"
            "$enddefinitions $end\n"
            "#0\n"
            "$dumpvars\n"
            "0!\n0\"\n0%\n0&\nb0 '\nb0 (\n0)\n0*\nb1001011000 +\n"
            "$end\n"
            "#150000\n1!\n1\"\n"
            "#150001\n0!\n"
            "#150002\n0\"\n"
            "#200000\n"
            "b11111111111111111111111011010100 '\n"
            "b11111111111111111111111100000110 (\n1)\n1*\n"
            "#300000\n0)\n0*\n"
            "#400000\n");
}

TEST(VcdWriter, HeaderHasTheTimescaleOneScopePerDeviceAndMotorAndTheVariables) {
  const ScenarioResult result = stepper_run();
  ASSERT_TRUE(result.passed) << result.failure->message;
  const ParsedVcd vcd = parse_vcd(dump(result));
  EXPECT_EQ(vcd.timescale, "1 us");
  EXPECT_EQ(vcd.open_scopes, 0) << "every $scope has its $upscope";
  for (const char* link : {"serial_in", "serial_out", "mqtt_in", "mqtt_out"}) {
    EXPECT_EQ(vcd.type_of.at(std::string("node.") + link), "wire 1") << link;
  }
  for (int id = 0; id < 8; ++id) {
    const std::string motor = "node.motor" + std::to_string(id) + ".";
    EXPECT_EQ(vcd.type_of.at(motor + "position"), "integer 32");
    EXPECT_EQ(vcd.type_of.at(motor + "shaft_position"), "integer 32");
    EXPECT_EQ(vcd.type_of.at(motor + "budget_s_x10"), "integer 32");
    EXPECT_EQ(vcd.type_of.at(motor + "moving"), "wire 1");
    EXPECT_EQ(vcd.type_of.at(motor + "awake"), "wire 1");
    EXPECT_EQ(vcd.type_of.at(motor + "driver_temp_c_x10"), "integer 32");
    EXPECT_EQ(vcd.type_of.at(motor + "driver_overheated"), "wire 1");
  }
  EXPECT_EQ(vcd.id_of.size(), 4u + 8u * 7u);
}

TEST(VcdWriter, IdentifiersArePrintableUniqueAndNeverATimeOrAKeyword) {
  ScenarioResult result = small_run();
  for (int device = 0; device < 30; ++device) {  // 30 * 9 signals: identifiers of two characters
    result.devices.push_back({{"name", "n" + std::to_string(device)}, {"kind", "stepper"}});
    result.samples[1].devices["n" + std::to_string(device)] = result.samples[1].devices["node"];
  }
  const ParsedVcd vcd = parse_vcd(dump(result));
  std::set<std::string> ids;
  for (const auto& [name, id] : vcd.id_of) {
    EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id << " of " << name;
    for (const char c : id) EXPECT_TRUE(c >= '!' && c <= '~' && c != '#' && c != '$') << name;
  }
  EXPECT_EQ(ids.size(), 31u * 9u);
  EXPECT_GT(
      std::count_if(ids.begin(), ids.end(), [](const std::string& id) { return id.size() == 2; }),
      0);
}

TEST(VcdWriter, TimesIncreaseAndValuesAreWrittenOnlyWhenTheyChange) {
  const std::string text = dump(stepper_run());
  const ParsedVcd vcd = parse_vcd(text);
  ASSERT_FALSE(vcd.times.empty());
  EXPECT_EQ(vcd.times.front(), 0);
  for (std::size_t i = 1; i < vcd.times.size(); ++i) EXPECT_LT(vcd.times[i - 1], vcd.times[i]);
  EXPECT_EQ(vcd.times.back(), 5000000) << "the dump ends at the run's end";
  for (const auto& [id, changes] : vcd.values) {
    for (std::size_t i = 1; i < changes.size(); ++i) {
      EXPECT_NE(changes[i - 1].second, changes[i].second) << id << " at " << changes[i].first;
    }
  }
}

TEST(VcdWriter, ParseBackGivesTheSampledStateAtEverySampleTime) {
  const ScenarioResult result = stepper_run();
  const ParsedVcd vcd = parse_vcd(dump(result));
  ASSERT_GT(result.samples.size(), 20u);
  for (const StateSample& sample : result.samples) {
    if (!sample.devices.contains("node")) continue;  // taken before the device was made
    const json& node = sample.devices.at("node");
    const std::int64_t t = sample.time_us;
    EXPECT_EQ(integer(vcd.at("node.motor0.position", t)),
              node.at("position").at(0).get<std::int64_t>())
        << t;
    EXPECT_EQ(integer(vcd.at("node.motor0.shaft_position", t)),
              node.at("shaft_position").at(0).get<std::int64_t>())
        << t;
    EXPECT_EQ(vcd.at("node.motor0.moving", t), node.at("moving").at(0).get<bool>() ? "1" : "0")
        << t;
    EXPECT_NEAR(static_cast<double>(integer(vcd.at("node.motor0.budget_s_x10", t))) / 10,
                node.at("budget_s").at(0).get<double>(), 0.05)
        << t;
    EXPECT_NEAR(static_cast<double>(integer(vcd.at("node.motor0.driver_temp_c_x10", t))) / 10,
                node.at("driver_temp_c").at(0).get<double>(), 0.05)
        << t;
  }
  EXPECT_EQ(integer(vcd.at("node.motor0.position", 3500000)), -1200);
  EXPECT_EQ(integer(vcd.at("node.motor0.shaft_position", 3500000)), -800) << "held by the stop";
  EXPECT_EQ(integer(vcd.at("node.motor0.shaft_position", 5000000)), 800);
}

TEST(VcdWriter, EveryMessagePulsesItsLinkWire) {
  const ScenarioResult result = stepper_run();
  const ParsedVcd vcd = parse_vcd(dump(result));
  ASSERT_FALSE(result.messages.empty());
  for (const LinkMessage& message : result.messages) {
    const std::string wire = "node." + message.link + (message.inbound ? "_in" : "_out");
    EXPECT_EQ(vcd.at(wire, message.time_us), "1") << message.payload;
  }
  EXPECT_EQ(vcd.at("node.serial_in", 2000001), "0") << "a pulse lasts one microsecond";
}

}  // namespace
}  // namespace hil::scenario
