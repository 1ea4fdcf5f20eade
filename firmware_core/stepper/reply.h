// What the dispatcher says about a command, independent of the transport that carries it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace hil::core {

// A key=value result field. Text is printed raw on serial and sent as a JSON string on MQTT
// (so a quoted value such as ssid="Lab" keeps its quotes in both, as the schema shows).
struct Field {
  std::string key;
  std::variant<std::int64_t, std::string> value;
};

// An error or a warning: a code from the schema's catalog, plus what it is about.
struct Problem {
  std::string code;    // "E11", "NET_SCAN_AP_ONLY", ...
  std::string detail;  // "MULTI_CMD_CONFLICT", "UNSUPPORTED_FIELD", ... or empty
  std::vector<Field> fields;
  // The console prints an E-code error's fields only for E10 and E11 (the MQTT error object always
  // has them); set for another whose fields the original firmware prints too (NET's `requested=`).
  bool fields_on_console = false;
};

// The name printed after an E-code ("E03" -> "BAD_PARAM"); empty for self-describing codes.
const char* error_name(const std::string& code);

enum class Stage { kAck, kDone, kError };

struct Reply {
  Stage stage = Stage::kDone;
  std::vector<Field> fields;
  std::vector<Problem> warnings;
  Problem error;                        // when stage == kError
  std::vector<std::string> serial_lines;  // console-only text: after an ACK, before a DONE
  nlohmann::json mqtt_result = nlohmann::json::object();  // merged into the MQTT result
  bool serial_without_id = false;       // HELP's DONE carries no cmd_id on the console
  bool serial_only = false;             // console detail with no MQTT counterpart
};

// Which command a reply belongs to, in the names each transport uses.
struct CommandRef {
  std::string id;
  std::string action;         // MQTT action: "MOVE", "NET:STATUS", ...
  std::string serial_action;  // console DONE action: "MOVE", "NET", ...
};

}  // namespace hil::core
