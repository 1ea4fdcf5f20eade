// BluezAdapter against python3-dbusmock's BlueZ on a private bus: the outcomes of connect and
// disconnect, with the errors BlueZ 5.66 sends and the ones the adapter makes itself.
#include "bench/head/bluez/bluez_adapter.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/bench_io/io_wait.h"
#include "tests/head_bluez/private_bluez.h"
#include "tests/head_bluez/recorded_events.h"

namespace hil::bench {
namespace {

using testing::PrivateBluez;
using testing::RecordedEvents;
using testing::run_until;

constexpr const char* kSpeaker = "AA:BB:CC:DD:EE:01";
constexpr const char* kSpeakerPath = "/org/bluez/hci0/dev_AA_BB_CC_DD_EE_01";
// No device has it; connecting it also serves as a barrier: its failure comes after every reply
// and signal BlueZ sent before it was asked.
constexpr const char* kUnknown = "AA:BB:CC:DD:EE:99";

class BluezAdapterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    ASSERT_TRUE(bluez_.start_bus(error)) << error;
    ASSERT_TRUE(bluez_.start_bluez(error)) << error;
    ASSERT_TRUE(bluez_.call("/", "org.bluez.Mock", "AddAdapter", "ss", {"hci0", "bench"}, error))
        << error;
    ASSERT_TRUE(bluez_.call("/", "org.bluez.Mock", "AddDevice", "sss",
                            {"hci0", kSpeaker, "speaker"}, error))
        << error;
  }

  // Opens the adapter on the private bus (hci0 only), reporting to events_.
  void open_adapter(std::chrono::milliseconds connect_timeout = std::chrono::seconds(30)) {
    std::string error;
    adapter_ = BluezAdapter::open(io_, BluezOptions{"hci0", connect_timeout}, error);
    ASSERT_NE(adapter_, nullptr) << error;
    adapter_->set_events(events_);
  }

  bool wait_for_events(std::size_t count) {
    return run_until(io_, [&] { return events_.lines.size() >= count; });
  }

  void connect_speaker() {
    adapter_->connect(kSpeaker);
    ASSERT_TRUE(wait_for_events(1));
    ASSERT_EQ(events_.lines.front(), std::string("connected ") + kSpeaker);
    events_.lines.clear();
  }

  // Waits for the speaker's disconnect, then until BlueZ has answered everything it was sent
  // before that, so that a second report would be seen.
  void expect_one_disconnect() {
    ASSERT_TRUE(wait_for_events(1));
    adapter_->connect(kUnknown);
    ASSERT_TRUE(wait_for_events(2));
    EXPECT_EQ(events_.lines.front(), std::string("disconnected ") + kSpeaker);
    EXPECT_EQ(events_.lines.at(1).rfind(std::string("connect failed ") + kUnknown, 0), 0U)
        << events_.lines.at(1);
  }

  boost::asio::io_context io_;
  PrivateBluez bluez_{io_};
  RecordedEvents events_;
  std::unique_ptr<BluezAdapter> adapter_;
};

TEST_F(BluezAdapterTest, ConnectingAKnownDeviceSucceeds) {
  open_adapter();
  connect_speaker();
}

TEST_F(BluezAdapterTest, AnUnknownAddressIsNotAvailableAsBluetoothctlSaysIt) {
  open_adapter();
  adapter_->connect(kUnknown);
  EXPECT_TRUE(events_.lines.empty()) << "events come from the io_context, not from connect()";
  ASSERT_TRUE(wait_for_events(1));
  EXPECT_EQ(events_.lines.front(), std::string("connect failed ") + kUnknown +
                                       " org.bluez.Error.DoesNotExist Device " + kUnknown +
                                       " not available");
}

TEST_F(BluezAdapterTest, BluezErrorsArePassedOnExactly) {
  std::string error;
  ASSERT_TRUE(
      bluez_.override_method(kSpeakerPath, "org.bluez.Device1", "Connect",
                             "raise dbus.exceptions.DBusException('br-connection-page-timeout', "
                             "name='org.bluez.Error.Failed')",
                             error))
      << error;
  open_adapter();
  adapter_->connect(kSpeaker);
  ASSERT_TRUE(wait_for_events(1));
  EXPECT_EQ(events_.lines.front(), std::string("connect failed ") + kSpeaker +
                                       " org.bluez.Error.Failed br-connection-page-timeout");
}

TEST_F(BluezAdapterTest, ARemoteDisconnectIsReportedOnce) {
  open_adapter();
  connect_speaker();
  std::string error;
  ASSERT_TRUE(
      bluez_.call("/", "org.bluez.Mock", "DisconnectDevice", "ss", {"hci0", kSpeaker}, error))
      << error;
  expect_one_disconnect();
}

TEST_F(BluezAdapterTest, OurDisconnectIsReportedOnceFromSignalAndReply) {
  // dbusmock's Disconnect, like BlueZ's, both signals Connected=false and replies.
  open_adapter();
  connect_speaker();
  adapter_->disconnect(kSpeaker);
  expect_one_disconnect();
}

TEST_F(BluezAdapterTest, OurDisconnectIsReportedFromTheReplyWhenNoSignalComes) {
  open_adapter();
  connect_speaker();
  std::string error;
  ASSERT_TRUE(bluez_.override_method(kSpeakerPath, "org.bluez.Device1", "Disconnect", "", error))
      << error;
  adapter_->disconnect(kSpeaker);
  expect_one_disconnect();
}

// Bug: a disconnect while BlueZ was still connecting waited for a device lookup, so an adapter
// closed right after (the service exiting on SIGTERM) never sent the Disconnect that cancels the
// connect.
TEST_F(BluezAdapterTest, ADisconnectDuringAPendingConnectReachesBluezThoughTheAdapterClosesAtOnce) {
  const std::string called =
      ::testing::TempDir() + "hilbench-connect-called-" + std::to_string(::getpid());
  std::filesystem::remove(called);
  std::string error;
  // BlueZ paging the device: the mock notes the call, then answers nothing for a second.
  ASSERT_TRUE(bluez_.override_method(kSpeakerPath, "org.bluez.Device1", "Connect",
                                     "open('" + called + "', 'w').close(); time.sleep(1)", error))
      << error;
  open_adapter();
  adapter_->connect(kSpeaker);
  // Polled in short slices: run_until would first wait for the next event, the Connect's answer.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!std::filesystem::exists(called) && std::chrono::steady_clock::now() < deadline)
    io_.run_for(std::chrono::milliseconds(5));
  ASSERT_TRUE(std::filesystem::exists(called));
  adapter_->disconnect(kSpeaker);
  adapter_.reset();   // closes the bus now, as the service does when it exits
  std::string calls;  // answered once the mock wakes: "a(tav) COUNT ..."
  ASSERT_EQ(
      run_command({"busctl", "--address=" + bluez_.bus_address(), "call", "org.bluez", kSpeakerPath,
                   "org.freedesktop.DBus.Mock", "GetMethodCalls", "s", "Disconnect"},
                  calls),
      0)
      << calls;
  EXPECT_EQ(calls.rfind("a(tav) 1 ", 0), 0u) << calls;
  std::filesystem::remove(called);
}

TEST_F(BluezAdapterTest, AConnectWithNoAnswerTimesOut) {
  // The mock answers nothing while it sleeps; the test ends (and kills it) long before it wakes.
  std::string error;
  ASSERT_TRUE(
      bluez_.override_method(kSpeakerPath, "org.bluez.Device1", "Connect", "time.sleep(60)", error))
      << error;
  open_adapter(std::chrono::milliseconds(300));
  adapter_->connect(kSpeaker);
  ASSERT_TRUE(wait_for_events(1));
  EXPECT_EQ(events_.lines.front(),
            std::string("connect failed ") + kSpeaker +
                " org.hilbench.Error.Timeout no answer from BlueZ in 300 ms");
}

TEST(BluezAdapterWithoutBluez, ABusWithoutBluezFailsTheConnectWithTheBusError) {
  boost::asio::io_context io;
  PrivateBluez bluez(io);
  std::string error;
  ASSERT_TRUE(bluez.start_bus(error)) << error;
  auto adapter = BluezAdapter::open(io, BluezOptions{}, error);
  ASSERT_NE(adapter, nullptr) << error;
  RecordedEvents events;
  adapter->set_events(events);
  adapter->connect(kSpeaker);
  ASSERT_TRUE(run_until(io, [&] { return !events.lines.empty(); }));
  EXPECT_EQ(events.lines.front().rfind(std::string("connect failed ") + kSpeaker +
                                           " org.freedesktop.DBus.Error.ServiceUnknown ",
                                       0),
            0u)
      << events.lines.front();
}

TEST(BluezAdapterWithoutBus, OpeningSaysWhyTheBusCannotBeReached) {
  ::setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/hilbench-bus", 1);
  boost::asio::io_context io;
  std::string error;
  EXPECT_EQ(BluezAdapter::open(io, BluezOptions{}, error), nullptr);
  EXPECT_EQ(error,
            "cannot open the D-Bus system bus at unix:path=/nonexistent/hilbench-bus: No such file "
            "or directory");
}

}  // namespace
}  // namespace hil::bench
