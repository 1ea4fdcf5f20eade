// Covers sim/network/sim_wifi.h: joining after the connect delay, wrong passwords, access point
// mode, scanning.
#include "sim/network/sim_wifi.h"

#include <gtest/gtest.h>

#include "sim/time/virtual_scheduler.h"

namespace hil::sim {
namespace {

using std::chrono::milliseconds;

TEST(SimWifi, StartsDisconnectedWithTheConfiguredMac) {
  VirtualScheduler scheduler;
  SimWifi wifi(scheduler, SimWifiOptions{});
  EXPECT_EQ(wifi.status().state, core::WifiState::kDisconnected);
  EXPECT_EQ(wifi.mac(), 0x24A1601B2C3DULL);
}

TEST(SimWifi, ConnectsToAKnownNetworkAfterTheConnectDelay) {
  VirtualScheduler scheduler;
  SimWifi wifi(scheduler, SimWifiOptions{});
  std::optional<bool> result;
  wifi.connect("TestNet", "password123", [&](bool ok) { result = ok; });
  EXPECT_EQ(wifi.status().state, core::WifiState::kConnecting);
  scheduler.run_until(milliseconds(1499));
  EXPECT_FALSE(result);
  scheduler.run_until(milliseconds(1500));
  ASSERT_TRUE(result);
  EXPECT_TRUE(*result);
  const auto status = wifi.status();
  EXPECT_EQ(status.state, core::WifiState::kConnected);
  EXPECT_EQ(status.ssid, "TestNet");
  EXPECT_EQ(status.ip, "192.168.1.50");
  EXPECT_EQ(status.rssi_dbm, -55);
}

TEST(SimWifi, WrongPasswordOrUnknownNetworkFails) {
  VirtualScheduler scheduler;
  SimWifiOptions options;
  options.air = {{{"Locked", -50, true, 1}, "rightpass"}};
  SimWifi wifi(scheduler, options);
  std::optional<bool> result;
  wifi.connect("Locked", "wrongpass", [&](bool ok) { result = ok; });
  scheduler.run_until(milliseconds(2000));
  EXPECT_EQ(result, false);
  EXPECT_EQ(wifi.status().state, core::WifiState::kDisconnected);
  result.reset();
  wifi.connect("Nowhere", "", [&](bool ok) { result = ok; });
  scheduler.run_until(milliseconds(4000));
  EXPECT_EQ(result, false);
  result.reset();
  wifi.connect("Locked", "rightpass", [&](bool ok) { result = ok; });
  scheduler.run_until(milliseconds(6000));
  EXPECT_EQ(result, true);
}

TEST(SimWifi, AccessPointCancelsAPendingConnect) {
  VirtualScheduler scheduler;
  SimWifi wifi(scheduler, SimWifiOptions{});
  bool called = false;
  wifi.connect("TestNet", "", [&](bool) { called = true; });
  wifi.start_access_point();
  scheduler.run_until(milliseconds(5000));
  EXPECT_FALSE(called);
  const auto status = wifi.status();
  EXPECT_EQ(status.state, core::WifiState::kApActive);
  EXPECT_EQ(status.ssid, "DeviceAP");
  EXPECT_EQ(status.ip, "192.168.4.1");
}

TEST(SimWifi, ANewConnectReplacesThePendingOne) {
  VirtualScheduler scheduler;
  SimWifi wifi(scheduler, SimWifiOptions{});
  int first = 0, second = 0;
  wifi.connect("TestNet", "", [&](bool) { ++first; });
  scheduler.run_until(milliseconds(1000));
  wifi.connect("Lab", "", [&](bool) { ++second; });
  scheduler.run_until(milliseconds(5000));
  EXPECT_EQ(first, 0);
  EXPECT_EQ(second, 1);
  EXPECT_EQ(wifi.status().ssid, "Lab");
}

TEST(SimWifi, ScanListsTheAirAndOptionsAreTestControlled) {
  VirtualScheduler scheduler;
  SimWifi wifi(scheduler, SimWifiOptions{});
  EXPECT_EQ(wifi.scan().size(), 3u);
  wifi.options().air.push_back({{"Extra", -80, false, 13}, ""});
  const auto networks = wifi.scan();
  ASSERT_EQ(networks.size(), 4u);
  EXPECT_EQ(networks.back().ssid, "Extra");
  EXPECT_FALSE(networks.back().secure);
  wifi.options().station_ip = "10.0.0.9";
  wifi.connect("Extra", "", [](bool) {});
  scheduler.run_until(milliseconds(2000));
  EXPECT_EQ(wifi.status().ip, "10.0.0.9");
}

TEST(SimWifi, DestroyingItCancelsThePendingConnect) {
  VirtualScheduler scheduler;
  {
    SimWifi wifi(scheduler, SimWifiOptions{});
    wifi.connect("TestNet", "", [](bool) { FAIL() << "callback of a destroyed interface"; });
  }
  EXPECT_EQ(scheduler.pending(), 0u);
  scheduler.run_until(milliseconds(5000));
}

}  // namespace
}  // namespace hil::sim
