# What the fleet benchmarks read from a process and from a list of timings.

import statistics
from pathlib import Path


def rss_kib(pid):
    """The process's resident memory in KiB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def round_trips(values):
    """p50, p90 and p99 of round trips in milliseconds, to the microsecond."""
    return {"p50": round(statistics.median(values), 3), "p90": round(percentile(values, 0.9), 3),
            "p99": round(percentile(values, 0.99), 3)}
