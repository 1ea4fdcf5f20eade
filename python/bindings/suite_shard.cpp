// Binds the suite split of `hilbench run --shard`, for the pytest plugin's --hilbench-shard.
#include "bench/scenario/suite_shard.h"

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace py = pybind11;

void bind_suite_shard(py::module_& m) {
  m.def(
      "shard_of",
      [](const std::string& path, std::uint32_t count) {
        // A count of 0 would divide by zero: refused here, since Python may pass anything.
        if (count == 0) throw py::value_error("the shard count must be at least 1");
        return hil::scenario::shard_of(path, count);
      },
      py::arg("path"), py::arg("count"));
  m.def(
      "parse_shard",
      [](const std::string& text)
          -> std::variant<std::pair<std::uint32_t, std::uint32_t>, std::string> {
        auto parsed = hil::scenario::parse_suite_shard(text);
        if (auto* problem = std::get_if<std::string>(&parsed)) return std::move(*problem);
        const auto& shard = std::get<hil::scenario::SuiteShard>(parsed);
        return std::make_pair(shard.index, shard.count);
      },
      py::arg("text"));
}
