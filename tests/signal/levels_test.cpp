// Levels against signals whose figures are known in closed form.
#include "bench/signal/levels.h"

#include <gtest/gtest.h>

#include "firmware_core/audio/tones.h"

namespace hil::signal {
namespace {

TEST(Levels, AFullScaleSineReadsMinus3DbRmsAndZeroDbPeak) {
  std::vector<audio::Sample> sine;
  audio::append_sine(sine, 997.0, 16000, 32767.0);
  const Levels levels = measure_levels(sine);
  EXPECT_NEAR(levels.rms_dbfs, -3.01, 0.02);
  EXPECT_NEAR(levels.peak_dbfs, 0.0, 0.01);
  EXPECT_NEAR(levels.dc_offset, 0.0, 1e-4);
}

TEST(Levels, TheAckToneIsWithinHalfADecibelOfMinus12DbfsPeak) {
  const Levels levels = measure_levels(*audio::render_tone("ack"));
  EXPECT_NEAR(levels.peak_dbfs, -12.0, 0.5);
  EXPECT_EQ(levels.clipped_samples, 0u);
}

TEST(Levels, ClippedSamplesAreCountedAtEitherRail) {
  std::vector<audio::Sample> sine;
  audio::append_sine(sine, 500.0, 320, 40000.0);  // driven past full scale
  const Levels levels = measure_levels(sine);
  EXPECT_GT(levels.clipped_samples, 0u);
  const std::vector<audio::Sample> rails = {32767, -32768, 0, 32766};
  EXPECT_EQ(measure_levels(rails).clipped_samples, 2u);
}

TEST(Levels, ADcOffsetIsItsMeanInDbfs) {
  std::vector<audio::Sample> offset;
  audio::append_sine(offset, 1000.0, 1600, 1000.0);
  for (audio::Sample& s : offset) s = static_cast<audio::Sample>(s + 328);
  const Levels levels = measure_levels(offset);
  EXPECT_NEAR(levels.dc_offset, 328.0 / 32768.0, 1e-4);
  EXPECT_NEAR(levels.dc_dbfs, -40.0, 0.1);
}

TEST(Levels, SilenceReadsTheSilenceFloor) {
  const Levels levels = measure_levels(std::vector<audio::Sample>(100, 0));
  EXPECT_EQ(levels.rms_dbfs, kSilenceDbfs);
  EXPECT_EQ(levels.peak_dbfs, kSilenceDbfs);
}

}  // namespace
}  // namespace hil::signal
