"""hilbench: simulated devices and a test bench, scriptable from Python and pytest."""

from hilbench.scenario import Bench, Message, ScenarioError, ScenarioResult, kinds, run_scenario
from hilbench.stepper import StepperNode
from hilbench.supervisor import SupervisorMcu, SupvClient
from hilbench import ir

__all__ = ["Bench", "Message", "ScenarioError", "ScenarioResult", "StepperNode", "SupervisorMcu", "SupvClient", "ir",
           "kinds", "run_scenario"]
