"""hilbench: simulated devices and a test bench, scriptable from Python and pytest."""

from hilbench.stepper import StepperNode

__all__ = ["StepperNode"]
