// Covers sim/ir/sim_ir_blaster.h and room_model.h on virtual time: sends and their timing,
// overlaps, refused codes, availability and control, the room's response and the sensor's cadence.
#include "sim/ir/sim_ir_blaster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <string>
#include <vector>

#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/daikin312.h"
#include "firmware_core/ir/tuya_codec.h"
#include "sim/common/captured_links.h"
#include "sim/ir/room_model.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::sim {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

ir::DaikinSettings settings_of(bool power, ir::Mode mode, double target_c,
                               ir::FanSpeed fan = ir::FanSpeed::kAuto,
                               ir::Swing swing = ir::Swing::kOff) {
  ir::DaikinSettings settings;
  settings.climate = ir::ClimateState{power, mode, target_c, fan, swing};
  return settings;
}

// A send as a Home Assistant bridge would build it: settings -> pulses ending on the last mark ->
// Tuya.
struct BuiltCode {
  std::string code;
  std::vector<std::uint32_t> durations;
  core::Micros train{0};
};

BuiltCode tuya_code_for(const ir::PulseTrain& full) {
  const ir::PulseTrain train = ir::ending_on_last_mark(full);
  const ir::TuyaEncoded encoded = ir::encode_tuya_optimal(train.durations_us);
  EXPECT_TRUE(encoded.ok());
  BuiltCode out{encoded.code, train.durations_us, core::Micros(0)};
  out.train = core::Micros(
      std::accumulate(train.durations_us.begin(), train.durations_us.end(), std::int64_t{0}));
  return out;
}

BuiltCode daikin_code(const ir::DaikinSettings& settings) {
  const auto train = ir::encode_daikin(settings);
  EXPECT_TRUE(train.ok()) << train.error();
  return tuya_code_for(*train);
}

BuiltCode daikin312_code(const ir::DaikinSettings& settings) {
  const auto train = ir::encode_daikin312(settings);
  EXPECT_TRUE(train.ok()) << train.error();
  return tuya_code_for(*train);
}

template <typename Bytes>
std::string hex_of(const Bytes& bytes) {
  std::string out;
  char buf[3];
  for (const auto b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", static_cast<unsigned>(b));
    out += buf;
  }
  return out;
}

json set_payload(const std::string& code) { return json{{"ir_code_to_send", code}}; }

class SimIrBlasterTest : public ::testing::Test {
 protected:
  void make(SimIrBlasterOptions options = {}) {
    mqtt_.set_connected(true);
    blaster_ = std::make_unique<SimIrBlaster>(scheduler_, mqtt_, options, &log_);
    blaster_->start();
    collect();
  }

  // Everything published so far, kept in order.
  void collect() {
    for (auto& m : mqtt_.take()) published_.push_back(std::move(m));
  }
  std::vector<PublishedMessage> on(const std::string& topic) {
    collect();
    std::vector<PublishedMessage> out;
    for (const auto& m : published_) {
      if (m.topic == topic) out.push_back(m);
    }
    return out;
  }
  std::vector<json> reports() {
    std::vector<json> out;
    for (const auto& m : on(blaster_->topics().emitted)) out.push_back(json::parse(m.payload));
    return out;
  }
  void set(const json& payload) {
    blaster_->on_mqtt_message(blaster_->topics().set, payload.dump());
    scheduler_.run_due();
  }
  void send(const std::string& code) { set(set_payload(code)); }
  void advance(core::Micros dt) { scheduler_.advance(dt); }

  VirtualScheduler scheduler_;
  CapturedMqtt mqtt_{scheduler_};
  CapturedConsole log_;
  std::unique_ptr<SimIrBlaster> blaster_;
  std::vector<PublishedMessage> published_;
};

// ---- sends ----

TEST_F(SimIrBlasterTest, ADaikinFrameIsReportedWhenItsTrainHasBeenSent) {
  make();
  const ir::DaikinSettings cool21 = settings_of(true, ir::Mode::kCool, 21);
  const BuiltCode built = daikin_code(cool21);
  ASSERT_EQ(built.durations.size(), 583u);
  const core::Micros start = milliseconds(2000);
  scheduler_.run_until(start);
  send(built.code);
  EXPECT_TRUE(blaster_->busy());

  const core::Micros done = start + SimIrBlaster::kSendLatency + built.train;
  scheduler_.run_until(done - core::Micros(1));
  EXPECT_TRUE(reports().empty());
  scheduler_.run_until(done);
  EXPECT_FALSE(blaster_->busy());

  const auto sent = on(blaster_->topics().emitted);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].time_us, done.count());
  EXPECT_FALSE(sent[0].retain);
  const auto state = ir::encode_daikin_state(cool21);
  ASSERT_TRUE(state.ok());
  const json expected = {{"protocol", "daikin"},
                         {"state", hex_of(*state)},
                         {"settings",
                          {{"power", true},
                           {"mode", "cool"},
                           {"hvac_mode", "cool"},
                           {"temperature", 21},
                           {"fan_mode", "auto"},
                           {"swing_mode", "off"},
                           {"powerful", false},
                           {"quiet", false},
                           {"econo", false},
                           {"mold", false},
                           {"sensor", false},
                           {"comfort", false}}},
                         {"durations", 583},
                         {"code_chars", built.code.size()}};
  EXPECT_EQ(json::parse(sent[0].payload), expected);
  EXPECT_EQ(json::parse(sent[0].payload)["state"].get<std::string>().substr(0, 6), "11da27");
  // "temperature":21 is written as an integer, as a climate entity shows whole degrees.
  EXPECT_NE(sent[0].payload.find("\"temperature\":21}"), std::string::npos) << sent[0].payload;
  ASSERT_TRUE(blaster_->room().unit().has_value());
  EXPECT_EQ(*blaster_->room().unit(), cool21);
  EXPECT_EQ(blaster_->counters().emitted, 1u);
}

TEST_F(SimIrBlasterTest, ADaikin312FrameWithHalfDegreesAndExtras) {
  make();
  ir::DaikinSettings heat =
      settings_of(true, ir::Mode::kHeat, 22.5, ir::FanSpeed::k3, ir::Swing::kBoth);
  heat.powerful = true;
  const BuiltCode built = daikin312_code(heat);
  send(built.code);
  advance(SimIrBlaster::kSendLatency + built.train);
  const auto r = reports();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0]["protocol"], "daikin312");
  const auto state = ir::encode_daikin312_state(heat);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(r[0]["state"], hex_of(*state));
  EXPECT_EQ(r[0]["settings"]["mode"], "heat");
  EXPECT_EQ(r[0]["settings"]["temperature"], 22.5);
  EXPECT_EQ(r[0]["settings"]["fan_mode"], "3");
  EXPECT_EQ(r[0]["settings"]["swing_mode"], "both");
  EXPECT_EQ(r[0]["settings"]["powerful"], true);
  EXPECT_EQ(r[0]["durations"], 643);
}

TEST_F(SimIrBlasterTest, AValidCodeThatIsNotDaikinIsReportedAsUnknown) {
  make();
  const std::vector<std::uint32_t> nec_like = {9000, 4500, 560, 560, 560, 1690, 560};
  const ir::TuyaEncoded encoded = ir::encode_tuya_optimal(nec_like);
  ASSERT_TRUE(encoded.ok());
  send(encoded.code);
  const core::Micros train(std::accumulate(nec_like.begin(), nec_like.end(), std::int64_t{0}));
  advance(SimIrBlaster::kSendLatency + train - core::Micros(1));
  EXPECT_TRUE(reports().empty());
  advance(core::Micros(1));
  const auto r = reports();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0]["protocol"], "unknown");
  EXPECT_EQ(r[0]["durations"], 7);
  EXPECT_EQ(r[0]["reason"].get<std::string>().rfind("not a Daikin frame", 0), 0u) << r[0];
  EXPECT_EQ(r[0].size(), 3u);
  EXPECT_FALSE(blaster_->room().unit().has_value());
}

TEST_F(SimIrBlasterTest, OtherZigbee2MqttKeysBesideTheCodeAreIgnored) {
  make();
  const BuiltCode built = daikin_code(settings_of(true, ir::Mode::kCool, 24));
  set(json{{"ir_code_to_send", built.code}, {"learn_ir_code", "OFF"}, {"brightness", 3}});
  advance(seconds(2));
  ASSERT_EQ(reports().size(), 1u);
  EXPECT_EQ(reports()[0]["settings"]["temperature"], 24);
}

TEST_F(SimIrBlasterTest, ASecondSendInFlightBreaksBoth) {
  make();
  const BuiltCode first = daikin_code(settings_of(true, ir::Mode::kCool, 21));
  const BuiltCode second = daikin_code(settings_of(true, ir::Mode::kHeat, 25));
  send(first.code);
  advance(milliseconds(300));
  send(second.code);
  EXPECT_FALSE(blaster_->busy());
  const auto r = reports();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0], (json{{"error", "unexpected sequence: a send arrived while one was in flight"},
                        {"code", second.code.substr(0, 40)},
                        {"interrupted_code", first.code.substr(0, 40)},
                        {"interrupted_after_ms", 300}}));
  advance(seconds(5));
  EXPECT_EQ(reports().size(), 1u) << "neither send may complete";
  EXPECT_FALSE(blaster_->room().unit().has_value());
  EXPECT_EQ(blaster_->counters().broken, 1u);
  EXPECT_EQ(blaster_->counters().emitted, 0u);

  // Spaced a second apart, as senders do, both go through.
  send(first.code);
  advance(seconds(1));
  send(second.code);
  advance(seconds(1));
  const auto after = reports();
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[1]["settings"]["mode"], "cool");
  EXPECT_EQ(after[2]["settings"]["mode"], "heat");
}

TEST_F(SimIrBlasterTest, ASendRightAfterTheLastDurationIsNotAnOverlap) {
  make();
  const BuiltCode built = daikin_code(settings_of(true, ir::Mode::kCool, 21));
  send(built.code);
  advance(SimIrBlaster::kSendLatency + built.train);
  send(built.code);
  advance(seconds(2));
  const auto r = reports();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1]["protocol"], "daikin");
}

TEST_F(SimIrBlasterTest, CodesTheStrictDecoderRefusesAreReportedWithItsReason) {
  make();
  const std::string long_bad = "C/MgAQUBFAUU" + std::string(60, '!');
  const std::vector<std::string> bad = {
      "not base64 at all!",
      long_bad,
      "IAA=",      // a match as the first block: it reaches before the output
      "AgAA",      // a literal announcing 3 bytes with 2 left
      "AgECAw==",  // 3 bytes: an odd decompressed length
  };
  for (const std::string& code : bad) {
    const ir::TuyaDecoded decoded = ir::decode_tuya(code);
    ASSERT_FALSE(decoded.ok()) << code;
    const std::size_t before = reports().size();
    send(code);
    EXPECT_FALSE(blaster_->busy()) << code;
    const auto r = reports();
    ASSERT_EQ(r.size(), before + 1) << code;
    EXPECT_EQ(r.back(), (json{{"error", decoded.problem->message}, {"code", code.substr(0, 40)}}))
        << code;
  }
  EXPECT_EQ(reports()[1]["code"].get<std::string>().size(), 40u);
  EXPECT_EQ(blaster_->counters().rejected, bad.size());
  // The blaster still serves.
  send(daikin_code(settings_of(true, ir::Mode::kCool, 21)).code);
  advance(seconds(2));
  EXPECT_EQ(reports().back()["protocol"], "daikin");
}

TEST_F(SimIrBlasterTest, AnEmptyCodeIsRefused) {
  make();
  send("");
  const auto r = reports();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0]["error"], "empty code: no durations to send");
}

TEST_F(SimIrBlasterTest, SetPayloadsWithoutACodeAreLoggedAndIgnored) {
  make();
  for (const char* payload : {"garbage", "", "[1,2]", "{\"state\":\"\"}",
                              "{\"ir_code_to_send\":42}", "{\"ir_code_to_send\""}) {
    blaster_->on_mqtt_message(blaster_->topics().set, payload);
  }
  advance(seconds(2));
  EXPECT_TRUE(reports().empty());
  EXPECT_EQ(blaster_->counters().ignored, 6u);
  const auto lines = log_.take();
  EXPECT_GE(
      std::count_if(lines.begin(), lines.end(),
                    [](const std::string& l) { return l.find("ignored") != std::string::npos; }),
      6);
}

// ---- availability and control ----

TEST_F(SimIrBlasterTest, AnnouncesRetainedAvailabilityWithAWillAndTheDeviceState) {
  SimIrBlasterOptions options;
  options.name = "living_room_ir";
  make(options);
  const auto& topics = blaster_->topics();
  EXPECT_EQ(topics.set, "zigbee2mqtt/living_room_ir/set");
  EXPECT_EQ(topics.availability, "zigbee2mqtt/living_room_ir/availability");
  EXPECT_EQ(topics.state, "zigbee2mqtt/living_room_ir");
  EXPECT_EQ(topics.emitted, "hilbench/ir/living_room_ir/emitted");
  EXPECT_EQ(topics.control, "hilbench/ir/living_room_ir/control");
  EXPECT_EQ(topics.control_error, "hilbench/ir/living_room_ir/control/error");
  EXPECT_EQ(topics.sensor, "zigbee2mqtt/living_room_ir_room");

  const auto availability = on(topics.availability);
  ASSERT_EQ(availability.size(), 1u);
  EXPECT_EQ(json::parse(availability[0].payload), (json{{"state", "online"}}));
  EXPECT_TRUE(availability[0].retain);
  EXPECT_EQ(availability[0].qos, 1);
  EXPECT_EQ(mqtt_.will().topic, topics.availability);
  EXPECT_EQ(json::parse(mqtt_.will().payload), (json{{"state", "offline"}}));
  EXPECT_TRUE(mqtt_.will().retain);
  const auto state = on(topics.state);
  ASSERT_EQ(state.size(), 1u);
  EXPECT_EQ(json::parse(state[0].payload), (json{{"linkquality", 120}}));
  EXPECT_EQ(mqtt_.subscriptions(), (std::vector<std::string>{topics.set, topics.control}));

  blaster_->on_mqtt_connected();  // after a reconnect the will may have been delivered
  EXPECT_EQ(on(topics.availability).size(), 2u);
  EXPECT_EQ(on(topics.state).size(), 2u);
  blaster_->shutdown();
  EXPECT_EQ(json::parse(on(topics.availability).back().payload), (json{{"state", "offline"}}));
}

TEST_F(SimIrBlasterTest, WhileOfflineSendsAreIgnoredAndASendInFlightIsCutOff) {
  make();
  const BuiltCode built = daikin_code(settings_of(true, ir::Mode::kCool, 21));
  send(built.code);
  advance(milliseconds(200));
  blaster_->set_online(false);
  EXPECT_FALSE(blaster_->online());
  EXPECT_FALSE(blaster_->busy());
  const auto availability = on(blaster_->topics().availability);
  EXPECT_EQ(json::parse(availability.back().payload), (json{{"state", "offline"}}));
  EXPECT_TRUE(availability.back().retain);

  send(built.code);
  advance(seconds(5));
  EXPECT_TRUE(reports().empty());
  EXPECT_EQ(blaster_->counters().ignored, 1u);

  blaster_->set_online(true);
  EXPECT_EQ(json::parse(on(blaster_->topics().availability).back().payload),
            (json{{"state", "online"}}));
  send(built.code);
  advance(seconds(2));
  ASSERT_EQ(reports().size(), 1u);
  EXPECT_EQ(reports()[0]["protocol"], "daikin");
}

TEST_F(SimIrBlasterTest, StartsOfflineWhenAsked) {
  SimIrBlasterOptions options;
  options.online = false;
  make(options);
  EXPECT_EQ(json::parse(on(blaster_->topics().availability).back().payload),
            (json{{"state", "offline"}}));
  send(daikin_code(settings_of(true, ir::Mode::kCool, 21)).code);
  advance(seconds(2));
  EXPECT_TRUE(reports().empty());
}

TEST_F(SimIrBlasterTest, ControlTopicSwitchesAvailabilityAndSetsTemperatures) {
  make();
  const auto& topics = blaster_->topics();
  blaster_->on_mqtt_message(topics.control, R"({"online": false})");
  EXPECT_FALSE(blaster_->online());
  blaster_->on_mqtt_message(
      topics.control, R"({"online": true, "room_temperature": 23.5, "outside_temperature": 12})");
  EXPECT_TRUE(blaster_->online());
  EXPECT_DOUBLE_EQ(blaster_->room_temperature(), 23.5);
  EXPECT_DOUBLE_EQ(blaster_->room().outside_temperature(), 12.0);
  EXPECT_TRUE(on(topics.control_error).empty());
  // The sensor reports a set temperature at once.
  EXPECT_EQ(json::parse(on(topics.sensor).back().payload)["temperature"], 23.5);
}

// Issue 13's sibling: clearing a retained control message (`mosquitto_pub -n -r`) got an error.
TEST_F(SimIrBlasterTest, AnEmptyControlMessageIsIgnoredWithoutAnError) {
  make();
  blaster_->on_mqtt_message(blaster_->topics().control, "");
  EXPECT_TRUE(on(blaster_->topics().control_error).empty());
  EXPECT_TRUE(blaster_->online());
}

TEST_F(SimIrBlasterTest, InvalidControlPayloadsGetAnErrorAndChangeNothing) {
  make();
  const auto& topics = blaster_->topics();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"nope", "control payload is not JSON"},
      {"[1]", "control payload must be a JSON object such as {\"online\": false}"},
      {"{}",
       "control payload names nothing to change (online, room_temperature, outside_temperature)"},
      {R"({"online": "no"})", "\"online\" must be true or false"},
      {R"({"room_temperature": "hot"})",
       "\"room_temperature\" must be a number from -40 to 60 (degrees C)"},
      {R"({"outside_temperature": 99})",
       "\"outside_temperature\" must be a number from -40 to 60 (degrees C)"},
      {R"({"bogus": 1})",
       "unknown control key \"bogus\" (online, room_temperature, outside_temperature)"},
      // Nothing of a payload applies when any of it is wrong.
      {R"({"online": false, "room_temperature": 99})",
       "\"room_temperature\" must be a number from -40 to 60 (degrees C)"},
  };
  for (const auto& [payload, error] : cases) {
    blaster_->on_mqtt_message(topics.control, payload);
    const auto errors = on(topics.control_error);
    ASSERT_FALSE(errors.empty()) << payload;
    EXPECT_EQ(json::parse(errors.back().payload), (json{{"error", error}, {"payload", payload}}))
        << payload;
    EXPECT_FALSE(errors.back().retain);
  }
  EXPECT_EQ(on(topics.control_error).size(), cases.size());
  EXPECT_TRUE(blaster_->online());
  EXPECT_DOUBLE_EQ(blaster_->room_temperature(), 26.0);
  EXPECT_DOUBLE_EQ(blaster_->room().outside_temperature(), 30.0);
  EXPECT_EQ(blaster_->set_room_temperature(std::nan("")),
            "\"room_temperature\" must be a number from -40 to 60 (degrees C)");
  EXPECT_EQ(blaster_->set_outside_temperature(-41),
            "\"outside_temperature\" must be a number from -40 to 60 (degrees C)");
  EXPECT_EQ(blaster_->set_room_temperature(18), "");
}

// ---- the room ----

// Reference: linear at capacity 0.5 C/min until 1.5 C from the target, then exponential with 3 min.
double cooling_reference(double start_c, double target_c, double minutes_on) {
  const double linear_min = (start_c - target_c - 1.5) / 0.5;
  if (minutes_on <= linear_min) return start_c - 0.5 * minutes_on;
  return target_c + 1.5 * std::exp(-(minutes_on - linear_min) / 3.0);
}

TEST_F(SimIrBlasterTest, TheRoomCoolsTowardTheTargetAndDriftsBackWhenTheUnitIsOff) {
  make();  // room 26 C, outside 30 C
  const BuiltCode on_code = daikin_code(settings_of(true, ir::Mode::kCool, 21));
  send(on_code.code);
  const core::Micros applied = SimIrBlaster::kSendLatency + on_code.train;
  // Until the frame lands the room drifts up toward 30.
  scheduler_.run_until(applied);
  const double at_start = blaster_->room_temperature();
  EXPECT_GT(at_start, 26.0);
  EXPECT_LT(at_start, 26.01);

  double previous = at_start;
  for (int minute = 1; minute <= 40; ++minute) {
    scheduler_.run_until(applied + minutes(minute));
    const double t = blaster_->room_temperature();
    EXPECT_LE(t, previous) << "minute " << minute;
    EXPECT_GE(t, 21.0) << "never below the target";
    EXPECT_NEAR(t, cooling_reference(at_start, 21.0, minute), 0.02) << "minute " << minute;
    previous = t;
  }
  EXPECT_NEAR(blaster_->room_temperature(), 21.0, 0.01);

  const BuiltCode off_code = daikin_code(settings_of(false, ir::Mode::kCool, 21));
  send(off_code.code);
  advance(SimIrBlaster::kSendLatency + off_code.train);
  const double at_off = blaster_->room_temperature();
  advance(minutes(20));  // one drift time constant: 63 % of the way back to 30
  EXPECT_NEAR(blaster_->room_temperature(), 30.0 - (30.0 - at_off) * std::exp(-1.0), 0.02);
  advance(minutes(200));
  EXPECT_NEAR(blaster_->room_temperature(), 30.0, 0.01);
}

TEST(RoomModel, ModesPullOnlyTheWayTheyCan) {
  const auto after = [](double room_c, double outside_c,
                        const std::optional<ir::DaikinSettings>& unit, minutes span) {
    RoomModel room(room_c, outside_c);
    room.set_unit(unit);
    room.advance(span);
    return room;
  };
  // Cool below its target does nothing: the room drifts (here down, toward 15).
  EXPECT_LT(after(18, 15, settings_of(true, ir::Mode::kCool, 21), minutes(10)).temperature(), 18);
  // Heat below its target pulls up; above it, the room drifts.
  EXPECT_NEAR(after(18, 15, settings_of(true, ir::Mode::kHeat, 21), minutes(60)).temperature(), 21,
              0.01);
  EXPECT_GT(after(25, 30, settings_of(true, ir::Mode::kHeat, 21), minutes(10)).temperature(), 25);
  // Auto both ways.
  EXPECT_NEAR(after(18, 15, settings_of(true, ir::Mode::kAuto, 22), minutes(60)).temperature(), 22,
              0.01);
  EXPECT_NEAR(after(27, 30, settings_of(true, ir::Mode::kAuto, 22), minutes(60)).temperature(), 22,
              0.01);
  // Fan only and power off: the drift alone, first order with 20 min.
  for (const auto& unit : {std::optional<ir::DaikinSettings>{},
                           std::optional(settings_of(true, ir::Mode::kFanOnly, 21)),
                           std::optional(settings_of(false, ir::Mode::kCool, 21))}) {
    EXPECT_NEAR(after(20, 30, unit, minutes(20)).temperature(), 30 - 10 * std::exp(-1.0), 0.001);
  }
  // Dry: a little down, settling 2 C below outside whatever the target.
  EXPECT_NEAR(after(30, 30, settings_of(true, ir::Mode::kDry, 18), minutes(300)).temperature(), 28,
              0.01);
  EXPECT_LT(after(30, 30, settings_of(true, ir::Mode::kDry, 18), minutes(300)).humidity(), 41);
}

TEST(RoomModel, FanSpeedScalesTheCapacity) {
  const auto drop = [](ir::FanSpeed fan, bool powerful) {
    ir::DaikinSettings s = settings_of(true, ir::Mode::kCool, 16, fan);
    s.powerful = powerful;
    RoomModel room(30, 30);
    room.set_unit(s);
    room.advance(minutes(4));
    return 30 - room.temperature();
  };
  EXPECT_NEAR(drop(ir::FanSpeed::kAuto, false), 2.0, 1e-9);
  EXPECT_NEAR(drop(ir::FanSpeed::k3, false), 2.0, 1e-9);
  EXPECT_NEAR(drop(ir::FanSpeed::k1, false), 1.2, 1e-9);
  EXPECT_NEAR(drop(ir::FanSpeed::k5, false), 2.8, 1e-9);
  EXPECT_NEAR(drop(ir::FanSpeed::kQuiet, false), 1.0, 1e-9);
  EXPECT_NEAR(drop(ir::FanSpeed::kAuto, true), 3.0, 1e-9);
}

TEST(RoomModel, IsDeterministicWhateverTheStepsOfTheCaller) {
  RoomModel a(26, 30);
  RoomModel b(26, 30);
  a.set_unit(settings_of(true, ir::Mode::kCool, 21));
  b.set_unit(settings_of(true, ir::Mode::kCool, 21));
  a.advance(minutes(15));
  for (int i = 0; i < 900; ++i) b.advance(seconds(1));
  EXPECT_EQ(a.temperature(), b.temperature());
  EXPECT_EQ(a.humidity(), b.humidity());
}

// ---- the sensor ----

TEST_F(SimIrBlasterTest, TheSensorReportsEveryPeriod) {
  SimIrBlasterOptions options;
  options.room_temperature_c = 30.0;  // at the outside temperature: nothing moves
  options.outside_temperature_c = 30.0;
  make(options);
  const std::string& topic = blaster_->topics().sensor;
  advance(seconds(95));
  auto readings = on(topic);
  ASSERT_EQ(readings.size(), 4u);
  for (std::size_t i = 0; i < readings.size(); ++i) {
    EXPECT_EQ(readings[i].time_us, std::int64_t(i) * 30'000'000) << i;
    EXPECT_EQ(json::parse(readings[i].payload), (json{{"temperature", 30.0}, {"humidity", 55.0}}));
    EXPECT_FALSE(readings[i].retain);
  }
  // A set temperature is reported at once, and the heartbeat keeps its rhythm.
  ASSERT_EQ(blaster_->set_room_temperature(27.0), "");
  readings = on(topic);
  ASSERT_EQ(readings.size(), 5u);
  EXPECT_EQ(readings.back().time_us, 95'000'000);
  EXPECT_EQ(json::parse(readings.back().payload)["temperature"], 27.0);
  advance(seconds(26));
  readings = on(topic);
  ASSERT_EQ(readings.size(), 6u);
  EXPECT_EQ(readings.back().time_us, 120'000'000);
  // 25 s of drift toward 30 with 20 min: 27.06, shown with one decimal.
  EXPECT_EQ(json::parse(readings.back().payload)["temperature"], 27.1);
}

TEST_F(SimIrBlasterTest, TheSensorReportsEachChangeOfATenthBetweenHeartbeats) {
  SimIrBlasterOptions options;
  options.room_temperature_c = 27.0;
  options.outside_temperature_c = 30.0;
  options.sensor_period = seconds(600);
  make(options);
  advance(seconds(300));
  const auto readings = on(blaster_->topics().sensor);
  // Reference: T(t) = 30 - 3 exp(-t / 1200 s), sampled each second; a reading whenever T has moved
  // 0.1 from the last one reported.
  std::vector<std::int64_t> expected_s = {0};
  double reported = 27.0;
  for (int t = 1; t <= 300; ++t) {
    const double temperature = 30.0 - 3.0 * std::exp(-t / 1200.0);
    if (temperature - reported >= 0.1 - 1e-9) {
      expected_s.push_back(t);
      reported = temperature;
    }
  }
  ASSERT_EQ(expected_s.size(), 7u);
  EXPECT_EQ(expected_s[1], 41);
  ASSERT_EQ(readings.size(), expected_s.size());
  for (std::size_t i = 0; i < readings.size(); ++i) {
    EXPECT_EQ(readings[i].time_us, expected_s[i] * 1'000'000) << i;
    const double shown = json::parse(readings[i].payload)["temperature"].get<double>();
    EXPECT_NEAR(shown, std::round((30.0 - 3.0 * std::exp(-expected_s[i] / 1200.0)) * 10) / 10, 1e-9)
        << i;
  }
}

TEST_F(SimIrBlasterTest, WhileCoolingTheSensorFollowsInTenths) {
  make();
  const BuiltCode built = daikin_code(settings_of(true, ir::Mode::kCool, 21));
  send(built.code);
  advance(SimIrBlaster::kSendLatency + built.train);
  const std::size_t before = on(blaster_->topics().sensor).size();
  advance(minutes(2));  // 1 C at 0.5 C/min: a reading every 0.1 C (12 s) plus heartbeats
  const auto readings = on(blaster_->topics().sensor);
  EXPECT_GE(readings.size() - before, 10u);
  EXPECT_LE(readings.size() - before, 14u);
  const double last = json::parse(readings.back().payload)["temperature"].get<double>();
  EXPECT_NEAR(last, 25.0, 0.11);
  for (std::size_t i = before; i < readings.size(); ++i) {
    const double v = json::parse(readings[i].payload)["temperature"].get<double>();
    EXPECT_NEAR(v * 10, std::round(v * 10), 1e-9) << "one decimal";
  }
}

TEST_F(SimIrBlasterTest, ASensorPeriodOfZeroReportsChangesOnly) {
  SimIrBlasterOptions options;
  options.room_temperature_c = 30.0;
  options.sensor_period = core::Micros(0);
  options.sensor_name = "bedroom_sensor";
  make(options);
  EXPECT_EQ(blaster_->topics().sensor, "zigbee2mqtt/bedroom_sensor");
  advance(minutes(10));
  EXPECT_EQ(on(blaster_->topics().sensor).size(), 1u);  // only the first reading
}

TEST(SimIrBlasterNames, RefusesNamesThatBreakTopics) {
  EXPECT_EQ(SimIrBlaster::check_name("living_room_ir"), "");
  EXPECT_EQ(SimIrBlaster::check_name("floor 1/ir"), "");  // Zigbee2MQTT allows '/' in names
  EXPECT_NE(SimIrBlaster::check_name(""), "");
  EXPECT_NE(SimIrBlaster::check_name("a+b"), "");
  EXPECT_NE(SimIrBlaster::check_name("a#"), "");
}

}  // namespace
}  // namespace hil::sim
