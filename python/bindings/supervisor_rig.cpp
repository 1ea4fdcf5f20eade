// Binds VirtualSupervisorRig; the Python layer (hilbench/supervisor.py) shapes it into
// SupervisorMcu and SupvClient. JSON crosses as text.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "sim/rigs/virtual_supervisor_rig.h"
#include "sim/supervisor/board_control.h"

namespace py = pybind11;
using hil::sim::VirtualSupervisorRig;

namespace {

// The rig plus the outcomes of the requests Python made, by id.
struct PySupervisorRig {
  std::unique_ptr<VirtualSupervisorRig> rig;
  std::map<std::string, std::string> outcomes;  // id -> outcome JSON
};

py::list lines_to_py(std::vector<hil::sim::UartLine> lines) {
  py::list out;
  for (auto& line : lines) {
    PyObject* text = PyUnicode_DecodeUTF8(line.text.data(),
                                          static_cast<Py_ssize_t>(line.text.size()), "replace");
    if (text == nullptr) throw py::error_already_set();
    out.append(py::make_tuple(static_cast<double>(line.time_us) / 1000.0,
                              py::reinterpret_steal<py::str>(text)));
  }
  return out;
}

hil::supervisor::SupvClient& client_of(PySupervisorRig& self) {
  if (self.rig->client() == nullptr) throw py::value_error("no client attached");
  return *self.rig->client();
}

}  // namespace

void bind_supervisor_rig(py::module_& m) {
  py::class_<PySupervisorRig>(m, "SupervisorRig")
      .def(py::init([](double battery_pct, bool charger, unsigned line_rate, double watchdog_s,
                       int min_pct) {
             hil::sim::SimSupervisorOptions options;
             options.pack.soc_pct = battery_pct;
             options.pack.charger_online = charger;
             options.line_rate_baud = line_rate;
             options.mcu.watchdog_timeout = std::chrono::duration_cast<hil::core::Micros>(
                 std::chrono::duration<double>(watchdog_s));
             options.mcu.poweroff_min_battery_pct = min_pct;
             return PySupervisorRig{std::make_unique<VirtualSupervisorRig>(options), {}};
           }),
           py::arg("battery_pct"), py::arg("charger"), py::arg("line_rate"), py::arg("watchdog_s"),
           py::arg("poweroff_min_battery_pct"))
      .def_property_readonly("now_us",
                             [](PySupervisorRig& self) { return self.rig->clock().now().count(); })
      .def("advance_ms", [](PySupervisorRig& self, std::int64_t ms) { self.rig->advance_ms(ms); })
      .def("take_lines", [](PySupervisorRig& self) { return lines_to_py(self.rig->take_lines()); })
      .def("pi_write_line",
           [](PySupervisorRig& self, const std::string& line) {
             self.rig->pi_write_line(line);
             self.rig->clock().run_due();
           })
      .def("control",
           [](PySupervisorRig& self, const std::string& line) {
             std::string error = hil::sim::apply_board_control(self.rig->board(), line);
             self.rig->clock().run_due();
             return error;
           })
      .def("board_json",
           [](PySupervisorRig& self) {
             auto& board = self.rig->board();
             const auto& pack = board.pack();
             return nlohmann::json{{"battery_pct", pack.pct()},
                                   {"soc_pct", pack.soc_pct()},
                                   {"pack_mv", pack.pack_mv()},
                                   {"pack_ma", pack.pack_ma()},
                                   {"charger_online", pack.charger_online()},
                                   {"pi_powered", board.pi_powered()},
                                   {"poweroff_prepared", board.poweroff_prepared()},
                                   {"plugged", board.plugged()},
                                   {"pi_resets", board.pi_resets()}}
                 .dump();
           })
      .def("attach_client",
           [](PySupervisorRig& self, double reply_timeout_ms, int attempts) {
             hil::supervisor::SupvClientOptions options;
             options.requests.reply_timeout =
                 hil::core::Micros(static_cast<std::int64_t>(reply_timeout_ms * 1000));
             options.requests.attempts = attempts;
             self.rig->attach_client(options);
           })
      .def("client_state",
           [](PySupervisorRig& self) {
             return hil::supervisor::to_json(client_of(self).state()).dump();
           })
      .def("client_stats",
           [](PySupervisorRig& self) {
             const auto& s = client_of(self).stats();
             return nlohmann::json{{"lines", s.lines},
                                   {"not_json", s.not_json},
                                   {"unknown", s.unknown},
                                   {"overlong", s.overlong},
                                   {"unmatched_replies", s.unmatched_replies},
                                   {"failed_requests", s.failed_requests},
                                   {"syncs", s.syncs},
                                   {"retries", client_of(self).retries()}}
                 .dump();
           })
      .def("client_log", [](PySupervisorRig& self) { return self.rig->take_client_log(); })
      .def("set_mesh_subscribed",
           [](PySupervisorRig& self, bool live) {
             client_of(self).set_mesh_subscribed(live);
             self.rig->clock().run_due();
           })
      .def("request",
           [](PySupervisorRig& self, const std::string& cmd, const std::string& extra_json) {
             PySupervisorRig* rig = &self;
             auto& client = client_of(self);
             auto id = std::make_shared<std::string>();
             *id = client.request(cmd, nlohmann::json::parse(extra_json),
                                  [rig, id](const hil::supervisor::RequestOutcome& o) {
                                    rig->outcomes[*id] = nlohmann::json{
                                        {"ok", o.ok},
                                        {"replied", o.replied},
                                        {"error", o.error},
                                        {"reply", o.reply}}.dump();
                                  });
             self.rig->clock().run_due();
             return *id;
           })
      .def("outcome",
           [](PySupervisorRig& self, const std::string& id) -> std::optional<std::string> {
             const auto it = self.outcomes.find(id);
             if (it == self.outcomes.end()) return std::nullopt;
             return it->second;
           })
      .def("start_poweroff", [](PySupervisorRig& self) { self.rig->start_poweroff(); })
      .def("poweroff_result",
           [](PySupervisorRig& self) -> std::optional<std::string> {
             const auto& result = self.rig->poweroff_result();
             if (!result) return std::nullopt;
             return nlohmann::json{{"ok", result->ok()},
                                   {"outcome", hil::supervisor::to_string(result->outcome)},
                                   {"detail", result->detail},
                                   {"message", result->describe()}}
                 .dump();
           })
      .def_property_readonly("poweroff_ok_pin",
                             [](PySupervisorRig& self) { return self.rig->poweroff_ok_pin(); })
      .def_property_readonly("poweroff_actions",
                             [](PySupervisorRig& self) { return self.rig->poweroff_actions(); });
}
