"""Starting and stopping `hilbench` processes for the audio benchmarks: the ready line, SIGINT, and
the resource use the kernel kept for the process (what /usr/bin/time -v prints)."""

import json
import os
import signal
import subprocess


class Hilbench:
    """One `hilbench ...` process; its stderr goes to `log_path`."""

    def __init__(self, build, args, log_path):
        self.log_path = log_path
        self._log = open(log_path, "w")
        self.proc = subprocess.Popen([os.path.join(build, "bin", "hilbench"), *args], stdout=subprocess.PIPE,
                                     stderr=self._log, text=True)
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"hilbench {' '.join(args)} exited before it was ready: see {log_path}")
        self.info = json.loads(line)

    def cpu_seconds(self):
        """User plus system CPU so far, from /proc (for a window of the run)."""
        with open(f"/proc/{self.proc.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        """SIGINT, then the exit status and the kernel's rusage (ru_maxrss in KiB, CPU seconds)."""
        self.proc.send_signal(signal.SIGINT)
        _, status, usage = os.wait4(self.proc.pid, 0)
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        self._log.close()
        return {"exit": self.proc.returncode, "max_rss_kib": usage.ru_maxrss,
                "cpu_s": usage.ru_utime + usage.ru_stime}

    def log_lines(self):
        with open(self.log_path) as log:
            return log.read().splitlines()


def percentile(sorted_values, share):
    """The nearest-rank percentile of an ascending list."""
    rank = max(1, -(-len(sorted_values) * share // 1))
    return sorted_values[int(rank) - 1]
