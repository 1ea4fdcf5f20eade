// What the process runner reads of /proc: this process as /proc shows it, and a read that fails
// (as one of a process reaped after the open does) reading as empty instead of throwing.
#include "bench/head/processes/process_table.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace hil::bench {
namespace {

TEST(ProcessTable, ReadsThisProcess) {
  const std::optional<ProcessInfo> self = read_process(::getpid());
  ASSERT_TRUE(self.has_value());
  EXPECT_EQ(self->pid, ::getpid());
  EXPECT_EQ(self->parent, ::getppid());
  EXPECT_EQ(self->group, ::getpgrp());
  EXPECT_GT(self->start_ticks, 0u);
}

TEST(ProcessTable, AFileWhoseReadFailsReadsAsEmpty) {
  // A directory opens and then fails the read (EISDIR) as /proc/<pid>/stat of a process reaped
  // between the two fails it (ESRCH); libstdc++'s filebuf throws for either.
  EXPECT_EQ(read_proc_file(std::filesystem::temp_directory_path()), "");
  EXPECT_EQ(read_proc_file("/proc/self/no-such-file"), "");
  EXPECT_NE(read_proc_file("/proc/self/stat"), "");
}

}  // namespace
}  // namespace hil::bench
