// `hilbench hvac`: Home Assistant climate entities driving Daikin units through Zigbee2MQTT IR
// blasters, until SIGINT/SIGTERM. One entity from flags or several from --config FILE; --remove
// deletes them from Home Assistant and exits.
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>
#include <variant>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/hvac/hvac_config_file.h"
#include "bench/hvac/hvac_service.h"
#include "bench/io/run_until.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(15);
constexpr auto kStopDeadline = std::chrono::seconds(3);

// The flags, for the configuration's checks (a config file's own names are its keys).
const hvac::ConfigNames kFlagNames{
    "--device",   "--name",     "--blaster",          "--model", "--sensor-topic",
    "--min-temp", "--max-temp", "--discovery-prefix", "daikin",  "daikin312"};

}  // namespace

int hvac_command(const std::vector<std::string>& args) {
  bench::HvacServiceOptions options;
  hvac::EntityConfig entity;
  std::string config_file, model = "daikin", discovery_prefix;
  CommandFlags flags(
      "hvac", "hilbench hvac --broker URL (--device ID --blaster NAME | --config FILE) [options]");
  flags.add()("broker", broker_url(&options.broker_url)->required(),
              "mqtt://HOST:PORT or mqtts://HOST:PORT")("username", po::value(&options.username),
                                                       "MQTT username")(
      "password", po::value(&options.password), "MQTT password")(
      "tls-ca", text(&options.tls_ca_file)->not_empty(), "CA file: verify the broker (mqtts://)")(
      "tls-cert", text(&options.tls_cert_file)->not_empty(), "client certificate (with --tls-key)")(
      "tls-key", text(&options.tls_key_file)->not_empty(), "client key")(
      "config", text(&config_file)->not_empty(),
      "YAML file of several entities (instead of --device ...)")(
      "device", text(&entity.device_id)->not_empty(),
      "entity id: the topic segment (homeassistant/climate/ID/...)")(
      "blaster", text(&entity.blaster)->not_empty(), "Zigbee2MQTT friendly name of the IR blaster")(
      "name", text(&entity.name)->not_empty(),
      "display name in Home Assistant (default: the device id)")(
      "model", one_of(&model, {"daikin", "daikin312"})->default_value("daikin"),
      "daikin (FTXM-M) or daikin312 (FTXM-R)")("sensor-topic",
                                               text(&entity.sensor_topic)->not_empty(),
                                               "room temperature sensor topic (optional)")(
      "sensor-key", text(&entity.sensor_key)->not_empty()->default_value("temperature"),
      "its JSON key")("min-temp", number(&entity.min_temp_c)->default_value(16.0),
                      "lowest set point offered")(
      "max-temp", number(&entity.max_temp_c)->default_value(32.0), "highest set point offered")(
      "discovery-prefix", text(&discovery_prefix)->not_empty(),
      "Home Assistant's discovery prefix (default homeassistant)")(
      "remove", "delete the entities from Home Assistant and exit");
  if (const auto done = flags.parse(args)) return *done;
  if (!config_file.empty()) {
    for (const char* flag : {"device", "blaster", "name", "model", "sensor-topic", "sensor-key",
                             "min-temp", "max-temp"}) {
      if (flags.given(flag))
        return flags.refuse("--" + std::string(flag) + " describes one entity: not with --config");
    }
    auto loaded = bench::load_hvac_config(config_file);
    if (const auto* error = std::get_if<bench::HvacConfigError>(&loaded))
      return flags.refuse(error->to_string());
    options.config = std::get<hvac::BridgeConfig>(std::move(loaded));
  } else {
    if (entity.device_id.empty() || entity.blaster.empty())
      return flags.refuse("give --device and --blaster (or --config FILE)");
    entity.model =
        model == "daikin312" ? ir::DaikinProtocol::kDaikin312 : ir::DaikinProtocol::kDaikin;
    if (entity.name.empty()) entity.name = entity.device_id;
    options.config.entities.push_back(entity);
  }
  if (!discovery_prefix.empty()) options.config.discovery_prefix = discovery_prefix;
  if (const auto checked = hvac::normalized(options.config, kFlagNames); !checked)
    return flags.refuse(checked.error());

  bench::LogSink log_sink(std::cerr, flags.log_level());
  options.log = bench::Logger(log_sink, "hvac");
  options.remove = flags.given("remove");
  boost::asio::io_context io;
  bench::HvacService service(io, options);
  std::string error;
  if (!service.start(error)) return flags.refuse(error);
  if (!bench::run_until(
          io, [&] { return service.ready(); }, kReadyTimeout)) {
    options.log.error("could not reach the broker within 15 s: " + service.last_error());
    return 1;
  }
  if (options.remove) {
    service.stop(false);  // after the broker has the empty retained payloads
    bench::run_until(
        io, [&] { return service.stopped(); }, kStopDeadline);
    nlohmann::json removed = nlohmann::json::array();
    const nlohmann::json info = service.ready_info();
    for (const auto& removed_entity : info["entities"]) removed.push_back(removed_entity["device"]);
    std::cout << nlohmann::json{{"removed", removed}}.dump() << std::endl;
    return 0;
  }
  serve_until_signal(
      io, service.ready_info().dump(), [&] { service.stop(); }, [&] { return service.stopped(); });
  return 0;
}

}  // namespace hil::cli
