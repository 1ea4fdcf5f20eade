// The _hilbench extension module: in-process rigs on virtual time.
#include <pybind11/pybind11.h>

namespace py = pybind11;

void bind_stepper_rig(py::module_& m);
void bind_scenario(py::module_& m);
void bind_ir(py::module_& m);
void bind_supervisor_rig(py::module_& m);
void bind_suite_shard(py::module_& m);

PYBIND11_MODULE(_hilbench, m) {
  m.doc() = "hilbench in-process simulated devices on virtual time";
  bind_stepper_rig(m);
  bind_scenario(m);
  bind_ir(m);
  bind_supervisor_rig(m);
  bind_suite_shard(m);
}
