// Random (version 4) UUIDs for command ids, drawn from the injected random source.
#pragma once

#include <string>

#include "firmware_core/ports/random_source.h"

namespace hil::core {

std::string make_uuid4(RandomSource& random);

}  // namespace hil::core
