// A scenario run as a Value Change Dump (IEEE 1364-2005 §18), for GTKWave or sigrok/PulseView.
//
// Timescale 1 us; one scope per device, holding a 1-bit wire per link and direction (serial_in,
// serial_out, mqtt_in, mqtt_out) that pulses for each message that crossed (1 at its time, 0 one
// microsecond later; lost messages do not pulse), and a scope per motor (motor0, ...) with
// `position` and `shaft_position` (32-bit integers, steps), `moving` and `awake` (wires),
// `budget_s_x10` (32-bit integer, tenths of a second), `driver_temp_c_x10` (tenths of a degree) and
// `driver_overheated` (wire) from the state samples.
#pragma once

#include <ostream>

#include "bench/scenario/runner.h"

namespace hil::scenario {

void write_vcd(std::ostream& out, const ScenarioResult& result);

}  // namespace hil::scenario
