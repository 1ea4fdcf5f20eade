// `hilbench record --broker URL [--topics PATTERN]... [--serial PATH[@NODE_ID]]... --out TRACE`:
// records a live session passively (a real board's traffic, or a sim process's) as a trace that
// `hilbench replay` can feed back. Devices are named from what was seen, as their families' rows
// tell (a stepper node by its devices/<id>/ topics, a blaster by its zigbee2mqtt/<name>/ ones).
// Runs until SIGINT/SIGTERM or --duration; the trace is written then.
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <csignal>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/io/mqtt_client.h"
#include "bench/io/mqtt_url.h"
#include "bench/io/output_file.h"
#include "bench/io/run_until.h"
#include "bench/io/serial_link.h"
#include "bench/log/logger.h"
#include "bench/scenario/family.h"
#include "bench/scenario/trace_writer.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kReadyTimeout = std::chrono::seconds(10);
constexpr double kMaxDurationS = 365 * 24 * 3600;  // a year: anything longer is surely a typo

// What the recording knows of one device: its family (once heard) and what makes it again.
struct HeardDevice {
  std::string kind;
  nlohmann::json options = nlohmann::json::object();
};

class Recorder {
 public:
  Recorder(Clock::time_point start, const scenario::FamilyRegistry& families)
      : start_(start), families_(families) {}

  // The topics every family's row listens to.
  std::vector<std::string> default_filters() const {
    std::vector<std::string> filters;
    for (const auto& family : families_.rows())
      filters.insert(filters.end(), family.record.filters.begin(), family.record.filters.end());
    return filters;
  }

  // An MQTT message seen on the broker: to a device when on a command topic of its family, else
  // from it; "broker" when no family claims the topic.
  void add_publish(const std::string& topic, std::string payload) {
    for (const auto& family : families_.rows()) {
      if (!family.record.claim) continue;
      if (auto heard = family.record.claim(topic)) {
        const std::string name = hear(family.kind, *heard);
        if (!heard->also_link.empty()) add(name, heard->also_link, "", payload, false);
        add(name, "mqtt", topic, std::move(payload), heard->inbound);
        return;
      }
    }
    add("broker", "mqtt", topic, std::move(payload), false);
  }

  // A console line of the tty recorded as `name`; `kind` when the user named the family, else the
  // first family that claims a line of it.
  void add_line(const std::string& name, const std::string& kind, std::string line) {
    if (devices_.count(name) == 0) {
      for (const auto& family : families_.rows()) {
        if ((!kind.empty() && family.kind != kind) || !family.record.claim_line) continue;
        if (auto heard = family.record.claim_line(name, line)) {
          hear(family.kind, *heard);
          break;
        }
      }
    }
    add(name, "serial", "", std::move(line), false);
  }

  void write(std::ostream& out) const {
    nlohmann::ordered_json devices = nlohmann::ordered_json::array();
    for (const auto& [name, device] : devices_) {
      nlohmann::ordered_json entry = {{"name", name}};
      if (!device.kind.empty()) entry["kind"] = device.kind;  // a tty no line told: replay says so
      for (const auto& [key, value] : device.options.items()) entry[key] = value;
      devices.push_back(std::move(entry));
    }
    const nlohmann::ordered_json header = {{"format", "hilbench-trace"},
                                           {"version", scenario::kTraceFormatVersion},
                                           {"seed", 1},
                                           {"clock", "real"},
                                           {"scenario", "recorded"},
                                           {"devices", devices}};
    scenario::write_trace(out, header, messages_);
  }

  std::size_t count() const { return messages_.size(); }
  // Ttys whose family no line told: they go into the header without a kind.
  std::vector<std::string> settle_unknown(const std::vector<std::string>& ttys) {
    std::vector<std::string> out;
    for (const auto& name : ttys) {
      if (devices_.emplace(name, HeardDevice{}).second) out.push_back(name);
    }
    return out;
  }

 private:
  // The device's name in the trace: a device of another family heard under the same name first
  // keeps it, and this one is told apart by its kind.
  std::string hear(const std::string& kind, const scenario::HeardTopic& heard) {
    std::string name = heard.device;
    const auto it = devices_.find(name);
    if (it != devices_.end() && it->second.kind != kind) name += "_" + kind;
    devices_.emplace(name, HeardDevice{kind, heard.options});
    return name;
  }

  void add(const std::string& device, const std::string& link, const std::string& topic,
           std::string payload, bool inbound) {
    const auto t_us =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start_).count();
    messages_.push_back(
        scenario::LinkMessage{t_us, device, link, topic, std::move(payload), inbound, false, {}});
  }

  Clock::time_point start_;
  const scenario::FamilyRegistry& families_;
  std::map<std::string, HeardDevice> devices_;
  std::vector<scenario::LinkMessage> messages_;
};

}  // namespace

int record_command(const std::vector<std::string>& args) {
  std::string broker, out_path, username, password, tls_ca;
  std::vector<std::string> topics, serials;
  double duration_s = 0;
  CommandFlags flags("record",
                     "hilbench record --broker URL [--topics P...] [--serial PATH]... --out TRACE");
  flags.add()("broker", broker_url(&broker), "mqtt://HOST:PORT to listen on")(
      "topics", po::value(&topics)->multitoken(),
      "topic filters (default: those of every device family)")(
      "serial", po::value(&serials),
      "a console tty to listen on, PATH, PATH@NAME or PATH@NAME:KIND (repeatable)")(
      "username", po::value(&username), "MQTT username")(
      "password", po::value(&password), "MQTT password")("tls-ca", text(&tls_ca)->not_empty(),
                                                         "CA file: connect with TLS")(
      "duration", number(&duration_s)->above(0)->at_most(kMaxDurationS),
      "stop after this many seconds (default: at SIGINT/SIGTERM)")(
      "out", text(&out_path)->not_empty()->required(), "the trace to write (JSON Lines)");
  if (const auto done = flags.parse(args)) return *done;
  if (broker.empty() && serials.empty()) return flags.refuse("give --broker, --serial or both");
  bench::LogSink log_sink(std::cerr, flags.log_level());
  const bench::Logger log(log_sink, "record");
  std::string error;
  // Opened now: a path that cannot be written is refused before anything is recorded.
  const auto out = bench::OutputFile::open(out_path, error);
  if (!out) return flags.refuse("--out: " + error);
  boost::asio::io_context io;
  const scenario::FamilyRegistry& families = scenario::FamilyRegistry::builtin();
  Recorder recorder(Clock::now(), families);
  std::unique_ptr<bench::MqttClient> mqtt;
  if (!broker.empty()) {
    auto options = bench::client_options_for(broker, username, password, tls_ca, error);
    if (!options) return flags.refuse(error);
    options->log = log.at("mqtt");
    mqtt = std::make_unique<bench::MqttClient>(io, *options);
    for (const auto& filter : topics.empty() ? recorder.default_filters() : topics)
      mqtt->subscribe(filter, 1);
    mqtt->set_on_message([&](std::string_view topic, std::string_view payload, int, bool) {
      recorder.add_publish(std::string(topic), std::string(payload));
    });
    mqtt->start();
  }
  std::vector<std::unique_ptr<bench::SerialLink>> links;
  std::vector<std::string> partial(serials.size()), tty_names;
  for (std::size_t i = 0; i < serials.size(); ++i) {
    const auto at = serials[i].find('@');
    const std::string path = serials[i].substr(0, at);
    std::string device =
        at == std::string::npos ? "serial" + std::to_string(i) : serials[i].substr(at + 1);
    std::string kind;
    if (const auto colon = device.find(':'); colon != std::string::npos) {
      kind = device.substr(colon + 1);
      device.resize(colon);
      const scenario::Family* family = families.find(kind);
      if (family == nullptr)
        return flags.refuse("--serial " + serials[i] + ": " + families.unknown(kind));
      kind = family->kind;
    }
    tty_names.push_back(device);
    auto link = bench::SerialLink::open_tty(io, path, bench::SerialLink::kDefaultBaud, error,
                                            log.at("serial"));
    if (!link) return flags.refuse("--serial " + serials[i] + ": " + error);
    link->set_on_bytes([&recorder, &line = partial[i], device, kind](std::string_view bytes) {
      for (const char c : bytes) {
        if (c != '\r' && c != '\n') {
          line.push_back(c);
        } else if (!line.empty()) {
          recorder.add_line(device, kind, std::exchange(line, {}));
        }
      }
    });
    links.push_back(std::move(link));
  }
  // Subscribed before anyone is told to go: what is published after the ready line is recorded.
  if (mqtt && !bench::run_until(
                  io, [&] { return mqtt->subscribed(); }, kReadyTimeout)) {
    const std::string& why = mqtt->last_error();
    log.error(
        "no connection to " + broker +
        (why.empty() ? " within " + std::to_string(kReadyTimeout.count()) + " s" : ": " + why));
    return 1;
  }
  boost::asio::steady_timer stop_timer(io);
  if (duration_s > 0) {
    stop_timer.expires_after(std::chrono::milliseconds(static_cast<long>(duration_s * 1000)));
    stop_timer.async_wait([&io](const boost::system::error_code& ec) {
      if (!ec) ::raise(SIGTERM);  // the same way out as a signal from outside
    });
  }
  serve_until_signal(
      io, nlohmann::json{{"ready", true}, {"out", out_path}}.dump(),
      [&] {
        if (mqtt) mqtt->stop();
      },
      [&] { return !mqtt || mqtt->closed(); });
  const std::vector<std::string> unknown = recorder.settle_unknown(tty_names);
  std::ostringstream trace;
  recorder.write(trace);
  if (!out->write_and_close(trace.str(), error)) {
    // What fitted stays: replay uses a trace's complete records and warns of a cut last line.
    log.error(error + "; the trace holds what fitted of " + std::to_string(recorder.count()) +
              " messages");
    return 1;
  }
  for (const auto& name : unknown) {
    log.warning("no line told which device family the tty recorded as '" + name +
                "' belongs to; its header entry has no kind (name it: --serial PATH@" + name +
                ":KIND)");
  }
  log.info(std::to_string(recorder.count()) + " messages written to " + out_path);
  return 0;
}

}  // namespace hil::cli
