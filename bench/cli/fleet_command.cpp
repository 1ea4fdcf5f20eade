// `hilbench fleet`: N simulated devices of one kind in one process, until SIGINT/SIGTERM. One JSON
// ready line once every device has connected (or the ready deadline passed), then a JSON line of
// counters every --report-s; control lines on stdin apply faults to a share of the fleet.
#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/steady_timer.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/fleet/fleet.h"
#include "bench/fleet/fleet_commander.h"
#include "bench/fleet/fleet_control.h"
#include "bench/fleet/fleet_report.h"
#include "bench/fleet/fleet_shard.h"
#include "bench/io/line_input.h"
#include "bench/io/mqtt_url.h"
#include "bench/io/run_until.h"
#include "bench/scenario/family.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

// Splits "a,b,c" into its non-empty parts.
std::vector<std::string> comma_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// Raises the open-file limit to its hard ceiling: each device holds a socket. False and the
// ceiling when it is below what the fleet needs.
bool enough_descriptors(std::size_t devices, rlim_t& ceiling) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return true;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
  ceiling = limit.rlim_max;
  return limit.rlim_max == RLIM_INFINITY || limit.rlim_max >= devices + 64;
}

}  // namespace

int fleet_command(const std::vector<std::string>& args) {
  std::string kind, id_prefix = "fleet-", ids_file, brokers, shard, username, password, tls_ca;
  std::size_t count = 0;
  double connect_rate = 1000, time_scale = 1, report_s = 10, ready_timeout_s = 120;
  std::uint64_t seed = 1;
  bool persistent = false;
  int max_subscription_qos = 2;
  double command_rate = 0, command_timeout_s = 30;
  std::string html, control_topic;
  CommandFlags flags("fleet",
                     "hilbench fleet --kind KIND --count N [--id-prefix P | --ids FILE] "
                     "--broker URL[,URL...] [--shard I/N] [--connect-rate R] [--time-scale X]");
  flags.add()("kind", text(&kind)->not_empty()->required(),
              "the device kind (`hilbench kinds`; those with a fleet form)")(
      "count", number(&count)->at_least(1)->at_most(1'000'000), "how many devices in all")(
      "id-prefix", text(&id_prefix)->default_value("fleet-"),
      "ids are the prefix and a six-digit index: fleet-000000, ...")(
      "ids", text(&ids_file)->not_empty(), "a file of ids, one a line (instead of --id-prefix)")(
      "broker", text(&brokers)->not_empty()->required(),
      "mqtt://HOST:PORT, or several separated by commas: device i is homed on broker i % count")(
      "shard", text(&shard)->not_empty(),
      "I/N: run only devices I-1, I-1+N, ... of the whole fleet (each process of N one share)")(
      "connect-rate", number(&connect_rate)->above(0.0)->default_value(1000.0),
      "new connections per second")(
      "time-scale", time_scale_number(&time_scale)->default_value(1.0),
      "device seconds per wall second")("username", po::value(&username), "MQTT username")(
      "password", po::value(&password), "MQTT password")("tls-ca", text(&tls_ca)->not_empty(),
                                                         "CA file: verify the broker (mqtts://)")(
      "seed", number(&seed)->default_value(1), "seed of the devices and of which ones faults hit")(
      "report-s", number(&report_s)->at_least(0.0)->default_value(10.0),
      "a JSON line of counters every so many seconds (0: none)")(
      "ready-timeout-s", number(&ready_timeout_s)->above(0.0)->default_value(120.0),
      "print the ready line by then even if some devices have not connected")(
      "persistent-session", po::bool_switch(&persistent),
      "the broker keeps each device's session (and QoS 1 commands) while it is away")(
      "max-subscription-qos",
      number(&max_subscription_qos)->at_least(0)->at_most(2)->default_value(2),
      "ask the devices' subscriptions at most at this QoS (0 on NATS: no JetStream consumer each)")(
      "command-rate", number(&command_rate)->at_least(0.0)->default_value(0.0),
      "the fleet's own host commands its devices in turn, so many a second at QoS 1, and reports "
      "round trips and commands lost (0: none)")(
      "command-timeout-s", number(&command_timeout_s)->above(0.0)->default_value(30.0),
      "a command not answered by then is lost")(
      "html", text(&html)->not_empty(), "an HTML report, rewritten each period and at the end")(
      "control-topic", text(&control_topic)->not_empty(),
      "take control messages on this topic of the first broker too (answers on TOPIC/answer)");
  if (const auto done = flags.parse(args)) return *done;
  const scenario::Family* family = scenario::FamilyRegistry::builtin().find(kind);
  if (family == nullptr) return flags.refuse(scenario::FamilyRegistry::builtin().unknown(kind));
  if (!family->fleet.make) return flags.refuse("a " + family->kind + " has no fleet form");
  if (command_rate > 0 && !family->fleet.command)
    return flags.refuse("a " + family->kind + " fleet has no command to send (--command-rate)");

  std::vector<std::string> ids;
  if (!ids_file.empty()) {
    if (flags.given("id-prefix")) return flags.refuse("--ids names the ids: not with --id-prefix");
    std::ifstream in(ids_file);
    if (!in) return flags.refuse("cannot read " + ids_file);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) ids.push_back(line);
    }
    if (flags.given("count") && count < ids.size()) ids.resize(count);
  } else {
    if (!flags.given("count")) return flags.refuse("give --count N (or --ids FILE)");
    std::string error;
    for (std::size_t i = 0; i < count; ++i) {
      ids.push_back(family->fleet.make_id(id_prefix, i, error));
      if (!error.empty()) return flags.refuse("--id-prefix: " + error);
    }
  }
  const auto split = bench::parse_shard(shard);
  if (!shard.empty() && !split) return flags.refuse("--shard must be I/N with 1 <= I <= N");
  if (split) ids = bench::shard_of(ids, *split);
  if (ids.empty()) return flags.refuse("this shard has no device");
  rlim_t ceiling = 0;
  if (!enough_descriptors(ids.size(), ceiling)) {
    return flags.refuse(std::to_string(ids.size()) +
                        " devices need as many open files; the limit "
                        "here is " +
                        std::to_string(ceiling) + " (ulimit -Hn)");
  }

  bench::LogSink log_sink(std::cerr, flags.log_level());
  bench::FleetOptions options;
  options.family = family;
  options.ids = ids;
  options.broker_urls = comma_list(brokers);
  options.username = username;
  options.password = password;
  options.tls_ca_file = tls_ca;
  options.connect_rate = connect_rate;
  options.time_scale = time_scale;
  options.seed = seed;
  options.clean_session = !persistent;
  options.max_subscription_qos = max_subscription_qos;
  options.log = bench::Logger(log_sink, "fleet");
  boost::asio::io_context io;
  bench::Fleet fleet(io, options);
  std::string error;
  if (!fleet.start(error)) return flags.refuse(error);
  bench::run_until(
      io, [&] { return fleet.ramp_done() && fleet.never_connected() == 0; },
      std::chrono::milliseconds(std::llround(ready_timeout_s * 1000)));

  // The fleet's own host and control topic talk to the first broker, as clients of their own.
  // Fleet::start() has accepted every broker URL, so the first one parses here too.
  const auto host_client = [&](const std::string& role) {
    auto client =
        bench::client_options_for(options.broker_urls.front(), username, password, tls_ca, error);
    client->client_id = "hilbench-fleet-" + role + "-" + std::to_string(getpid());
    client->log = bench::Logger(log_sink, "fleet " + role);
    return *client;
  };
  std::unique_ptr<bench::FleetCommander> commander;
  if (command_rate > 0) {
    bench::FleetCommanderOptions host;
    host.rules = &family->fleet;
    host.ids = ids;
    host.client = host_client("host");
    host.rate = command_rate;
    host.timeout = std::chrono::milliseconds(std::llround(command_timeout_s * 1000));
    commander = std::make_unique<bench::FleetCommander>(io, std::move(host));
  }
  bench::FleetReporterOptions reporting;
  reporting.period = std::chrono::milliseconds(std::llround((report_s > 0 ? report_s : 1) * 1000));
  reporting.print = report_s > 0;
  if (report_s <= 0 && html.empty()) reporting.period = std::chrono::milliseconds(0);
  reporting.html_path = html;
  reporting.title = "hilbench fleet: " + std::to_string(ids.size()) + " " + family->kind;
  reporting.log = bench::Logger(log_sink, "fleet report");
  bench::FleetReporter reporter(io, fleet, commander.get(), reporting);
  std::unique_ptr<bench::FleetControlTopic> control_on_topic;
  if (!control_topic.empty()) {
    control_on_topic = std::make_unique<bench::FleetControlTopic>(io, host_client("control"),
                                                                  control_topic, fleet, reporter);
    control_on_topic->start();
  }
  std::unique_ptr<bench::LineInput> control;
  if (!isatty(STDIN_FILENO)) {
    control = bench::LineInput::open(
        io, STDIN_FILENO,
        [&](std::string_view line) {
          std::cout << bench::apply_control(fleet, reporter, line).dump() << std::endl;
        },
        [](const std::string&) {}, error);
  }
  nlohmann::json ready = bench::fleet_counters_json(fleet);
  ready["ready"] = true;
  ready["kind"] = family->kind;
  ready["brokers"] = options.broker_urls;
  ready["first_id"] = ids.front();
  ready["last_id"] = ids.back();
  ready["failed"] = fleet.never_connected();
  ready["failures"] = fleet.failures(5);
  ready["pid"] = static_cast<long>(getpid());
  if (split) ready["shard"] = shard;
  if (control_on_topic) ready["control_topic"] = control_topic;
  if (!html.empty()) ready["html"] = html;
  reporter.start();
  if (commander) commander->start();
  serve_until_signal(
      io, ready.dump(),
      [&] {
        if (commander) commander->stop();
        if (control_on_topic) control_on_topic->stop();
        fleet.stop();
      },
      [&] {
        return fleet.stopped() && (!commander || commander->closed()) &&
               (!control_on_topic || control_on_topic->closed());
      },
      std::chrono::seconds(10));
  return reporter.finish() ? 0 : 1;  // a report that cannot be written is a failed run
}

}  // namespace hil::cli
