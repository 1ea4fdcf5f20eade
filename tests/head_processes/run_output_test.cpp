// Tests of runs that end by themselves: exit status, the tails of stdout and stderr, and what the
// script finds around it (arguments, stdin, descriptors, session, marker).
#include <fcntl.h>
#include <unistd.h>

#include "tests/head_processes/runner_fixture.h"

namespace hil::bench::testing {
namespace {

using ScriptRun = RunnerTest;

TEST_F(ScriptRun, FinishesWithItsOutput) {
  start(7, script("hello.py", R"py(import sys
print("hello")
print(sys.argv[1:])
)py"),
        {"two words", "$HOME", ";", "-x"});
  ASSERT_TRUE(wait_for_exit(7));
  EXPECT_EQ(events_.started.count(7), 1u);
  const ProcessExit& exit = events_.exits[7];
  EXPECT_FALSE(exit.signaled);
  EXPECT_EQ(exit.code, 0);
  // No shell in between: every argument arrives as it was given.
  EXPECT_EQ(exit.stdout_tail, "hello\n['two words', '$HOME', ';', '-x']\n");
  EXPECT_EQ(exit.stderr_tail, "");
  EXPECT_EQ(exit.survivors, 0u);
  io_.poll();
  EXPECT_TRUE(events_.trees_gone.empty());  // only after an exit with survivors
}

TEST_F(ScriptRun, FailsWithItsErrorOutput) {
  start(1, script("fail.py", R"py(import sys
sys.stderr.write("bad input\n")
sys.exit(3)
)py"));
  ASSERT_TRUE(wait_for_exit(1));
  const ProcessExit& exit = events_.exits[1];
  EXPECT_FALSE(exit.signaled);
  EXPECT_EQ(exit.code, 3);
  EXPECT_EQ(exit.stdout_tail, "");
  EXPECT_EQ(exit.stderr_tail, "bad input\n");
}

TEST_F(ScriptRun, TenMegabytesRunToTheEndAndTheTailIsTheLastBytes) {
  // Both pipes at once, so that neither may wait for the other to be drained.
  start(1, script("flood.py", R"py(import sys
block = bytes(range(256)) * 256
for i in range(160):
    sys.stdout.buffer.write(block)
    if i % 16 == 0:
        sys.stderr.buffer.write(block)
sys.stdout.buffer.write(b"the end")
)py"));
  ASSERT_TRUE(wait_for_exit(1));
  const ProcessExit& exit = events_.exits[1];
  EXPECT_EQ(exit.code, 0);
  std::string pattern;
  for (int i = 0; i < 256; ++i) pattern += static_cast<char>(i);
  std::string last_bytes;
  for (int i = 0; i < 16; ++i) last_bytes += pattern;
  last_bytes += "the end";
  EXPECT_EQ(exit.stdout_tail, last_bytes.substr(last_bytes.size() - 4096));
  EXPECT_EQ(exit.stderr_tail, last_bytes.substr(0, 4096));
}

TEST_F(ScriptRun, StartsAloneWithNothingButItsPipes) {
  const int inherited = ::dup(STDOUT_FILENO);  // not close-on-exec: the runner must close it
  ASSERT_GE(inherited, 3);
  start(1, script("alone.py", R"py(import os, sys
open_fds = []
for fd in range(1024):
    try:
        os.fstat(fd)
        open_fds.append(fd)
    except OSError:
        pass
print(open_fds)
print(repr(sys.stdin.read()))
print(os.getsid(0) == os.getpid(), os.getpgid(0) == os.getpid())
print(os.environ.get("HILBENCH_HEAD_RUN", "") != "")
)py"));
  ASSERT_TRUE(wait_for_exit(1));
  ::close(inherited);
  EXPECT_EQ(events_.exits[1].stdout_tail, "[0, 1, 2]\n''\nTrue True\nTrue\n");
  EXPECT_EQ(events_.exits[1].stderr_tail, "");
}

TEST_F(ScriptRun, EventsComeFromTheIoContextOnly) {
  start(1, script("quick.py", "pass\n"));
  start(2, "missing.py");
  signal(1, StopSignal::kTerminate);
  signal(99, StopSignal::kKill);  // no such run: ignored
  EXPECT_TRUE(events_.started.empty());
  EXPECT_TRUE(events_.start_failures.empty());
  ASSERT_TRUE(wait_for_exit(1));
  EXPECT_EQ(events_.started.count(1), 1u);
  EXPECT_EQ(events_.start_failures.count(2), 1u);
}

}  // namespace
}  // namespace hil::bench::testing
