// Binds the scenario runner and the Session under it (the Python `Bench`). Options cross as dicts;
// payloads and settings as JSON text.
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

// A Python value as JSON: what options and settings are made of (None, bool, int, float, str, lists
// and dicts with string keys); a TypeError naming the path otherwise.
nlohmann::json to_json(const py::handle& value, const std::string& path) {
  if (value.is_none()) return nullptr;
  if (py::isinstance<py::bool_>(value)) return value.cast<bool>();
  if (py::isinstance<py::int_>(value)) {
    try {
      return value.cast<std::int64_t>();
    } catch (const py::cast_error&) {
      throw py::type_error(path + ": the integer " + py::str(value).cast<std::string>() +
                           " does not fit in 64 bits");
    }
  }
  if (py::isinstance<py::float_>(value)) return value.cast<double>();
  if (py::isinstance<py::str>(value)) return value.cast<std::string>();
  if (py::isinstance<py::dict>(value)) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, item] : value.cast<py::dict>()) {
      if (!py::isinstance<py::str>(key)) throw py::type_error(path + ": keys must be strings");
      const std::string name = key.cast<std::string>();
      out[name] = to_json(item, path + "." + name);
    }
    return out;
  }
  if (py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    nlohmann::json out = nlohmann::json::array();
    std::size_t index = 0;
    for (const auto& item : value)
      out.push_back(to_json(item, path + "[" + std::to_string(index++) + "]"));
    return out;
  }
  throw py::type_error(path + ": a value of type " +
                       std::string(py::str(value.get_type().attr("__name__"))) +
                       " cannot be an option (give None, bool, int, float, str, list or dict)");
}

StreamQuery make_query(const std::string& device, const std::string& link, const std::string& topic,
                       const std::optional<std::string>& regex,
                       const std::optional<std::string>& subset_json) {
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
  m.def(
      "device_kinds", [] { return describe_families(FamilyRegistry::builtin()).dump(); },
      "The device families as JSON: kinds, aliases, options, links, set: controls.");
  py::class_<Session>(m, "Session")
      .def(py::init([](std::uint64_t seed, std::int64_t limit_ms, std::int64_t sample_every_ms) {
             return Session::simulated(SessionOptions{seed, limit_ms, sample_every_ms});
           }),
           py::arg("seed"), py::arg("limit_ms"), py::arg("sample_every_ms"))
      .def(
          "add_device",
          [](Session& s, const std::string& kind, const std::string& name,
             const py::dict& options) {
            nlohmann::json given = nlohmann::json::object();
            for (const auto& [key, value] : options) {
              const std::string option = py::str(key);
              given[option] = to_json(value, option);
            }
            return s.add_device(DeviceSpec{name, kind, std::move(given), {}});
          },
          py::arg("kind"), py::arg("name"), py::arg("options"))
      .def("send", &Session::send)
      .def("expect",
           [](Session& s, const std::string& device, const std::string& link,
              const std::string& topic, const std::optional<std::string>& regex,
              const std::optional<std::string>& subset, std::int64_t timeout_ms) {
             return outcome_dict(
                 s.expect(make_query(device, link, topic, regex, subset), timeout_ms));
           })
      .def("expect_none",
           [](Session& s, const std::string& device, const std::string& link,
              const std::string& topic, const std::optional<std::string>& regex,
              const std::optional<std::string>& subset, std::int64_t for_ms) {
             return outcome_dict(
                 s.expect_none(make_query(device, link, topic, regex, subset), for_ms));
           })
      .def("advance", &Session::advance)
      .def("fault", &Session::fault, py::arg("kind"), py::arg("device"), py::arg("link"),
           py::arg("for_ms"), py::arg("share") = 1.0, py::arg("delay_ms") = 0)
      .def("set", [](Session& s, const std::string& device, const std::string& what,
                     const py::object& value) { return s.set(device, what, to_json(value, what)); })
      .def_property_readonly("now_us", &Session::now_us)
      .def("messages", [](const Session& s) {
        py::list out;
        for (const auto& message : s.messages()) out.append(message_dict(message));
        return out;
      });
}
