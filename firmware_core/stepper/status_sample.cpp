// The status payload writer.
#include "firmware_core/stepper/status_sample.h"

namespace hil::stepper {
namespace {

// Tenths as a JSON number with one decimal (90.0, -0.5), as a double would print.
void append_tenths(std::string& out, std::int32_t tenths) {
  const std::int32_t magnitude = tenths < 0 ? -tenths : tenths;
  if (tenths < 0) out += '-';
  out += std::to_string(magnitude / 10);
  out += '.';
  out += static_cast<char>('0' + magnitude % 10);
}

void append_field(std::string& out, const char* key, const std::string& value) {
  out += '"';
  out += key;
  out += "\":";
  out += value;
  out += ',';
}

const char* flag(bool value) { return value ? "true" : "false"; }

}  // namespace

std::string StatusSample::to_payload() const {
  std::string out;
  out.reserve(2200);
  out += "{\"ip\":";
  out += nlohmann::json(ip).dump();
  out += ",\"motors\":{";
  for (int id = 0; id < kMotorCount; ++id) {
    const MotorSample& m = motors[static_cast<std::size_t>(id)];
    if (id > 0) out += ',';
    out += "\"" + std::to_string(id) + "\":{";
    append_field(out, "accel", std::to_string(m.accel_sps2));
    if (m.actual_ms) append_field(out, "actual_ms", std::to_string(*m.actual_ms));
    append_field(out, "awake", flag(m.awake));
    out += "\"budget_s\":";
    append_tenths(out, m.budget_tenths);
    out += ',';
    append_field(out, "est_ms", std::to_string(m.est_ms));
    append_field(out, "homed", flag(m.homed));
    append_field(out, "id", std::to_string(id));
    append_field(out, "moving", flag(m.moving));
    append_field(out, "position", std::to_string(m.position));
    append_field(out, "speed", std::to_string(m.speed_sps));
    append_field(out, "started_ms", std::to_string(m.started_ms));
    append_field(out, "steps_since_home", std::to_string(m.steps_since_home));
    out += "\"ttfc_s\":";
    append_tenths(out, m.ttfc_tenths);
    out += '}';
  }
  out += R"(},"node_state":"ready"})";
  return out;
}

nlohmann::json StatusSample::to_json() const {
  nlohmann::json list = nlohmann::json::object();
  for (int id = 0; id < kMotorCount; ++id) {
    const MotorSample& m = motors[static_cast<std::size_t>(id)];
    nlohmann::json motor = {{"accel", m.accel_sps2},
                            {"awake", m.awake},
                            {"budget_s", m.budget_tenths / 10.0},
                            {"est_ms", m.est_ms},
                            {"homed", m.homed},
                            {"id", id},
                            {"moving", m.moving},
                            {"position", m.position},
                            {"speed", m.speed_sps},
                            {"started_ms", m.started_ms},
                            {"steps_since_home", m.steps_since_home},
                            {"ttfc_s", m.ttfc_tenths / 10.0}};
    if (m.actual_ms) motor["actual_ms"] = *m.actual_ms;
    list[std::to_string(id)] = std::move(motor);
  }
  return {{"ip", ip}, {"motors", std::move(list)}, {"node_state", "ready"}};
}

}  // namespace hil::stepper
