// Binds VirtualStepperRig; the Python layer (hilbench/stepper.py) turns JSON text into dicts.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "firmware_core/stepper/command_table.h"
#include "sim/rigs/virtual_stepper_rig.h"

namespace py = pybind11;
using hil::sim::VirtualStepperRig;
using hil::sim::VirtualStepperRigOptions;

namespace {

// Console text may echo bytes a user sent that are not UTF-8: decode with replacement characters.
py::list to_py_lines(const std::vector<std::string>& lines) {
  py::list out;
  for (const auto& line : lines) {
    PyObject* text =
        PyUnicode_DecodeUTF8(line.data(), static_cast<Py_ssize_t>(line.size()), "replace");
    if (text == nullptr) throw py::error_already_set();
    out.append(py::reinterpret_steal<py::str>(text));
  }
  return out;
}

}  // namespace

void bind_stepper_rig(py::module_& m) {
  py::class_<VirtualStepperRig>(m, "StepperRig")
      .def(py::init([](const std::string& node_id, std::uint64_t seed, bool mqtt_connected) {
             VirtualStepperRigOptions options;
             options.node_id = node_id;
             options.seed = seed;
             options.mqtt_connected = mqtt_connected;
             return std::make_unique<VirtualStepperRig>(options);
           }),
           py::arg("node_id"), py::arg("seed"), py::arg("mqtt_connected") = true)
      .def("serial", [](VirtualStepperRig& rig,
                        const std::string& line) { return to_py_lines(rig.serial(line)); })
      .def("serial_bytes",
           [](VirtualStepperRig& rig, const py::bytes& data) {
             return to_py_lines(rig.serial_bytes(data));
           })
      .def("mqtt", [](VirtualStepperRig& rig,
                      const py::bytes& payload) { return to_py_lines(rig.mqtt(payload)); })
      .def("advance_ms",
           [](VirtualStepperRig& rig, std::int64_t ms) { return to_py_lines(rig.advance_ms(ms)); })
      .def("take_published",
           [](VirtualStepperRig& rig) {
             py::list out;
             for (const auto& message : rig.take_published()) {
               out.append(py::make_tuple(message.time_us / 1000.0, message.topic,
                                         py::bytes(message.payload), message.qos, message.retain));
             }
             return out;
           })
      .def("status_json", [](VirtualStepperRig& rig) { return rig.status().dump(); })
      .def("set_mqtt_connected", &VirtualStepperRig::set_mqtt_connected, py::arg("connected"))
      .def("power_cycle", &VirtualStepperRig::power_cycle)
      .def_property_readonly("now_ms", &VirtualStepperRig::now_ms)
      .def_property_readonly("node_id", &VirtualStepperRig::node_id);
  // The firmware's command table as data (hilbench.stepper.commands()).
  m.def("stepper_commands", [] { return hil::stepper::command_dictionary().dump(); });
}
