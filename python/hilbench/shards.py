"""The suite split of `hilbench run --shard I/N`, for Python: the same rule, from the same C++ code."""

from __future__ import annotations

import os

from hilbench import _hilbench
from hilbench.errors import InputError


def shard_of(path: str | os.PathLike[str], count: int) -> int:
    """The shard (1..count) that runs the file at `path`: a stable hash of its file name modulo
    count, so neither its folder nor the other files of the suite move it."""
    if not 1 <= count <= 0xFFFF_FFFF:
        raise InputError(f"the shard count must be from 1 to 4294967295, not {count}")
    return _hilbench.shard_of(os.fspath(path), count)


def parse_shard(text: str) -> tuple[int, int]:
    """'I/N' as (I, N), both from 1 with I <= N; InputError saying what is wrong otherwise."""
    parsed = _hilbench.parse_shard(text)
    if isinstance(parsed, str):
        raise InputError(parsed)
    return parsed


__all__ = ["parse_shard", "shard_of"]
