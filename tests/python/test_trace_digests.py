# The suite's traces are pinned: each scenario of scenarios/, run with seed 1, gives a trace whose
# SHA-256 is in trace_digests.txt. A change that alters what a device says, or when, shows here by
# scenario; when the change is meant, write the digests again:
#   PYTHONPATH=build/python /usr/bin/python3 tests/python/test_trace_digests.py --write
# (Moving the stepper onto the session's shared broker changed none of them.)

import hashlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIGESTS = Path(__file__).with_name("trace_digests.txt")


def scenario_files():
    return sorted(p for p in (ROOT / "scenarios").glob("*.yaml") if not p.name.startswith("_"))


def digest(path):
    import hilbench
    return hashlib.sha256(hilbench.run_scenario(path, seed=1).trace_text().encode()).hexdigest()


def pinned():
    lines = DIGESTS.read_text().splitlines()
    return dict(line.split() for line in lines if line and not line.startswith("#"))


@pytest.mark.parametrize("path", scenario_files(), ids=lambda p: p.name)
def test_the_trace_is_the_pinned_one(path):
    expected = pinned().get(path.name)
    assert expected is not None, f"{path.name} has no pinned digest: write them again (see the top of this file)"
    assert digest(path) == expected, (f"{path.name}: its trace changed; if that is meant, write the digests again "
                                      "(see the top of this file) and say why in the commit")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    DIGESTS.write_text("# SHA-256 of each scenario's trace with seed 1 (tests/python/test_trace_digests.py)\n" +
                       "".join(f"{p.name} {digest(p)}\n" for p in scenario_files()))
