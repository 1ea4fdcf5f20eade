// The audio device tests' fixture: the ALSA file devices, then PortAudio started on them.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "bench/audio/portaudio_session.h"
#include "tests/audio_io/alsa_file_devices.h"

namespace hil::bench::testing {

class OnAlsaFileDevices : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(session_) << error_; }

  // In this order: ALSA reads its configuration when PortAudio starts.
  AlsaFileDevices alsa_;
  std::string error_;
  std::shared_ptr<PortAudioSession> session_ = PortAudioSession::open(error_);
};

}  // namespace hil::bench::testing
