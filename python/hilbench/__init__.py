"""hilbench: simulated devices and a test bench, scriptable from Python and pytest."""

__version__ = "0.1.0"  # the CMake project's version

from hilbench.errors import (ExpectationFailed, ExpectationTimeout, HilbenchError, InputError, IrError,
                             NotConnectedError, ScenarioError, ScenarioFailed, TimeLimitReached, UnexpectedMessage)
from hilbench.options import Options
from hilbench.scenario import Bench, Message, ScenarioResult, kinds, run_scenario
from hilbench.shards import parse_shard, shard_of
from hilbench.stepper import StepperNode
from hilbench.supervisor import SupervisorMcu, SupvClient
from hilbench import ir

__all__ = ["Bench", "ExpectationFailed", "ExpectationTimeout", "HilbenchError", "InputError", "IrError", "Message",
           "NotConnectedError", "Options", "ScenarioError", "ScenarioFailed", "ScenarioResult", "StepperNode",
           "SupervisorMcu", "SupvClient", "TimeLimitReached", "UnexpectedMessage", "ir", "kinds", "parse_shard",
           "run_scenario", "shard_of"]
