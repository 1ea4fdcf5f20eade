// Tests of what the process runner refuses to start, and of an interpreter that cannot be
// executed: on_start_failed, and no process.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tests/head_processes/runner_fixture.h"

namespace hil::bench::testing {
namespace {

// A script that would leave a trace if it ever ran.
constexpr const char* kTouchScript = R"py(import sys
open(sys.argv[1], "w").write("ran")
)py";

class StartRefusal : public RunnerTest {
 protected:
  // The refusal comes later, from the io_context; nothing ran and no child process exists.
  void expect_refused(RunId run, const std::string& path, const std::string& reason_part) {
    start(run, path, {trace_});
    EXPECT_TRUE(events_.start_failures.empty());
    ASSERT_TRUE(wait_for_start_failure(run));
    EXPECT_NE(events_.start_failures[run].find(reason_part), std::string::npos)
        << events_.start_failures[run];
    EXPECT_EQ(events_.start_failures[run].find('\n'), std::string::npos);
    io_.poll();
    EXPECT_TRUE(events_.started.empty());
    EXPECT_TRUE(events_.exits.empty());
    EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1);
    EXPECT_EQ(errno, ECHILD);
    EXPECT_FALSE(std::filesystem::exists(trace_));
  }

  std::string elsewhere_script() {
    std::string path = elsewhere_.file("outside.py");
    std::ofstream(path) << kTouchScript;
    return path;
  }

  const std::string trace_ = elsewhere_.file("trace");
};

TEST_F(StartRefusal, MissingFile) {
  expect_refused(1, "no_such_script.py", "No such file or directory");
}

TEST_F(StartRefusal, AbsolutePathOutsideTheAllowedFolders) {
  expect_refused(1, elsewhere_script(), "outside the allowed folders");
}

TEST_F(StartRefusal, SymlinkInsideTheFolderPointingOutside) {
  std::filesystem::create_symlink(elsewhere_script(), scripts_.file("link.py"));
  expect_refused(1, "link.py", "outside the allowed folders");
}

TEST_F(StartRefusal, DotDotEscape) {
  const std::string escape =
      "../" + std::filesystem::path(elsewhere_.path()).filename().string() + "/outside.py";
  elsewhere_script();
  ASSERT_TRUE(std::filesystem::exists(scripts_.path() + "/" + escape));
  expect_refused(1, escape, "outside the allowed folders");
}

TEST_F(StartRefusal, PathStartingWithADash) {
  script("-c", kTouchScript);
  expect_refused(1, "-c", "starts with '-'");
}

TEST_F(StartRefusal, AFolderIsNoScript) {
  std::filesystem::create_directory(scripts_.file("folder"));
  expect_refused(1, "folder", "not a regular file");
}

TEST_F(StartRefusal, RunIdStillInUse) {
  const std::string name = script("wait.py", "import time\ntime.sleep(60)\n");
  start(1, name);
  ASSERT_TRUE(wait_until([&] { return events_.started.count(1) != 0; }));
  start(1, name);
  ASSERT_TRUE(wait_for_start_failure(1));
  EXPECT_NE(events_.start_failures[1].find("still in use"), std::string::npos);
}

TEST_F(StartRefusal, InterpreterMissingFromPath) {
  make_runner("hilbench-no-such-interpreter");
  expect_refused(1, script("touch.py", kTouchScript), "No such file or directory");
}

TEST_F(StartRefusal, InterpreterMissingAtAnAbsolutePath) {
  make_runner(elsewhere_.file("no-such-python3"));
  expect_refused(1, script("touch.py", kTouchScript), "No such file or directory");
}

TEST_F(StartRefusal, InterpreterNotExecutable) {
  const std::string interpreter = elsewhere_.file("not-executable");
  std::ofstream(interpreter) << "#!/bin/sh\n";
  ::chmod(interpreter.c_str(), 0644);
  make_runner(interpreter);
  expect_refused(1, script("touch.py", kTouchScript), "Permission denied");
}

}  // namespace
}  // namespace hil::bench::testing
