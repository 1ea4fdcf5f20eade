// MQTT round trip to a `hilbench sim stepper` process (command published -> its ACK received)
// against the floor measured in the same run: a plain client echoing through the same broker.
// Also reports the resident size of the sim process. Usage: mqtt_round_trip [ROUNDS]
#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "bench/io/child_process.h"
#include "bench/io/embedded_broker.h"
#include "bench/io/mqtt_client.h"

namespace {

using Clock = std::chrono::steady_clock;
using hil::bench::MqttClient;
using hil::bench::MqttClientOptions;

bool run_until(boost::asio::io_context& io, const std::function<bool()>& done,
               std::chrono::seconds limit) {
  const auto deadline = Clock::now() + limit;
  while (!done()) {
    if (Clock::now() > deadline) return false;
    io.run_one_for(std::chrono::milliseconds(10));
  }
  return true;
}

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

long resident_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

int fail(const char* what) {
  std::fprintf(stderr, "mqtt_round_trip: %s\n", what);
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(10, std::atoi(argv[1])) : 1000;
  const std::string hilbench =
      std::string(argv[0]).substr(0, std::string(argv[0]).rfind('/') + 1) + "hilbench";
  std::string error;
  hil::bench::EmbeddedBroker broker;
  if (!broker.start(error)) return fail(error.c_str());

  boost::asio::io_context io;
  hil::bench::ChildProcess sim(
      io, {hilbench, "sim", "stepper", "--node-id", "bench", "--broker", broker.url()});
  if (!run_until(
          io, [&] { return sim.output().find('\n') != std::string::npos; },
          std::chrono::seconds(15))) {
    return fail("the sim did not become ready");
  }

  // The floor: an echo client with nothing behind it, on its own thread and event loop.
  boost::asio::io_context echo_io;
  MqttClientOptions options;
  options.port = broker.port();
  MqttClient echo(echo_io, options);
  echo.subscribe("bench/echo/in", 1);
  echo.set_on_message([&](std::string_view, std::string_view payload, int, bool) {
    echo.publish("bench/echo/out", payload, 1, false);
  });
  echo.start();
  auto echo_guard = boost::asio::make_work_guard(echo_io);
  std::thread echo_thread([&] { echo_io.run(); });

  MqttClient client(io, options);
  std::string last_payload;
  std::string last_topic;
  client.subscribe("bench/echo/out", 1);
  client.subscribe("devices/bench/cmd/resp", 1);
  client.set_on_message([&](std::string_view topic, std::string_view payload, int, bool) {
    last_topic = topic;
    last_payload = payload;
  });
  client.start();
  if (!run_until(
          io, [&] { return client.connected() && echo.connected(); }, std::chrono::seconds(10))) {
    return fail("no broker connection");
  }
  io.run_for(std::chrono::milliseconds(200));  // subscriptions settle

  std::vector<double> floor_us, node_us;
  for (int i = 0; i < rounds; ++i) {
    // Interleaved, so that both see the same machine load.
    last_topic.clear();
    const std::string token = "echo-" + std::to_string(i);
    auto start = Clock::now();
    client.publish("bench/echo/in", token, 1, false);
    if (!run_until(
            io, [&] { return last_topic == "bench/echo/out" && last_payload == token; },
            std::chrono::seconds(5))) {
      return fail("the echo did not come back");
    }
    floor_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());

    const std::string cmd_id = "rt-" + std::to_string(i);
    const std::string command =
        R"({"cmd_id":")" + cmd_id +
        R"(","action":"MOVE","params":{"target_ids":0,"position_steps":0}})";
    bool acked = false, done = false;
    client.set_on_message([&](std::string_view, std::string_view payload, int, bool) {
      const auto doc = nlohmann::json::parse(payload, nullptr, false);
      if (!doc.is_object() || doc.value("cmd_id", "") != cmd_id) return;
      if (doc.value("status", "") == "ack" && !acked) {
        acked = true;
        node_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
      }
      if (doc.value("status", "") == "done") done = true;
    });
    start = Clock::now();
    client.publish("devices/bench/cmd", command, 1, false);
    if (!run_until(
            io, [&] { return acked && done; }, std::chrono::seconds(5)))
      return fail("no ACK from the node");
    client.set_on_message([&](std::string_view topic, std::string_view payload, int, bool) {
      last_topic = topic;
      last_payload = payload;
    });
  }
  const long rss_kib = resident_kib(sim.pid());

  client.stop();
  echo.stop();
  echo_guard.reset();
  echo_io.stop();
  echo_thread.join();
  sim.terminate();
  sim.wait();

  const double floor_p50 = percentile(floor_us, 0.5), node_p50 = percentile(node_us, 0.5);
  nlohmann::json report = {
      {"rounds", rounds},
      {"floor_us",
       {{"p50", floor_p50},
        {"p90", percentile(floor_us, 0.9)},
        {"p99", percentile(floor_us, 0.99)}}},
      {"node_ack_us",
       {{"p50", node_p50}, {"p90", percentile(node_us, 0.9)}, {"p99", percentile(node_us, 0.99)}}},
      {"p50_ratio", node_p50 / floor_p50},
      {"sim_process_rss_kib", rss_kib},
  };
  std::printf("%s\n", report.dump(2).c_str());
  return 0;
}
