// `hilbench record --broker URL [--topics PATTERN]... [--serial PATH[@NODE_ID]]... --out TRACE`:
// records a live session passively (a real board's traffic, or a sim process's) as a trace that
// `hilbench replay` can feed back. Devices are named from what was seen: a stepper node by its
// devices/<id>/ topics. Runs until SIGINT/SIGTERM or --duration; the trace is written then.
#include <chrono>
#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/program_options.hpp>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/io/mqtt_client.h"
#include "bench/io/mqtt_url.h"
#include "bench/io/serial_link.h"
#include "bench/scenario/trace_writer.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

using Clock = std::chrono::steady_clock;

// The node id of a devices/<id>/... topic, or "".
std::string node_of(const std::string& topic) {
  if (topic.rfind("devices/", 0) != 0) return "";
  const auto end = topic.find('/', 8);
  return end == std::string::npos ? "" : topic.substr(8, end - 8);
}

class Recorder {
 public:
  explicit Recorder(Clock::time_point start) : start_(start) {}

  void add(const std::string& device, const std::string& link, const std::string& topic, std::string payload,
           bool inbound) {
    const auto t_us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start_).count();
    if (!device.empty()) devices_.emplace(device, device);
    messages_.push_back(scenario::LinkMessage{t_us, device, link, topic, std::move(payload), inbound, false, {}});
  }

  // An MQTT message seen on the broker: to a node if on its cmd topic, else from it.
  void add_publish(const std::string& topic, std::string payload) {
    std::string node = node_of(topic);
    const bool command = !node.empty() && topic == "devices/" + node + "/cmd";
    add(node.empty() ? "broker" : node, "mqtt", topic, std::move(payload), command);
  }

  void write(std::ostream& out) const {
    nlohmann::ordered_json devices = nlohmann::ordered_json::array();
    for (const auto& [name, node_id] : devices_) {
      devices.push_back({{"name", name}, {"kind", "stepper"}, {"node_id", node_id}});
    }
    const nlohmann::ordered_json header = {{"format", "hilbench-trace"}, {"version", scenario::kTraceFormatVersion},
                                           {"seed", 1},                  {"clock", "real"},
                                           {"scenario", "recorded"},     {"devices", devices}};
    scenario::write_trace(out, header, messages_);
  }

  std::size_t count() const { return messages_.size(); }

 private:
  Clock::time_point start_;
  std::map<std::string, std::string> devices_;  // name -> node id
  std::vector<scenario::LinkMessage> messages_;
};

}  // namespace

int record_command(const std::vector<std::string>& args) {
  std::string broker, out_path, username, password, tls_ca;
  std::vector<std::string> topics, serials;
  double duration_s = 0;
  po::options_description desc("hilbench record options");
  desc.add_options()
      ("help,h", "show this help")
      ("broker", po::value(&broker), "mqtt://HOST:PORT to listen on")
      ("topics", po::value(&topics)->multitoken(), "topic filters (default: devices/#)")
      ("serial", po::value(&serials), "a console tty to listen on, PATH or PATH@NODE_ID (repeatable)")
      ("username", po::value(&username), "MQTT username")
      ("password", po::value(&password), "MQTT password")
      ("tls-ca", po::value(&tls_ca), "CA file: connect with TLS")
      ("duration", po::value(&duration_s), "stop after this many seconds (default: at SIGINT/SIGTERM)")
      ("out", po::value(&out_path)->required(), "the trace to write (JSON Lines)");
  po::variables_map vm;
  if (const auto done = parse_options("hilbench record",
                                      "hilbench record --broker URL [--topics P...] [--serial PATH]... --out TRACE", args,
                                      desc, vm)) {
    return *done;
  }
  if (broker.empty() && serials.empty()) {
    std::cerr << "hilbench record: give --broker, --serial or both\n";
    return 2;
  }
  boost::asio::io_context io;
  Recorder recorder(Clock::now());
  std::string error;
  std::unique_ptr<bench::MqttClient> mqtt;
  if (!broker.empty()) {
    const auto options = bench::client_options_for(broker, username, password, tls_ca, error);
    if (!options) {
      std::cerr << "hilbench record: " << error << '\n';
      return 2;
    }
    mqtt = std::make_unique<bench::MqttClient>(io, *options);
    for (const auto& filter : topics.empty() ? std::vector<std::string>{"devices/#"} : topics) mqtt->subscribe(filter, 1);
    mqtt->set_on_message([&](std::string_view topic, std::string_view payload, int, bool) {
      recorder.add_publish(std::string(topic), std::string(payload));
    });
    mqtt->start();
  }
  std::vector<std::unique_ptr<bench::SerialLink>> links;
  std::vector<std::string> partial(serials.size());
  for (std::size_t i = 0; i < serials.size(); ++i) {
    const auto at = serials[i].find('@');
    const std::string path = serials[i].substr(0, at);
    const std::string device = at == std::string::npos ? "serial" + std::to_string(i) : serials[i].substr(at + 1);
    auto link = bench::SerialLink::open_tty(io, path, bench::SerialLink::kDefaultBaud, error);
    if (!link) {
      std::cerr << "hilbench record: " << error << '\n';
      return 2;
    }
    link->set_on_bytes([&recorder, &line = partial[i], device](std::string_view bytes) {
      for (const char c : bytes) {
        if (c != '\r' && c != '\n') {
          line.push_back(c);
        } else if (!line.empty()) {
          recorder.add(device, "serial", "", std::exchange(line, {}), false);
        }
      }
    });
    links.push_back(std::move(link));
  }
  const auto ready_deadline = Clock::now() + std::chrono::seconds(10);
  while (mqtt && !mqtt->connected() && Clock::now() < ready_deadline) io.run_one_for(std::chrono::milliseconds(20));
  if (mqtt && !mqtt->connected()) {
    std::cerr << "hilbench record: no connection to " << broker << ": " << mqtt->last_error() << '\n';
    return 1;
  }
  io.run_for(std::chrono::milliseconds(100));  // subscriptions in place before anyone is told to go
  boost::asio::steady_timer stop_timer(io);
  if (duration_s > 0) {
    stop_timer.expires_after(std::chrono::milliseconds(static_cast<long>(duration_s * 1000)));
    stop_timer.async_wait([&io](const boost::system::error_code& ec) {
      if (!ec) ::raise(SIGTERM);  // the same way out as a signal from outside
    });
  }
  serve_until_signal(io, nlohmann::json{{"ready", true}, {"out", out_path}}.dump(), [&] {
    if (mqtt) mqtt->stop();
  });
  std::ofstream out(out_path, std::ios::trunc);
  recorder.write(out);
  if (!out) {
    std::cerr << "hilbench record: cannot write " << out_path << '\n';
    return 2;
  }
  std::cerr << "hilbench record: " << recorder.count() << " messages written to " << out_path << '\n';
  return 0;
}

}  // namespace hil::cli
