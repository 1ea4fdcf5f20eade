# The package's conventions: one exception tree that still catches as the built-in exceptions of
# before, options given as dicts (or keywords, or both), and a docstring on every public name.

import importlib
import inspect

import pytest

import hilbench
from hilbench import errors

MODULES = ["hilbench", "hilbench.errors", "hilbench.ir", "hilbench.junit_merge", "hilbench.options",
           "hilbench.pytest_plugin", "hilbench.scenario", "hilbench.shards", "hilbench.stepper", "hilbench.supervisor"]


@pytest.mark.parametrize("name, before", [
    ("InputError", ValueError), ("ScenarioError", ValueError), ("IrError", ValueError),
    ("NotConnectedError", RuntimeError), ("ExpectationFailed", AssertionError),
    ("ExpectationTimeout", AssertionError), ("UnexpectedMessage", AssertionError),
    ("TimeLimitReached", AssertionError), ("ScenarioFailed", AssertionError),
])
def test_each_exception_is_a_hilbench_error_and_what_was_raised_before(name, before):
    cls = getattr(hilbench, name)
    assert issubclass(cls, hilbench.HilbenchError) and issubclass(cls, before)


def test_the_old_homes_of_the_exceptions_still_hold_them():
    assert hilbench.ir.IrError is errors.IrError
    assert hilbench.scenario.ScenarioError is errors.ScenarioError
    assert hilbench.pytest_plugin.ScenarioFailed is errors.ScenarioFailed


def stepper_bench(limit_ms=24 * 3600 * 1000):
    bench = hilbench.Bench(limit_ms=limit_ms)
    bench.add_stepper("node", {"node_id": "24a1601b2c3d"})
    bench.advance(2000)
    return bench


def test_an_expect_that_times_out_is_an_expectation_timeout():
    bench = stepper_bench()
    with pytest.raises(hilbench.ExpectationTimeout, match="no match within 50 ms"):
        bench.expect("node", serial="NEVER PRINTED", timeout_ms=50)


def test_an_expect_on_a_device_the_bench_lacks_fails_without_being_a_timeout():
    bench = stepper_bench()
    with pytest.raises(hilbench.ExpectationFailed) as caught:
        bench.expect("nobody", serial="x", timeout_ms=50)
    assert not isinstance(caught.value, hilbench.ExpectationTimeout)


def test_expect_none_and_the_time_limit_raise_their_own_failures():
    bench = stepper_bench(limit_ms=5000)
    bench.send("node", serial="MOVE:0,100")
    with pytest.raises(hilbench.UnexpectedMessage):
        bench.expect_none("node", serial="CTRL:DONE", for_ms=1000)
    with pytest.raises(hilbench.TimeLimitReached):
        bench.advance(10_000)


def test_options_and_settings_go_as_a_dict_as_keywords_or_both():
    bench = hilbench.Bench()
    bench.add("ir_blaster", "blaster", {"zigbee_name": "ir_1"}, room_temperature=27)
    bench.add_hvac("ac", {"device_id": "den", "blaster": "ir_1"})
    bench.set("blaster", {"room_temperature": {"celsius": 30}})
    bench.send("ac", mqtt={"mode": "cool", "temperature": 21})
    assert bench.expect("blaster", ir={"settings": {"mode": "cool"}}).json()["settings"]["temperature"] == 21
    with pytest.raises(hilbench.InputError, match="both in the dict and as a keyword: online"):
        bench.set("blaster", {"online": False}, online=True)
    with pytest.raises(ValueError, match="bad option"):
        bench.add("ir_blaster", "b2", {"room_temperature": "warm"})


def test_stepper_params_board_controls_and_ir_extras_as_dicts():
    node = hilbench.StepperNode()
    node.advance(2000)
    ack = node.command("MOVE", params={"target_ids": 0, "position_steps": 100})[-1]
    assert ack["status"] == "ack" and ack["result"]["est_ms"] > 0, ack
    node.set_mqtt_connected(False)
    with pytest.raises(hilbench.NotConnectedError):
        node.command("GET", params={"resource": "speed"})

    mcu = hilbench.SupervisorMcu()
    mcu.control({"switch": {"lid_open": True}})
    assert any(line.get("event") == "switch" for line in mcu.advance(10) if isinstance(line, dict))
    with pytest.raises(hilbench.InputError):
        mcu.control({"switch": {"gps": True}})

    assert hilbench.ir.daikin(extras={"quiet": True}).settings["quiet"] is True


def public_callables(module):
    """The functions and classes a module defines, and the methods and properties of its classes."""
    for name, value in vars(module).items():
        if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
            continue
        if inspect.isfunction(value):
            yield f"{module.__name__}.{name}", value
        elif inspect.isclass(value):
            yield f"{module.__name__}.{name}", value
            for member, attribute in vars(value).items():
                if not member.startswith("_") and (inspect.isfunction(attribute) or isinstance(attribute, property)):
                    yield f"{module.__name__}.{name}.{member}", attribute


def test_every_public_name_has_a_docstring():
    missing = [name for module in MODULES for name, value in public_callables(importlib.import_module(module))
               if not (value.__doc__ or "").strip()]
    assert missing == []
