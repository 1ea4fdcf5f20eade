// Fuzz target: arbitrary bytes on the stepper node's console; the node must keep serving.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "sim/rigs/virtual_stepper_rig.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  hil::sim::VirtualStepperRig rig;
  rig.serial_bytes(std::string(reinterpret_cast<const char*>(data), size));
  rig.advance_until_still_ms(100000);  // let whatever started finish
  // A zero-step move finishing in the same instant may print after the answer: look at every line.
  for (const auto& line : rig.serial_bytes("\nGET ACCEL\n")) {
    if (line.rfind("CTRL:DONE cmd_id=", 0) == 0 &&
        line.find(" action=GET ACCEL=") != std::string::npos)
      return 0;
  }
  std::abort();  // the console stopped answering
}
