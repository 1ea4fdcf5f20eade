// Tests of stopping runs and of what they leave behind: SIGTERM, SIGKILL, grandchildren in the
// run's group, in a session of their own, after a double fork, and the runner's destructor.
#include <csignal>
#include <ostream>
#include <string>

#include "tests/head_processes/runner_fixture.h"

namespace hil::bench::testing {
namespace {

// A process's state letter in /proc (R, S, T for stopped...); '?' once it is gone.
char process_state(pid_t pid) {
  const std::string text = file_text("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t name_end = text.rfind(')');
  return name_end == std::string::npos || name_end + 2 >= text.size() ? '?' : text[name_end + 2];
}

class TreeSignal : public RunnerTest {
 protected:
  const std::string pids_file_ = elsewhere_.file("pids");
};

TEST_F(TreeSignal, TerminateEndsASleepingScript) {
  start(1, script("sleep.py", "import time\ntime.sleep(60)\n"));
  ASSERT_TRUE(wait_until([&] { return events_.started.count(1) != 0; }));
  signal(1, StopSignal::kTerminate);
  ASSERT_TRUE(wait_for_exit(1));
  EXPECT_TRUE(events_.exits[1].signaled);
  EXPECT_EQ(events_.exits[1].code, SIGTERM);
  EXPECT_EQ(events_.exits[1].survivors, 0u);
}

TEST_F(TreeSignal, KillEndsAScriptThatIgnoresTerminate) {
  start(1, script("stubborn.py", R"py(import signal, sys, time
def note(number, frame):
    open(sys.argv[1], "a").write("terminate ignored\n")
signal.signal(signal.SIGTERM, note)
open(sys.argv[1], "w").write("ready\n")
while True:
    time.sleep(60)
)py"),
        {pids_file_});
  ASSERT_TRUE(wait_until([&] { return file_text(pids_file_) == "ready\n"; }));
  signal(1, StopSignal::kTerminate);
  ASSERT_TRUE(wait_until(
      [&] { return file_text(pids_file_).find("terminate ignored") != std::string::npos; }));
  EXPECT_TRUE(events_.exits.empty());
  signal(1, StopSignal::kKill);
  ASSERT_TRUE(wait_for_exit(1));
  EXPECT_TRUE(events_.exits[1].signaled);
  EXPECT_EQ(events_.exits[1].code, SIGKILL);
}

TEST_F(TreeSignal, TerminateReachesAStoppedScript) {
  start(1, script("stopped.py", R"py(import os, signal, sys
signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(5))
open(sys.argv[1], "w").write(f"{os.getpid()}\nend\n")
os.kill(os.getpid(), signal.SIGSTOP)
)py"),
        {pids_file_});
  ASSERT_TRUE(wait_for_pids_file(pids_file_));
  const pid_t main_pid = read_pids(pids_file_).at(0);
  ASSERT_TRUE(wait_until([&] { return process_state(main_pid) == 'T'; }));
  // Its handler runs only once it is continued: SIGCONT follows SIGTERM.
  signal(1, StopSignal::kTerminate);
  ASSERT_TRUE(wait_for_exit(1));
  EXPECT_FALSE(events_.exits[1].signaled);
  EXPECT_EQ(events_.exits[1].code, 5);
}

struct LeftBehind {
  const char* name;
  const char* script;  // writes the pid of the process it leaves behind, then "end"
  StopSignal stop;
};

// Test names show the case's name rather than its bytes (GoogleTest looks for this name).
// NOLINTNEXTLINE(readability-identifier-naming)
void PrintTo(const LeftBehind& left_behind, std::ostream* out) { *out << left_behind.name; }

class Survivors : public TreeSignal, public ::testing::WithParamInterface<LeftBehind> {};

TEST_P(Survivors, AreCountedThenStoppedThenReportedGone) {
  start(1, script("leave.py", GetParam().script), {pids_file_});
  ASSERT_TRUE(wait_for_exit(1));
  const ProcessExit& exit = events_.exits[1];
  EXPECT_EQ(exit.code, 0) << exit.stderr_tail;
  EXPECT_EQ(exit.survivors, 1u);
  const std::vector<pid_t> left = read_pids(pids_file_);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_FALSE(gone(left[0]));
  io_.poll();
  EXPECT_TRUE(events_.trees_gone.empty());

  signal(1, GetParam().stop);
  ASSERT_TRUE(wait_for_tree_gone(1));
  EXPECT_TRUE(gone(left[0]));
  signal(1, StopSignal::kKill);  // the run is over: ignored
  io_.poll();
  EXPECT_EQ(events_.exits.size(), 1u);
}

const LeftBehind kLeftBehind[] = {
    {"GrandchildInTheGroup", R"py(import subprocess, sys
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
open(sys.argv[1], "w").write(f"{child.pid}\nend\n")
)py",
     StopSignal::kKill},
    {"GrandchildInItsOwnSession", R"py(import os, sys, time
ready_read, ready_write = os.pipe()
child = os.fork()
if child == 0:
    os.setsid()
    os.write(ready_write, b"x")
    time.sleep(60)
    os._exit(0)
os.read(ready_read, 1)
open(sys.argv[1], "w").write(f"{child}\nend\n")
)py",
     StopSignal::kTerminate},
    {"DoubleFork", R"py(import os, sys, time
pid_read, pid_write = os.pipe()
middle = os.fork()
if middle == 0:
    os.setsid()
    daemon = os.fork()
    if daemon == 0:
        time.sleep(60)
        os._exit(0)
    os.write(pid_write, f"{daemon}\n".encode())
    os._exit(0)
os.waitpid(middle, 0)
daemon = int(os.read(pid_read, 32))
open(sys.argv[1], "w").write(f"{daemon}\nend\n")
)py",
     StopSignal::kKill},
};

INSTANTIATE_TEST_SUITE_P(LeftBehind, Survivors, ::testing::ValuesIn(kLeftBehind),
                         [](const ::testing::TestParamInfo<LeftBehind>& info) {
                           return std::string(info.param.name);
                         });

// The main process, a child in its group, one in its own session and one after a double fork.
constexpr const char* kFamilyScript = R"py(import os, subprocess, sys, time
in_group = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
ready_read, ready_write = os.pipe()
own_session = os.fork()
if own_session == 0:
    os.setsid()
    os.write(ready_write, b"x")
    time.sleep(60)
    os._exit(0)
os.read(ready_read, 1)
middle = os.fork()
if middle == 0:
    os.setsid()
    daemon = os.fork()
    if daemon == 0:
        time.sleep(60)
        os._exit(0)
    os.write(ready_write, f"{daemon:10d}".encode())
    os._exit(0)
os.waitpid(middle, 0)
daemon = int(os.read(ready_read, 10))
open(sys.argv[1], "w").write(f"{os.getpid()} {in_group.pid} {own_session} {daemon}\nend\n")
if sys.argv[2] == "stay":
    time.sleep(60)
)py";

TEST_F(TreeSignal, DestructorLeavesNoProcessOfARunningScript) {
  start(1, script("family.py", kFamilyScript), {pids_file_, "stay"});
  ASSERT_TRUE(wait_for_pids_file(pids_file_));
  const std::vector<pid_t> family = read_pids(pids_file_);
  ASSERT_EQ(family.size(), 4u);
  runner_.reset();
  for (const pid_t pid : family) EXPECT_TRUE(gone(pid)) << pid;
}

TEST_F(TreeSignal, DestructorLeavesNoSurvivor) {
  start(1, script("family.py", kFamilyScript), {pids_file_, "leave"});
  ASSERT_TRUE(wait_for_exit(1));
  EXPECT_EQ(events_.exits[1].survivors, 3u) << events_.exits[1].stderr_tail;
  const std::vector<pid_t> family = read_pids(pids_file_);
  ASSERT_EQ(family.size(), 4u);
  runner_.reset();
  for (const pid_t pid : family) EXPECT_TRUE(gone(pid)) << pid;
}

}  // namespace
}  // namespace hil::bench::testing
