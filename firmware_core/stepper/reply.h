// What a command handler says about a command, independent of the transport that carries it.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "firmware_core/stepper/problem.h"

namespace hil::stepper {

enum class Stage { kAck, kDone, kError };

struct Reply {
  Stage stage = Stage::kDone;
  std::vector<Field> fields;
  std::vector<Problem> warnings;
  Problem error;                          // when stage == kError
  std::vector<std::string> serial_lines;  // console-only text: after an ACK, before a DONE
  nlohmann::json mqtt_result = nlohmann::json::object();  // merged into the MQTT result
  bool serial_without_id = false;  // HELP's DONE carries no cmd_id on the console
  bool serial_only = false;        // console detail with no MQTT counterpart
};

inline Reply error_reply(Problem problem) {
  Reply reply;
  reply.stage = Stage::kError;
  reply.error = std::move(problem);
  return reply;
}

// Which command a reply belongs to, in the names each transport uses.
struct CommandRef {
  std::string id;
  std::string action;         // MQTT action: "MOVE", "NET:STATUS", ...
  std::string serial_action;  // console DONE action: "MOVE", "NET", ...
};

}  // namespace hil::stepper
