// The simulated supervisor board end to end in virtual time: a Pi talking over its UART to the MCU
// on the simulated peripherals, and the control lines of `hilbench sim mcu`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "firmware_core/supervisor/line_framer.h"
#include "sim/supervisor/board_control.h"
#include "sim/supervisor/sim_supervisor_board.h"
#include "sim/time/virtual_scheduler.h"

namespace hil::sim {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

// The board with a Pi at the far end of the UART that keeps every line it receives.
struct BoardRig {
  explicit BoardRig(SimSupervisorOptions options = {}) : board(scheduler, std::move(options)) {
    board.set_on_pi_bytes([this](std::string_view bytes) {
      framer.feed(bytes, [this](std::string_view line) { received.push_back(json::parse(line)); });
    });
    board.boot();
  }
  std::vector<json> take() { return std::exchange(received, {}); }
  // Sends a request and runs until its reply is in.
  json request(const std::string& id, const std::string& cmd) {
    board.pi_write(R"({"id":")" + id + R"(","cmd":")" + cmd + "\"}\n");
    for (int i = 0; i < 100; ++i) {
      for (const json& doc : received) {
        if (doc.value("id", "") == id) return doc;
      }
      scheduler.advance(1ms);
    }
    ADD_FAILURE() << "no reply to " << id;
    return json();
  }
  std::vector<json> events(std::string_view name) {
    std::vector<json> out;
    for (const json& doc : received) {
      if (doc.value("event", "") == name) out.push_back(doc);
    }
    return out;
  }

  VirtualScheduler scheduler;
  SimSupervisorBoard board;
  supervisor::LineFramer framer;
  std::vector<json> received;
};

TEST(SimSupervisorBoard, TheReferenceBoardAnswersGetStatusWithTheNotesValues) {
  BoardRig rig;
  const json status = rig.request("4", "get_status")["status"];
  EXPECT_EQ(status["battery_pct"], 78);
  EXPECT_NEAR(status["pack_mv"].get<int>(), 11750, 5);
  EXPECT_EQ(status["pack_ma"], -420);
  EXPECT_EQ(status["mcu_temp_c"], 36.5);
  EXPECT_EQ(status["switch"],
            json::parse(R"({"lte":true,"wifi":false,"bt":true,"bridge_enable":true,)"
                        R"("lid_open":false,"charger_online":true})"));
  EXPECT_EQ(status["heltec"], "ok");
  EXPECT_EQ(status["mcu"], "proto-0.1");
}

TEST(SimSupervisorBoard, BootSendsTheSwitchEvent) {
  BoardRig rig;
  ASSERT_FALSE(rig.received.empty());
  EXPECT_EQ(rig.received[0]["event"], "switch");
}

TEST(SimSupervisorBoard, ControlLinesReachTheMcu) {
  BoardRig rig;
  rig.take();
  EXPECT_EQ(apply_board_control(rig.board, R"({"switch":{"lte":false}})"), "");
  ASSERT_EQ(rig.events("switch").size(), 1u);
  EXPECT_EQ(rig.events("switch")[0]["switch"]["lte"], false);
  EXPECT_EQ(apply_board_control(rig.board, R"({"radio":"fault"})"), "");
  EXPECT_EQ(rig.events("heltec").at(0)["heltec"], "fault");
  EXPECT_EQ(apply_board_control(rig.board, R"({"message":{"from":"node-7"}})"), "");
  EXPECT_EQ(rig.board.mcu().unread(), 1u);
  EXPECT_EQ(apply_board_control(rig.board, R"({"battery":{"pct":15}})"), "");
  rig.scheduler.advance(250ms);
  const auto telemetry = rig.events("telemetry");
  ASSERT_FALSE(telemetry.empty());
  EXPECT_EQ(telemetry.back()["battery_pct"], 15);
  EXPECT_EQ(rig.request("9", "arm_poweroff"),
            json::parse(R"({"id":"9","ok":false,"error":"battery_low"})"));
}

TEST(SimSupervisorBoard, UnpluggingTheChargerFlipsItsSwitchAndTheCurrent) {
  BoardRig rig;
  rig.scheduler.advance(2300ms);  // past the 250 ms gap after the periodic event at 2000
  rig.take();
  EXPECT_EQ(apply_board_control(rig.board, R"({"charger":false})"), "");
  ASSERT_EQ(rig.events("switch").size(), 1u);
  EXPECT_EQ(rig.events("switch")[0]["switch"]["charger_online"], false);
  ASSERT_EQ(rig.events("telemetry").size(), 1u);
  EXPECT_EQ(rig.events("telemetry")[0]["pack_ma"], 1080);
  EXPECT_LT(rig.events("telemetry")[0]["pack_mv"].get<int>(), 11700);  // the drop under load
}

TEST(SimSupervisorBoard, WhileUnpluggedNothingCrossesAndThePiIsSilent) {
  SimSupervisorOptions options;
  options.mcu.watchdog_timeout = 10s;
  BoardRig rig(options);
  EXPECT_EQ(apply_board_control(rig.board, R"({"unplug_ms":15000})"), "");
  rig.take();
  rig.board.pi_write("{\"id\":\"lost\",\"cmd\":\"ping\"}\n");
  rig.scheduler.advance(14s);
  EXPECT_TRUE(rig.received.empty());     // no reply, no telemetry
  EXPECT_EQ(rig.board.pi_resets(), 1u);  // the MCU heard nothing: the watchdog fired
  EXPECT_GT(rig.board.to_pi().dropped_bytes(), 0u);
  rig.scheduler.advance(1s);
  EXPECT_TRUE(rig.board.plugged());
  EXPECT_EQ(rig.request("back", "ping")["ok"], true);
}

TEST(SimSupervisorBoard, AnUnplugMidLineLosesThatLineOnly) {
  BoardRig rig;
  rig.board.pi_write(R"({"id":"half","cmd":"pi)");
  rig.board.unplug();
  rig.board.plug();
  rig.board.pi_write("ng\"}\n");  // the rest of the cut line: not JSON on its own
  EXPECT_EQ(rig.request("next", "ping")["ok"], true);
  for (const json& doc : rig.received) EXPECT_NE(doc.value("id", ""), "half");
  EXPECT_EQ(rig.board.mcu().counters().not_json, 1u);
}

TEST(SimSupervisorBoard, TheHandshakeCutsThePowerWhenTheHeartbeatStops) {
  BoardRig rig;
  EXPECT_EQ(rig.request("1", "arm_poweroff"),
            json::parse(R"({"id":"1","ok":true,"poweroff_ok":true})"));
  EXPECT_TRUE(rig.board.poweroff_prepared());
  EXPECT_FALSE(rig.board.pack().charging_enabled());  // "stop chargers"
  EXPECT_TRUE(rig.board.pi_powered());
  EXPECT_EQ(apply_board_control(rig.board, R"({"heartbeat":false})"), "");
  EXPECT_FALSE(rig.board.pi_powered());
  EXPECT_EQ(apply_board_control(rig.board, R"({"power_button":true})"), "");
  EXPECT_TRUE(rig.board.pi_powered());
  EXPECT_TRUE(rig.board.pack().charging_enabled());
}

TEST(SimSupervisorBoard, AtTheLineRateARepliesTakesItsBytesTime) {
  SimSupervisorOptions options;
  options.line_rate_baud = 115200;
  BoardRig rig(options);
  rig.scheduler.advance(100ms);
  rig.take();
  const std::string ping = "{\"id\":\"r\",\"cmd\":\"ping\"}\n";
  const std::string pong = R"({"id":"r","ok":true,"uptime_s":0})";
  rig.board.pi_write(ping);
  const core::Micros sent = rig.scheduler.now();
  const core::Micros expected = rig.board.to_mcu().crossing_time(ping.size()) +
                                rig.board.to_pi().crossing_time(pong.size() + 1);
  rig.scheduler.run_until(sent + expected - core::Micros(1));
  EXPECT_TRUE(rig.received.empty());
  rig.scheduler.run_until(sent + expected);
  ASSERT_FALSE(rig.received.empty());
  EXPECT_EQ(rig.received[0].dump(), R"({"id":"r","ok":true,"uptime_s":0})");
  EXPECT_GT(expected, core::Micros(4000));  // some 60 bytes at 86.8 us each
}

TEST(SimSupervisorBoard, TheBatteryDrainsInVirtualTime) {
  BoardRig rig;
  EXPECT_EQ(apply_board_control(rig.board, R"({"charger":false,"battery":{"load_ma":3000}})"), "");
  rig.scheduler.advance(30min);  // 1500 mAh of 3000
  const json status = rig.request("s", "get_status")["status"];
  EXPECT_EQ(status["battery_pct"], 28);
  EXPECT_EQ(status["pack_ma"], 3000);
}

TEST(BoardControl, BadLinesAreRefusedWholeWithAReason) {
  BoardRig rig;
  const struct {
    const char* line;
    const char* error;
  } cases[] = {
      {"not json", "not JSON"},
      {"[1]", "a control line must be a JSON object such as {\"charger\":false}"},
      {"{}",
       "the control line names nothing to change (switch, battery, charger, message, radio, "
       "unplug_ms, "
       "unplug, plug, mcu_temp_c, heartbeat, power_button)"},
      {R"({"switch":{"lte":false},"volume":3})",
       "unknown control key \"volume\" (switch, battery, charger, message, radio, unplug_ms, "
       "unplug, plug, "
       "mcu_temp_c, heartbeat, power_button)"},
      {R"({"switch":{"gps":true}})",
       "unknown switch \"gps\" (lte, wifi, bt, bridge_enable, lid_open, charger_online)"},
      {R"({"switch":{"lte":1}})", "switch \"lte\" must be true or false"},
      {R"({"switch":true})",
       "\"switch\" must be an object of switch names to true/false, e.g. "
       "{\"switch\":{\"lte\":false}}"},
      {R"({"battery":{"pct":101}})", "\"battery.pct\" must be a number from 0 to 100"},
      {R"({"battery":{"pct":"50"}})", "\"battery.pct\" must be a number from 0 to 100"},
      {R"({"battery":{"volts":12}})", "unknown battery key \"volts\" (pct, charger, load_ma)"},
      {R"({"charger":"yes"})", "\"charger\" must be true or false"},
      {R"({"radio":"broken"})", "\"radio\" must be \"ok\", \"fault\" or \"disconnected\""},
      {R"({"unplug_ms":0})",
       "\"unplug_ms\" must be a whole number of milliseconds from 1 to 3600000"},
      {R"({"unplug_ms":1.5})",
       "\"unplug_ms\" must be a whole number of milliseconds from 1 to 3600000"},
      {R"({"unplug":true,"plug":true})", "give one of plug, unplug and unplug_ms in a line"},
      {R"({"message":"hi"})",
       "\"message\" must be an object, e.g. {\"message\":{\"from\":\"node-7\"}}"},
      {R"({"message":{"from":7}})", "\"message.from\" must be a string"},
      {R"({"mcu_temp_c":300})", "\"mcu_temp_c\" must be a number from -40 to 125"},
      {R"({"power_button":false})", "\"power_button\" must be true"},
  };
  for (const auto& c : cases) EXPECT_EQ(apply_board_control(rig.board, c.line), c.error) << c.line;
  // Nothing of a refused line was applied: lte is still on.
  EXPECT_TRUE(rig.board.switches().lte);
}

TEST(BoardControl, SeveralKeysInOneLine) {
  BoardRig rig;
  EXPECT_EQ(
      apply_board_control(
          rig.board, R"({"switch":{"wifi":true,"lid_open":true},"mcu_temp_c":41.5,"unplug":true})"),
      "");
  EXPECT_TRUE(rig.board.switches().wifi);
  EXPECT_TRUE(rig.board.switches().lid_open);
  EXPECT_FALSE(rig.board.plugged());
  EXPECT_EQ(apply_board_control(rig.board, R"({"plug":true})"), "");
  EXPECT_EQ(rig.request("s", "get_status")["status"]["mcu_temp_c"], 41.5);
}

}  // namespace
}  // namespace hil::sim
