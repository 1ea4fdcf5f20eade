// The error catalog: one row per code, read by the console and the MQTT renderings alike.
#include "firmware_core/stepper/problem.h"

namespace hil::stepper {
namespace {

struct CodeRow {
  ErrorCode code;
  const char* text;
  const char* name;  // empty: the code names itself
  bool console_fields;
};

constexpr CodeRow kCodes[] = {
    {ErrorCode::kBadCmd, "E01", "BAD_CMD", false},
    {ErrorCode::kBadId, "E02", "BAD_ID", false},
    {ErrorCode::kBadParam, "E03", "BAD_PARAM", false},
    {ErrorCode::kBusy, "E04", "BUSY", false},
    {ErrorCode::kPosOutOfRange, "E07", "POS_OUT_OF_RANGE", false},
    {ErrorCode::kThermalReqGtMax, "E10", "THERMAL_REQ_GT_MAX", true},
    {ErrorCode::kThermalNoBudget, "E11", "THERMAL_NO_BUDGET", true},
    {ErrorCode::kThermalNoBudgetWake, "E12", "THERMAL_NO_BUDGET_WAKE", false},
    {ErrorCode::kNetBadParam, "NET_BAD_PARAM", "", true},
    {ErrorCode::kNetBusyConnecting, "NET_BUSY_CONNECTING", "", true},
    {ErrorCode::kNetScanApOnly, "NET_SCAN_AP_ONLY", "", true},
    {ErrorCode::kNetSaveFailed, "NET_SAVE_FAILED", "", true},
    {ErrorCode::kMqttBadParam, "MQTT_BAD_PARAM", "", true},
    {ErrorCode::kMqttBadPayload, "MQTT_BAD_PAYLOAD", "", true},
    {ErrorCode::kMqttUnsupportedAction, "MQTT_UNSUPPORTED_ACTION", "", true},
    {ErrorCode::kMqttConfigSaveFailed, "MQTT_CONFIG_SAVE_FAILED", "", true},
    {ErrorCode::kSetSaveFailed, "SET_SAVE_FAILED", "", true},
};

const CodeRow& row_of(ErrorCode code) {
  for (const auto& row : kCodes) {
    if (row.code == code) return row;
  }
  return kCodes[0];
}

}  // namespace

const char* code_text(ErrorCode code) { return row_of(code).text; }
const char* code_name(ErrorCode code) { return row_of(code).name; }
bool console_shows_fields(ErrorCode code) { return row_of(code).console_fields; }

}  // namespace hil::stepper
