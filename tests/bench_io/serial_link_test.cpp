// Tests of SerialLink over PTYs: its own PTY, and a "tty" that is unplugged and plugged back in.
#include "bench/io/serial_link.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/bench_io/io_wait.h"
#include "tests/bench_io/temp_dir.h"

namespace hil::bench {
namespace {

using testing::run_until;

bool readable(int fd) {
  pollfd request{fd, POLLIN, 0};
  return ::poll(&request, 1, 0) == 1;
}

// Runs the io_context until `fd` has bytes, then reads them.
std::string read_when_ready(boost::asio::io_context& io, int fd) {
  if (!run_until(io, [&] { return readable(fd); })) return "<timeout>";
  char buffer[4096];
  const ssize_t size = ::read(fd, buffer, sizeof buffer);
  return size < 0 ? "<error>" : std::string(buffer, static_cast<std::size_t>(size));
}

void write_all(int fd, const std::string& text) {
  ASSERT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
}

TEST(SerialLink, PtyRoundTrip) {
  boost::asio::io_context io;
  std::string error;
  auto link = SerialLink::open_pty(io, error);
  ASSERT_NE(link, nullptr) << error;
  std::string received;
  link->set_on_bytes([&](std::string_view bytes) { received += bytes; });

  const int client = ::open(link->path().c_str(), O_RDWR | O_NOCTTY);
  ASSERT_GE(client, 0) << link->path();
  write_all(client, "{\"cmd\":\"status\"}\n");
  ASSERT_TRUE(run_until(io, [&] { return received == "{\"cmd\":\"status\"}\n"; })) << received;

  EXPECT_TRUE(link->write("{\"ok\":true}\n"));
  EXPECT_EQ(read_when_ready(io, client), "{\"ok\":true}\n");
  ::close(client);
}

TEST(SerialLink, WritesArriveInOrder) {
  boost::asio::io_context io;
  std::string error;
  auto link = SerialLink::open_pty(io, error);
  ASSERT_NE(link, nullptr) << error;
  const int client = ::open(link->path().c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
  ASSERT_GE(client, 0);

  std::string expected;
  for (int i = 0; i < 200; ++i) {
    const std::string line = "line " + std::to_string(i) + "\n";
    expected += line;
    ASSERT_TRUE(link->write(line));
  }
  std::string got;
  ASSERT_TRUE(run_until(io, [&] {
    char buffer[4096];
    const ssize_t size = ::read(client, buffer, sizeof buffer);
    if (size > 0) got.append(buffer, static_cast<std::size_t>(size));
    return got.size() >= expected.size();
  }));
  EXPECT_EQ(got, expected);
  ::close(client);
}

TEST(SerialLink, ClientReopeningThePtyKeepsTheLink) {
  boost::asio::io_context io;
  std::string error;
  auto link = SerialLink::open_pty(io, error);
  ASSERT_NE(link, nullptr) << error;
  std::string received;
  link->set_on_bytes([&](std::string_view bytes) { received += bytes; });

  for (const std::string text : {"first\n", "second\n"}) {
    const int client = ::open(link->path().c_str(), O_RDWR | O_NOCTTY);
    ASSERT_GE(client, 0);
    write_all(client, text);
    ASSERT_TRUE(run_until(io, [&] { return received.size() >= text.size(); }));
    EXPECT_EQ(received, text);
    received.clear();
    ::close(client);
  }
  EXPECT_TRUE(link->is_open());
}

TEST(SerialLink, APtyPeerThatWroteAndClosedIsHeardAndTheNextPeerIsServed) {
  boost::asio::io_context io;
  std::string error;
  auto link = SerialLink::open_pty(io, error);
  ASSERT_NE(link, nullptr) << error;
  std::string received;
  std::vector<bool> changes;
  link->set_on_bytes([&](std::string_view bytes) { received += bytes; });
  link->set_on_open_changed([&](bool open) { changes.push_back(open); });

  int client = ::open(link->path().c_str(), O_RDWR | O_NOCTTY);
  ASSERT_GE(client, 0);
  write_all(client, "half a li");
  ::close(client);
  // What it wrote first, then its leaving, then the link waiting for the next peer.
  ASSERT_TRUE(run_until(io, [&] { return changes.size() == 2; })) << changes.size();
  EXPECT_EQ(received, "half a li");
  EXPECT_EQ(changes, (std::vector<bool>{false, true}));

  received.clear();
  client = ::open(link->path().c_str(), O_RDWR | O_NOCTTY);
  ASSERT_GE(client, 0);
  write_all(client, "next\n");
  ASSERT_TRUE(run_until(io, [&] { return received == "next\n"; })) << received;
  EXPECT_TRUE(link->write("answer\n"));
  EXPECT_EQ(read_when_ready(io, client), "answer\n");
  ::close(client);
  EXPECT_TRUE(link->is_open());
}

TEST(SerialLink, MissingTtyIsAnError) {
  boost::asio::io_context io;
  std::string error;
  EXPECT_EQ(SerialLink::open_tty(io, "/dev/does-not-exist", SerialLink::kDefaultBaud, error),
            nullptr);
  EXPECT_NE(error.find("/dev/does-not-exist"), std::string::npos) << error;
}

// A PTY stands in for a USB serial adapter; a symlink plays the stable /dev/serial/by-id name.
TEST(SerialLink, TtyIsReopenedAfterItComesBack) {
  boost::asio::io_context io;
  testing::TempDir dir;
  const std::string stable_name = dir.file("ttyUSB0");
  std::string error;
  auto board = Pty::open(error);
  ASSERT_NE(board, nullptr) << error;
  std::filesystem::create_symlink(board->slave_path(), stable_name);

  auto link = SerialLink::open_tty(io, stable_name, SerialLink::kDefaultBaud, error);
  ASSERT_NE(link, nullptr) << error;
  EXPECT_EQ(link->path(), stable_name);
  std::string received;
  link->set_on_bytes([&](std::string_view bytes) { received += bytes; });
  std::vector<bool> open_changes;
  link->set_on_open_changed([&](bool open) { open_changes.push_back(open); });
  write_all(board->master_fd(), "before\n");
  ASSERT_TRUE(run_until(io, [&] { return received == "before\n"; })) << received;

  // Unplug.
  board.reset();
  std::filesystem::remove(stable_name);
  ASSERT_TRUE(run_until(io, [&] { return !link->is_open(); }));
  EXPECT_FALSE(link->write("lost\n"));
  EXPECT_EQ(open_changes, std::vector<bool>{false});

  // Plug back in, as another device node behind the same name.
  board = Pty::open(error);
  ASSERT_NE(board, nullptr) << error;
  std::filesystem::create_symlink(board->slave_path(), stable_name);
  ASSERT_TRUE(run_until(io, [&] { return link->is_open(); }));
  EXPECT_EQ(open_changes, (std::vector<bool>{false, true}));

  write_all(board->master_fd(), "after\n");
  ASSERT_TRUE(run_until(io, [&] { return received == "before\nafter\n"; })) << received;
  EXPECT_TRUE(link->write("hello again\n"));
  EXPECT_EQ(read_when_ready(io, board->master_fd()), "hello again\n");
}

}  // namespace
}  // namespace hil::bench
