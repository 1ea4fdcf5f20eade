// The simulated 3S Li-ion pack: its open-circuit curve, the reference calibration, discharge and
// charge against a coulomb count, and the taper near full.
#include <gtest/gtest.h>

#include <chrono>

#include "sim/supervisor/li_ion_pack.h"

namespace hil::sim {
namespace {

using namespace std::chrono_literals;

TEST(LiIonPack, TheReferenceBoardReads78PercentAt11750MvAndMinus420Ma) {
  LiIonPack pack;
  EXPECT_EQ(pack.pct(), 78);
  EXPECT_NEAR(pack.pack_ma(), -420.0, 0.5);
  EXPECT_NEAR(pack.pack_mv(), 11750.0, 5.0);
}

TEST(LiIonPack, TheCellCurveRisesFrom3VTo4Point18V) {
  EXPECT_DOUBLE_EQ(LiIonPack::cell_ocv_mv(0), 3000.0);
  EXPECT_DOUBLE_EQ(LiIonPack::cell_ocv_mv(100), 4180.0);
  EXPECT_DOUBLE_EQ(LiIonPack::cell_ocv_mv(-5), 3000.0);
  EXPECT_DOUBLE_EQ(LiIonPack::cell_ocv_mv(120), 4180.0);
  EXPECT_NEAR(LiIonPack::cell_ocv_mv(50), 3790.0, 1e-9);
  EXPECT_NEAR(LiIonPack::cell_ocv_mv(75), 3895.0, 1e-9);  // between the points, linearly
  double previous = 0.0;
  for (double soc = 0; soc <= 100.0; soc += 0.5) {
    const double mv = LiIonPack::cell_ocv_mv(soc);
    EXPECT_GT(mv, previous) << soc;
    previous = mv;
  }
}

TEST(LiIonPack, DischargeFollowsTheCoulombCount) {
  LiIonPackOptions options;
  options.charger_online = false;
  options.soc_pct = 80.0;
  options.load_ma = 1500.0;  // 1.5 A from 3000 mAh: 50 % an hour
  LiIonPack pack(options);
  EXPECT_NEAR(pack.pack_ma(), 1500.0, 1e-9);
  // Under load the terminal voltage sits below the open-circuit voltage by I * R.
  EXPECT_NEAR(pack.pack_mv(), 3 * LiIonPack::cell_ocv_mv(80) - 1500.0 * 0.048, 1e-6);
  pack.advance(30min);
  EXPECT_NEAR(pack.soc_pct(), 55.0, 1e-6);
  pack.advance(2h);
  EXPECT_DOUBLE_EQ(pack.soc_pct(), 0.0);  // and no further
  EXPECT_EQ(pack.pct(), 0);
}

TEST(LiIonPack, TheChargerFeedsTheLoadFirstAndChargesWithTheRest) {
  LiIonPack pack;  // 1500 mA charger, 1080 mA load: 420 mA into the pack
  const double before = pack.soc_pct();
  pack.advance(1h);
  EXPECT_NEAR(pack.soc_pct() - before, 420.0 / 3000.0 * 100.0, 1e-6);
  pack.set_load_ma(2000.0);  // more than the charger gives: the pack makes up the difference
  EXPECT_NEAR(pack.pack_ma(), 500.0, 1e-9);
}

TEST(LiIonPack, ChargeTapersToZeroAtFull) {
  LiIonPackOptions options;
  options.soc_pct = 97.5;
  options.load_ma = 0.0;
  LiIonPack pack(options);
  EXPECT_NEAR(pack.pack_ma(), -750.0, 1e-9);  // half way through the taper
  pack.advance(24h);
  EXPECT_GT(pack.soc_pct(), 99.9);
  EXPECT_LE(pack.soc_pct(), 100.0);
  EXPECT_GT(pack.pack_ma(), -5.0);
}

TEST(LiIonPack, StoppingTheChargerMakesThePackFeedTheLoad) {
  LiIonPack pack;
  pack.set_charging_enabled(false);
  EXPECT_NEAR(pack.pack_ma(), 1080.0, 1e-9);
  EXPECT_TRUE(pack.charger_online());  // still plugged in
  pack.set_charger_online(false);
  pack.set_charging_enabled(true);
  EXPECT_NEAR(pack.pack_ma(), 1080.0, 1e-9);
}

TEST(LiIonPack, ALowPackReadsLowVolts) {
  LiIonPack pack;
  pack.set_soc_pct(15.0);
  pack.set_charger_online(false);
  EXPECT_EQ(pack.pct(), 15);
  EXPECT_NEAR(pack.pack_mv(), 3 * 3550.0 - 1080.0 * 0.048, 1e-6);
}

}  // namespace
}  // namespace hil::sim
