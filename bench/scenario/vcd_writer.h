// A scenario run as a Value Change Dump (IEEE 1364-2005 §18), for GTKWave or sigrok/PulseView.
//
// Timescale 1 us; one scope per device, holding a 1-bit wire per link and direction (serial_in,
// serial_out, mqtt_in, mqtt_out) that pulses for each message that crossed (1 at its time, 0 one
// microsecond later; lost messages do not pulse), and the signals each family's row names from
// its state samples (a stepper's scope per motor, motor0 ..., with `position`, `budget_s_x10` and
// the rest; an IR blaster's `room_temp_c_x10`, `online`, `busy`).
#pragma once

#include <iostream>
#include <memory>
#include <ostream>
#include <string>

#include "bench/scenario/family.h"
#include "bench/scenario/runner.h"

namespace hil::scenario {

class VcdDump;

// Writes the dump of a run as it goes: value changes to `body` (a scratch file), then, at the end,
// the definitions and initial values to `out` followed by the body. Memory holds only the signals.
class VcdStream : public RunObserver {
 public:
  VcdStream(std::ostream& out, std::iostream& body,
            const FamilyRegistry& families = FamilyRegistry::builtin());
  ~VcdStream() override;
  void begin(const ScenarioResult& started) override;
  void message(const LinkMessage& message) override;
  void sample(const StateSample& sample) override;
  void end(const ScenarioResult& result) override;
  // Why the dump could not be written whole ("" when it was), as TraceStream::failure().
  const std::string& failure() const { return failure_; }

 private:
  void check(std::ios& stream);

  std::ostream& out_;
  std::iostream& body_;
  const FamilyRegistry& families_;
  std::map<std::string, const Family*> family_of_;
  std::unique_ptr<VcdDump> dump_;
  std::string failure_;
};

// The dump of a run kept whole in its result.
void write_vcd(std::ostream& out, const ScenarioResult& result,
               const FamilyRegistry& families = FamilyRegistry::builtin());

}  // namespace hil::scenario
