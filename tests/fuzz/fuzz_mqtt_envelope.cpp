// Fuzz target: arbitrary MQTT command payloads; every one gets a well-formed answer.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/rigs/virtual_stepper_rig.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hil::sim::VirtualStepperRig rig;
  const auto responses = rig.mqtt(std::string(reinterpret_cast<const char*>(data), size));
  if (responses.empty()) std::abort();  // nothing a user sends is silently lost
  for (const auto& payload : responses) {
    const auto doc = nlohmann::json::parse(payload, nullptr, false);
    if (!doc.is_object() || !doc["cmd_id"].is_string() || !doc["action"].is_string()) std::abort();
    const auto status = doc["status"];
    if (status != "ack" && status != "done" && status != "error") std::abort();
  }
  rig.advance_until_still_ms(100000);  // let whatever started finish
  const auto good =
      rig.mqtt(R"({"cmd_id":"after-fuzz","action":"GET","params":{"resource":"ACCEL"}})");
  if (good.empty() || nlohmann::json::parse(good.back())["status"] != "done") std::abort();
  return 0;
}
