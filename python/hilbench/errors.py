"""The exceptions hilbench raises, one tree under HilbenchError.

Each one also derives from the built-in exception that the same failure raised before the tree
existed, so `except ValueError` and `pytest.raises(AssertionError)` in older scripts still catch it:

    HilbenchError
    +-- InputError (ValueError): a value or argument hilbench refuses
    |   +-- ScenarioError: a scenario file that cannot be loaded
    |   +-- IrError: a code or setting the IR codec refuses
    +-- NotConnectedError (RuntimeError): a command to a node cut from its broker
    +-- ExpectationFailed (AssertionError): what the devices did is not what was expected
        +-- ExpectationTimeout: no matching message before the deadline (virtual time)
        +-- UnexpectedMessage: a message that was expected not to come, came
        +-- TimeLimitReached: the bench's time limit ended the wait
        +-- ScenarioFailed: a scenario file ran and one of its steps failed
"""

from __future__ import annotations


class HilbenchError(Exception):
    """The base of every exception hilbench raises on purpose."""


class InputError(HilbenchError, ValueError):
    """A value or argument hilbench refuses: an unknown kind, device, option, setting, fault,
    command or parameter, an option of the wrong type or out of range, or arguments that do not go
    together. Also a ValueError, as these were before."""


class ScenarioError(InputError):
    """A scenario file that cannot be loaded; the message starts with file:line:column. Also a
    ValueError, as it always was."""


class IrError(InputError):
    """A code or value the IR codec refuses; str() is the reason. Also a ValueError, as it always
    was.

    offset and kind are set for a Tuya code the strict decoder rejects (the offending block's byte
    offset, or the character offset for invalid Base64); index for a bad duration."""

    def __init__(self, reason: str, offset: int | None = None, kind: str | None = None,
                 index: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offset = offset
        self.kind = kind
        self.index = index


class NotConnectedError(HilbenchError, RuntimeError):
    """A command sent to a simulated node whose broker session is cut. Also a RuntimeError, as it
    was before."""


class ExpectationFailed(HilbenchError, AssertionError):
    """What the devices did is not what a test expected. An AssertionError, so pytest reports a
    failure (not an error), as it did before this class existed."""


class ExpectationTimeout(ExpectationFailed):
    """Bench.expect found no matching message before its timeout_ms of virtual time (or before the
    bench's time limit) ran out; the message lists the nearest messages seen."""


class UnexpectedMessage(ExpectationFailed):
    """Bench.expect_none saw a matching message in its window."""


class TimeLimitReached(ExpectationFailed):
    """Bench.advance or expect_none ran into the bench's limit_ms of virtual time."""


class ScenarioFailed(ExpectationFailed):
    """A scenario file ran and failed (raised for the scenario items of the pytest plugin); the
    message is ScenarioResult.explain()."""


__all__ = ["ExpectationFailed", "ExpectationTimeout", "HilbenchError", "InputError", "IrError",
           "NotConnectedError", "ScenarioError", "ScenarioFailed", "TimeLimitReached",
           "UnexpectedMessage"]
