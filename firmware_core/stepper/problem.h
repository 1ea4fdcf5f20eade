// The stepper node's one vocabulary of errors and warnings, whichever transport reports them.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace hil::stepper {

// A key=value field. Text is printed raw on serial and sent as a JSON string on MQTT
// (so a quoted value such as ssid="Lab" keeps its quotes in both, as the schema shows).
struct Field {
  std::string key;
  std::variant<std::int64_t, std::string> value;
};

// The schema's catalog. E-codes print their name after the code; the others name themselves.
enum class ErrorCode : std::uint8_t {
  kBadCmd,               // E01
  kBadId,                // E02
  kBadParam,             // E03
  kBusy,                 // E04
  kPosOutOfRange,        // E07
  kThermalReqGtMax,      // E10
  kThermalNoBudget,      // E11
  kThermalNoBudgetWake,  // E12
  kNetBadParam,
  kNetBusyConnecting,
  kNetScanApOnly,
  kNetSaveFailed,
  kMqttBadParam,
  kMqttBadPayload,
  kMqttUnsupportedAction,
  kMqttConfigSaveFailed,
  kSetSaveFailed,
};

// "E03", "NET_BAD_PARAM", ...
const char* code_text(ErrorCode code);
// The name printed after an E-code ("BAD_PARAM"); empty for a code that names itself.
const char* code_name(ErrorCode code);
// Whether the console prints the fields of this code's errors (MQTT always sends them): the
// original firmware prints them for E10 and E11 and for every code that names itself.
bool console_shows_fields(ErrorCode code);

// An error or a warning: a code, plus what it is about.
struct Problem {
  ErrorCode code = ErrorCode::kBadCmd;
  std::string detail;  // "MULTI_CMD_CONFLICT", "UNSUPPORTED_FIELD", ... or empty
  std::vector<Field> fields;
  // Set for an E-code error whose fields the original firmware prints too (NET's `requested=`).
  bool fields_on_console = false;

  std::string code_text() const { return stepper::code_text(code); }
};

}  // namespace hil::stepper
