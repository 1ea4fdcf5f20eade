// Binds the scenario runner and the Session under it (the Python `Bench`); JSON crosses as text.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <sstream>

#include "bench/scenario/runner.h"
#include "bench/scenario/scenario_loader.h"
#include "bench/scenario/trace_writer.h"

namespace py = pybind11;
using namespace hil::scenario;

namespace {

py::dict message_dict(const LinkMessage& m) {
  py::dict out;
  out["time_ms"] = static_cast<double>(m.time_us) / 1000.0;
  out["device"] = m.device;
  out["link"] = m.link;
  out["topic"] = m.topic;
  out["payload"] = py::bytes(m.payload);
  out["inbound"] = m.inbound;
  out["lost"] = m.lost;
  return out;
}

py::dict outcome_dict(const ExpectOutcome& outcome) {
  py::dict out;
  out["error"] = outcome.error;
  out["nearest"] = outcome.nearest;
  if (outcome.match) {
    out["message"] = message_dict(outcome.match->message);
    out["groups"] = outcome.match->groups;
  } else {
    out["message"] = py::none();
  }
  return out;
}

StreamQuery make_query(const std::string& device, const std::string& link, const std::string& topic,
                       const std::optional<std::string>& regex, const std::optional<std::string>& subset_json) {
  StreamQuery query{device, link, topic, std::nullopt, std::nullopt};
  if (regex) query.regex.emplace(*regex);
  if (subset_json) query.subset = nlohmann::json::parse(*subset_json);
  return query;
}

// Runs one scenario file; load errors come back as {"load_error": "file:line:col: ..."}.
py::dict run_file(const std::string& path, std::uint64_t seed) {
  auto loaded = load_scenario(path);
  py::dict out;
  if (const auto* error = std::get_if<LoadError>(&loaded)) {
    out["load_error"] = error->to_string();
    return out;
  }
  RunOptions options;
  options.seed = seed;
  const ScenarioResult result = run_scenario(std::get<Scenario>(loaded), options);
  out["name"] = result.name;
  out["file"] = result.file;
  out["passed"] = result.passed;
  out["steps_run"] = result.steps_run;
  out["virtual_ms"] = static_cast<double>(result.virtual_us) / 1000.0;
  out["wall_ms"] = result.wall_ms;
  if (result.failure) {
    py::dict failure;
    failure["where"] = result.failure->where.to_string();
    failure["message"] = result.failure->message;
    failure["expected"] = result.failure->expected;
    failure["nearest"] = result.failure->nearest;
    out["failure"] = failure;
  } else {
    out["failure"] = py::none();
  }
  std::ostringstream trace;
  write_trace(trace, result, seed, result.clock);
  out["trace"] = trace.str();
  return out;
}

}  // namespace

void bind_scenario(py::module_& m) {
  m.def("run_scenario_file", &run_file, py::arg("path"), py::arg("seed"));
  py::class_<Session>(m, "Session")
      .def(py::init([](std::uint64_t seed, std::int64_t limit_ms, std::int64_t sample_every_ms) {
             return Session::simulated(SessionOptions{seed, limit_ms, sample_every_ms});
           }),
           py::arg("seed"), py::arg("limit_ms"), py::arg("sample_every_ms"))
      .def("add_device",
           [](Session& s, const std::string& name, const std::string& kind, const std::string& options_json) {
             try {
               return s.add_device(DeviceSpec{name, kind, nlohmann::json::parse(options_json), {}});
             } catch (const nlohmann::json::exception& error) {  // an option of the wrong type
               return "bad option for the " + kind + " device '" + name + "': " + error.what();
             }
           })
      .def("send", &Session::send)
      .def("expect",
           [](Session& s, const std::string& device, const std::string& link, const std::string& topic,
              const std::optional<std::string>& regex, const std::optional<std::string>& subset, std::int64_t timeout_ms) {
             return outcome_dict(s.expect(make_query(device, link, topic, regex, subset), timeout_ms));
           })
      .def("expect_none",
           [](Session& s, const std::string& device, const std::string& link, const std::string& topic,
              const std::optional<std::string>& regex, const std::optional<std::string>& subset, std::int64_t for_ms) {
             return outcome_dict(s.expect_none(make_query(device, link, topic, regex, subset), for_ms));
           })
      .def("advance", &Session::advance)
      .def("fault", &Session::fault, py::arg("kind"), py::arg("device"), py::arg("link"), py::arg("for_ms"),
           py::arg("share") = 1.0, py::arg("delay_ms") = 0)
      .def("set", [](Session& s, const std::string& device, const std::string& what, const std::string& value_json) {
        return s.set(device, what, nlohmann::json::parse(value_json));
      })
      .def_property_readonly("now_us", &Session::now_us)
      .def("messages", [](const Session& s) {
        py::list out;
        for (const auto& message : s.messages()) out.append(message_dict(message));
        return out;
      });
}
