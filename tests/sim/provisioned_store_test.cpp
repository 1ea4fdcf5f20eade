// The board's flash: provisioning lands in the store, or stays on the board when the store cannot
// be written (the node still joins its network); the firmware's own writes and erases win.
#include "sim/stepper/provisioned_store.h"

#include <gtest/gtest.h>

#include "sim/common/memory_config_store.h"

namespace hil::sim {
namespace {

TEST(ProvisionedStore, ProvisioningIsWrittenToAWritableStore) {
  MemoryConfigStore store;
  ProvisionedStore flash(store);
  flash.provision({{"wifi_ssid", "TestNet"}});
  EXPECT_EQ(store.get("wifi_ssid"), "TestNet");
  EXPECT_EQ(flash.get("wifi_ssid"), "TestNet");
}

// Issue 13: `sim stepper --config-file` on a path that cannot be written never joined Wi-Fi.
TEST(ProvisionedStore, AnUnwritableStoreStillReadsItsProvisioning) {
  MemoryConfigStore store;
  store.set_fail_writes(true);
  ProvisionedStore flash(store);
  flash.provision({{"wifi_ssid", "TestNet"}, {"wifi_pass", "pw"}});
  EXPECT_EQ(store.get("wifi_ssid"), std::nullopt);
  EXPECT_EQ(flash.get("wifi_ssid"), "TestNet");
  EXPECT_EQ(flash.get("wifi_pass"), "pw");
  EXPECT_FALSE(flash.put("wifi_ssid", "Other"));  // a refused write changes nothing
  EXPECT_EQ(flash.get("wifi_ssid"), "TestNet");
  store.set_fail_writes(false);
  EXPECT_TRUE(flash.put("wifi_ssid", "Other"));
  EXPECT_EQ(flash.get("wifi_ssid"), "Other");
  EXPECT_TRUE(flash.erase("wifi_pass"));  // NET:RESET forgets provisioning too
  EXPECT_EQ(flash.get("wifi_pass"), std::nullopt);
}

}  // namespace
}  // namespace hil::sim
