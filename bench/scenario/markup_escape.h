// Escaping text for XML and HTML reports.
#pragma once

#include <string>

namespace hil::scenario {

// Escapes & < > " ' and shows control characters other than \n and \t as \xNN (XML 1.0 has no
// place for them).
std::string escape_markup(const std::string& text);

}  // namespace hil::scenario
