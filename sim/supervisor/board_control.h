// Control lines for a simulated supervisor board: one JSON object a line, as `hilbench sim mcu`
// reads them on stdin. Several keys may share a line; a line is checked whole before any of it is
// applied, so a bad line changes nothing.
//
//   {"switch":{"lte":false,"wifi":true}}        switches by name (charger_online plugs the charger)
//   {"battery":{"pct":15,"charger":false,"load_ma":900}}   any of the three
//   {"charger":false}                           the charger unplugged (true: plugged in)
//   {"message":{"from":"node-7"}}               a mesh message arrives ({"message":{}} too)
//   {"radio":"fault"}                           "ok", "fault" or "disconnected"
//   {"unplug_ms":2000}                          the UART cable out for 2 s, then back
//   {"unplug":true}  {"plug":true}              the cable out / back in
//   {"mcu_temp_c":41.5}                         the MCU's temperature
//   {"heartbeat":false}                         the Pi releases its heartbeat GPIO (halted)
//   {"power_button":true}                       the power button (powers the Pi after a cut)
#pragma once

#include <string>
#include <string_view>

#include "sim/supervisor/sim_supervisor_board.h"

namespace hil::sim {

// Applies a control line to the board; returns why it was refused, or "" when applied.
std::string apply_board_control(SimSupervisorBoard& board, std::string_view line);

}  // namespace hil::sim
