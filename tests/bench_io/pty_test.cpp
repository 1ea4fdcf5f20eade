// Tests of Pty: a client opens the slave with plain open()/read()/write().
#include "bench/io/pty.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <string>

namespace hil::bench {
namespace {

constexpr int kDeadlineMs = 5000;

// Waits (up to the deadline) for `fd` to be readable, then reads what is there.
std::string read_some(int fd) {
  pollfd request{fd, POLLIN, 0};
  if (::poll(&request, 1, kDeadlineMs) != 1) return "<timeout>";
  char buffer[256];
  const ssize_t size = ::read(fd, buffer, sizeof buffer);
  if (size < 0) return "<error>";
  return std::string(buffer, static_cast<std::size_t>(size));
}

void write_all(int fd, const std::string& text) {
  ASSERT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
}

std::unique_ptr<Pty> open_pty() {
  std::string error;
  auto pty = Pty::open(error);
  EXPECT_NE(pty, nullptr) << error;
  return pty;
}

TEST(Pty, RoundTripInRawMode) {
  auto pty = open_pty();
  ASSERT_TRUE(pty);
  EXPECT_EQ(pty->slave_path().rfind("/dev/pts/", 0), 0u) << pty->slave_path();
  const int client = ::open(pty->slave_path().c_str(), O_RDWR | O_NOCTTY);
  ASSERT_GE(client, 0);

  // Raw: no echo, no CR/LF translation, control characters pass through.
  const std::string to_device = "ping\n\x03\r";
  write_all(client, to_device);
  EXPECT_EQ(read_some(pty->master_fd()), to_device);

  const std::string to_client = "pong\n";
  write_all(pty->master_fd(), to_client);
  EXPECT_EQ(read_some(client), to_client);
  ::close(client);
}

TEST(Pty, ClientClosingTheSlaveDoesNotBreakTheMaster) {
  auto pty = open_pty();
  ASSERT_TRUE(pty);
  int client = ::open(pty->slave_path().c_str(), O_RDWR | O_NOCTTY);
  ASSERT_GE(client, 0);
  ::close(client);

  // No hang-up on the master: nothing to read, no error.
  pollfd request{pty->master_fd(), POLLIN, 0};
  EXPECT_EQ(::poll(&request, 1, 0), 0);

  client = ::open(pty->slave_path().c_str(), O_RDWR | O_NOCTTY);
  ASSERT_GE(client, 0);
  write_all(client, "again\n");
  EXPECT_EQ(read_some(pty->master_fd()), "again\n");
  ::close(client);
}

TEST(Pty, EachPairHasItsOwnSlave) {
  auto first = open_pty();
  auto second = open_pty();
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->slave_path(), second->slave_path());
}

}  // namespace
}  // namespace hil::bench
