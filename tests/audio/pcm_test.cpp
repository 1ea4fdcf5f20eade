// PCM frames: little-endian bytes both ways, whatever the host's byte order.
#include "firmware_core/audio/pcm.h"

#include <gtest/gtest.h>

namespace hil::audio {
namespace {

TEST(Pcm, SamplesBecomeLittleEndianBytes) {
  const std::vector<Sample> samples = {1, -2, 0x1234, -32768, 32767};
  EXPECT_EQ(encode_pcm(samples), std::string("\x01\x00\xfe\xff\x34\x12\x00\x80\xff\x7f", 10));
}

TEST(Pcm, BytesBecomeSamples) {
  EXPECT_EQ(decode_pcm(std::string("\x34\x12\x00\x80", 4)), (std::vector<Sample>{0x1234, -32768}));
}

TEST(Pcm, ATrailingOddByteIsNoSample) {
  EXPECT_EQ(decode_pcm(std::string("\x01\x00\x02", 3)), (std::vector<Sample>{1}));
}

TEST(Pcm, ABlockOf1600SamplesIs100MsAnd3200Bytes) {
  const std::vector<Sample> block(1600, 7);
  EXPECT_EQ(encode_pcm(block).size(), 3200u);
  EXPECT_EQ(duration_of(1600), std::chrono::milliseconds(100));
  EXPECT_EQ(samples_in(std::chrono::milliseconds(100)), 1600u);
}

TEST(Pcm, RmsOfAConstantIsItsMagnitude) {
  EXPECT_DOUBLE_EQ(rms(std::vector<Sample>(10, -300)), 300.0);
  EXPECT_DOUBLE_EQ(rms(PcmView()), 0.0);
}

TEST(Pcm, ASliceIsClampedToTheView) {
  const std::vector<Sample> samples = {1, 2, 3};
  EXPECT_EQ(PcmView(samples).slice(1, 10).size, 2u);
  EXPECT_EQ(PcmView(samples).slice(5, 1).size, 0u);
}

}  // namespace
}  // namespace hil::audio
