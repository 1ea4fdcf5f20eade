// Covers firmware_core/stepper/command_table.h: what the console parser, the MQTT params, HELP and
// the dictionary read from the rows agrees with the rows.
#include "firmware_core/stepper/command_table.h"

#include <gtest/gtest.h>

#include <set>

#include "firmware_core/stepper/mqtt_envelope.h"
#include "firmware_core/stepper/serial_grammar.h"

namespace hil::stepper {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return text;
}

// The shortest console form of a row: its name and whatever its syntax requires.
std::string minimal_console_form(const CommandRow& row) {
  std::string text = row.name;
  switch (row.syntax) {
    case Syntax::kMotors:
      text += ":0";
      for (const auto& number : row.numbers) {
        if (number.required) text += ",0";
      }
      break;
    case Syntax::kSettings:
      text += " SPEED=100";
      break;
    case Syntax::kCredentials:
      text += ",\"Lab\"";
      break;
    case Syntax::kBrokerFields:
      text += " RESET";
      break;
    case Syntax::kBare:
    case Syntax::kIgnoresArgs:
    case Syntax::kResource:
      break;
  }
  return text;
}

TEST(CommandTable, NamesAndShortcutsAreUniqueAndEveryRowHasAHandlerAndHelp) {
  std::set<std::string> words;
  for (const auto& row : command_table()) {
    EXPECT_TRUE(words.insert(row.name).second) << row.name;
    if (row.shortcut != nullptr) {
      EXPECT_TRUE(words.insert(row.shortcut).second) << row.shortcut;
    }
    EXPECT_NE(row.handler, nullptr) << row.name;
    EXPECT_FALSE(row.help.empty()) << row.name;
  }
}

TEST(CommandTable, EveryRowIsFoundByNameAndShortcutInAnyCase) {
  for (const auto& row : command_table()) {
    EXPECT_EQ(find_command(lower(row.name)), &row) << row.name;
    if (row.shortcut != nullptr) {
      EXPECT_EQ(find_command(lower(row.shortcut)), &row) << row.shortcut;
    }
  }
  EXPECT_EQ(find_command("DANCE"), nullptr);
}

TEST(CommandTable, EveryRowParsesOnTheConsoleInItsShortestForm) {
  for (const auto& row : command_table()) {
    const std::string text = minimal_console_form(row);
    const ParsedCommand parsed = parse_serial_command(text);
    EXPECT_EQ(parsed.row, &row) << text;
    EXPECT_FALSE(parsed.problem) << text << " -> " << parsed.problem->code_text();
  }
}

TEST(CommandTable, HelpIsEveryRowsLinesThenTheShortcutsThenTheBatchRule) {
  std::vector<std::string> expected;
  for (const auto& row : command_table())
    expected.insert(expected.end(), row.help.begin(), row.help.end());
  expected.push_back("Shortcuts: M=MOVE, H=HOME, ST=STATUS");
  expected.push_back(
      "Multicommand: <cmd1>;<cmd2> note: no cmd queuing; only distinct motors allowed");
  EXPECT_EQ(help_lines(), expected);
}

TEST(CommandTable, OnlyRowsFlaggedOverMqttAreAcceptedThere) {
  for (const auto& row : command_table()) {
    const Envelope env = parse_envelope(nlohmann::json{{"action", row.name}}.dump());
    const bool refused =
        env.parsed.problem && env.parsed.problem->code == ErrorCode::kMqttUnsupportedAction;
    EXPECT_EQ(refused, !row.has(kOverMqtt)) << row.name;
  }
}

// The dictionary Python reads names exactly the params the envelope reader accepts.
TEST(CommandTable, EveryParamTheDictionaryNamesIsAcceptedOverMqtt) {
  for (const auto& row : command_table()) {
    if (!row.has(kOverMqtt)) continue;
    for (const auto& param : describe_params(row)) {
      std::vector<std::string> names = {param["name"].get<std::string>()};
      for (const auto& alias : param["aliases"]) names.push_back(alias.get<std::string>());
      for (const auto& name : names) {
        const Envelope env =
            parse_envelope(nlohmann::json{{"action", row.name}, {"params", {{name, 1}}}}.dump());
        const bool unsupported =
            env.parsed.problem && env.parsed.problem->detail == "UNSUPPORTED_FIELD";
        EXPECT_FALSE(unsupported) << row.name << " " << name;
      }
    }
    if (row.syntax == Syntax::kBrokerFields)
      continue;  // its handler judges names, on both transports
    const Envelope stranger =
        parse_envelope(nlohmann::json{{"action", row.name}, {"params", {{"bogus", 1}}}}.dump());
    ASSERT_TRUE(stranger.parsed.problem) << row.name;
    EXPECT_EQ(stranger.parsed.problem->detail, "UNSUPPORTED_FIELD") << row.name;
  }
}

TEST(CommandTable, DictionaryHasOneEntryPerRowInHelpOrder) {
  const nlohmann::json dictionary = command_dictionary();
  ASSERT_EQ(dictionary.size(), command_table().size());
  for (std::size_t i = 0; i < dictionary.size(); ++i) {
    const CommandRow& row = command_table()[i];
    EXPECT_EQ(dictionary[i]["name"], row.name);
    EXPECT_EQ(dictionary[i]["over_mqtt"], row.has(kOverMqtt));
    EXPECT_EQ(dictionary[i]["help"].size(), row.help.size());
  }
  EXPECT_EQ(dictionary[1]["name"], "MOVE");
  EXPECT_EQ(dictionary[1]["shortcut"], "M");
  EXPECT_EQ(dictionary[1]["params"][1],
            nlohmann::json::parse(
                R"({"name":"position_steps","type":"integer","required":true,"aliases":[]})"));
}

}  // namespace
}  // namespace hil::stepper
