// A sound's waveform in the HTML report as inline SVG: for each pixel column of the time axis, a
// bar from the lowest to the highest sample in it, against full scale.
#pragma once

#include <ostream>
#include <string>

#include "bench/signal/waveform_envelope.h"

namespace hil::scenario {

// Writes the waveform as a <figure> titled `title` over a time axis to `end_us`; nothing when it
// has no sample.
void write_waveform_chart(std::ostream& out, const std::string& title,
                          const signal::Waveform& waveform, double end_us);

}  // namespace hil::scenario
