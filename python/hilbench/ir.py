"""IR codes: Daikin frames from Home Assistant's climate vocabulary, and Tuya codes both ways.

    >>> frame = hilbench.ir.daikin(mode="cool", temperature=21)
    >>> frame.state_hex[:16], len(frame.durations)
    ('11da2700c50000d7', 583)
    >>> hilbench.ir.decode(frame.tuya).settings == frame.settings
    True

The same codec as `hilbench ir`: its "settings" objects and these dicts have the same keys.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from typing import Any

from hilbench import _hilbench
from hilbench.errors import IrError
from hilbench.options import merge_options

_core = _hilbench.ir

ENCODERS = ("optimal", "smallest", "greedy", "literal")
"""The ways encode_tuya() can compress a code."""
EXTRAS = ("powerful", "quiet", "econo", "mold", "sensor", "comfort")
"""The Daikin extras daikin() takes, all False by default."""
_MAX_TUYA_US = 0xFFFF
_MAX_US = 0xFFFFFFFF


class DaikinFrame:
    """One Daikin frame: protocol ("daikin" or "daikin312"), state bytes with their checksums,
    settings (dict), the pulse durations in microseconds and, through .tuya, their Tuya code."""

    __slots__ = ("protocol", "preamble", "carrier_hz", "state", "settings", "durations", "_tuya")

    def __init__(self, raw: dict[str, Any], durations: Iterable[int], tuya: str | None = None) -> None:
        self.protocol: str = raw["protocol"]
        self.preamble: str = raw["preamble"]  # "five_zero_bits", or "leader_mark" (Tuya-learned DAIKIN312)
        self.carrier_hz: int = raw["carrier_hz"]
        self.state = bytes(raw["state"])
        self.settings: dict[str, Any] = dict(raw["settings"])
        self.durations = list(durations)
        self._tuya = tuya

    @property
    def state_hex(self) -> str:
        """The state bytes in hex, as `hilbench ir` prints them."""
        return self.state.hex()

    @property
    def tuya(self) -> str:
        """The Tuya code of .durations (the code itself when decoded from one), optimal parse."""
        if self._tuya is None:
            self._tuya = encode_tuya(self.durations, clamp=True)  # only a trailing gap can be over
        return self._tuya

    def to_dict(self) -> dict[str, Any]:
        """protocol, state (hex), settings, durations, carrier_hz and tuya, as `hilbench ir` prints
        a frame."""
        return {"protocol": self.protocol, "state": self.state_hex, "settings": dict(self.settings),
                "durations": list(self.durations), "carrier_hz": self.carrier_hz, "tuya": self.tuya}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DaikinFrame):
            return NotImplemented
        return (self.protocol, self.state, self.settings) == (other.protocol, other.state, other.settings)

    def __repr__(self) -> str:
        s = self.settings
        extras = "".join(f", {name}" for name in EXTRAS if s[name])
        return (f"DaikinFrame({self.protocol}: {s['hvac_mode']}, {s['temperature']:g} C, fan {s['fan_mode']}, "
                f"swing {s['swing_mode']}{extras}; {self.state_hex})")


def _durations(durations: Iterable[Any], clamp_to: int) -> list[int]:
    """Durations as a list of ints, over-long ones clamped to clamp_to, or IrError naming the first
    bad one (indices from 0)."""
    if isinstance(durations, (str, bytes)):
        raise IrError("durations must be a sequence of integers, not a string")
    values = []
    for index, item in enumerate(durations):
        if isinstance(item, bool):
            raise IrError(f"duration {index} is {item!r}, not an integer", index=index)
        try:
            value = operator.index(item)
        except TypeError:
            raise IrError(f"duration {index} is {item!r}, not an integer", index=index) from None
        if value < 0:
            raise IrError(f"duration {index} is {value} us; durations cannot be negative", index=index)
        values.append(min(value, clamp_to))
    return values


def _raise_if_error(raw: dict[str, Any]) -> dict[str, Any]:
    if "error" in raw:
        raise IrError(raw["error"], offset=raw.get("offset"), kind=raw.get("kind"), index=raw.get("index"))
    return raw


def encode_tuya(durations: Iterable[int], encoder: str = "optimal", clamp: bool = False) -> str:
    """Durations in microseconds (mark first) -> a Tuya code (Base64) for ir_code_to_send.

    encoder: "optimal" (fast), "smallest" (the optimum, 0.4 ms), "greedy", or "literal" (literal
    blocks only, as Home Assistant and Zigbee2MQTT write them). A duration over 65535 us raises IrError unless
    clamp=True, which sends 65535 in its place."""
    if encoder not in ENCODERS:
        raise IrError(f"encoder must be one of {', '.join(ENCODERS)}, not {encoder!r}")
    values = _durations(durations, _MAX_US)
    if not clamp:
        for index, value in enumerate(values):
            if value > _MAX_TUYA_US:
                raise IrError(f"duration {index} is {value} us; a Tuya code holds at most 65535 "
                              f"(clamp=True sends 65535)", index=index)
    code: str = _raise_if_error(_core.encode_tuya(values, encoder, bool(clamp)))["code"]
    return code


def decode_tuya(code: str | bytes) -> list[int]:
    """A Tuya code -> its durations in microseconds. Strict: raises IrError (with .offset and .kind)
    for invalid Base64, a truncated block, a match reaching before the start, or an odd length."""
    if isinstance(code, bytes):
        code = code.decode("ascii", "replace")
    if not isinstance(code, str):
        raise TypeError(f"a Tuya code is a str, not {type(code).__name__}")
    return list(_raise_if_error(_core.decode_tuya(code))["durations"])


def daikin(mode: str = "cool", temperature: float = 21, fan: str = "auto", swing: str = "off", power: bool = True,
           model: str = "daikin", encoder: str = "optimal", extras: Mapping[str, bool] | None = None,
           **more: bool) -> DaikinFrame:
    """Settings -> a DaikinFrame. mode is Home Assistant's hvac mode (off, auto, cool, heat, dry,
    fan_only; "off" turns the power off whatever power says), temperature 10..32 C in half degrees
    (22.5), fan auto, quiet or 1..5, swing off, vertical, horizontal or both; model "daikin"
    (280-bit) or "daikin312". Extras, all False by default: powerful, quiet, econo, mold, sensor,
    comfort (daikin only), as a dict, as keywords or both. encoder picks how .tuya is compressed.
    Raises IrError for settings the model cannot carry."""
    extras = merge_options(extras, more)
    unknown = sorted(set(extras) - set(EXTRAS))
    if unknown:
        raise TypeError(f"daikin() got unknown extras {', '.join(unknown)} (known: {', '.join(EXTRAS)})")
    if encoder not in ENCODERS:
        raise IrError(f"encoder must be one of {', '.join(ENCODERS)}, not {encoder!r}")
    try:
        temperature_c = float(temperature)
    except (TypeError, ValueError):
        raise IrError(f"temperature {temperature!r} is not a number") from None
    raw = _raise_if_error(_core.daikin(str(model), str(mode), temperature_c, str(fan), str(swing), bool(power),
                                       {name: bool(value) for name, value in extras.items()}))
    durations = raw["durations"]
    return DaikinFrame(raw, durations, encode_tuya(durations, encoder=encoder))


def decode_daikin(durations: Iterable[int]) -> DaikinFrame:
    """Durations in microseconds (with or without the final gap) -> a DaikinFrame of whichever
    Daikin protocol they carry; IrError says why neither matched."""
    values = _durations(durations, _MAX_US)
    return DaikinFrame(_raise_if_error(_core.decode_daikin(values)), values)


def decode(code: str | bytes) -> DaikinFrame:
    """A Tuya code straight to a DaikinFrame (its .tuya is the code given); IrError when the code
    is invalid or carries no Daikin frame."""
    if isinstance(code, bytes):
        code = code.decode("ascii", "replace")
    durations = decode_tuya(code)
    return DaikinFrame(_raise_if_error(_core.decode_daikin(durations)), durations, tuya=code)


__all__ = ["DaikinFrame", "IrError", "daikin", "decode", "decode_daikin", "decode_tuya", "encode_tuya"]
