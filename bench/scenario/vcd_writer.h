// A scenario run as a Value Change Dump (IEEE 1364-2005 §18), for GTKWave or sigrok/PulseView.
//
// Timescale 1 us; one scope per device, holding a 1-bit wire per link and direction (serial_in,
// serial_out, mqtt_in, mqtt_out) that pulses for each message that crossed (1 at its time, 0 one
// microsecond later; lost messages do not pulse), and the signals each family's row names from
// its state samples (a stepper's scope per motor, motor0 ..., with `position`, `budget_s_x10` and
// the rest; an IR blaster's `room_temp_c_x10`, `online`, `busy`).
#pragma once

#include <ostream>

#include "bench/scenario/family.h"
#include "bench/scenario/runner.h"

namespace hil::scenario {

void write_vcd(std::ostream& out, const ScenarioResult& result,
               const FamilyRegistry& families = FamilyRegistry::builtin());

}  // namespace hil::scenario
