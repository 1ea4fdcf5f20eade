"""Options, settings and params: given as one dict, as keywords, or both (keywords as scripts
written before the dict form pass them)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hilbench.errors import InputError

Options = Mapping[str, Any]
"""Values by name, each made of None, bool, int, float, str, lists and dicts (what JSON carries)."""


def merge_options(given: Options | None, keywords: Options) -> dict[str, Any]:
    """The dict and the keywords as one dict; a name in both raises InputError."""
    if given is not None and not isinstance(given, Mapping):
        raise TypeError(f"options are a dict, not {type(given).__name__}")
    merged = dict(given or {})
    twice = sorted(set(merged) & set(keywords))
    if twice:
        raise InputError(f"given both in the dict and as a keyword: {', '.join(twice)}")
    merged.update(keywords)
    return merged
