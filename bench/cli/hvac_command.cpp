// `hilbench hvac`: Home Assistant climate entities driving Daikin units through Zigbee2MQTT IR
// blasters, until SIGINT/SIGTERM. One entity from flags or several from --config FILE; --remove
// deletes them from Home Assistant and exits.
#include <algorithm>
#include <boost/program_options.hpp>
#include <cctype>
#include <chrono>
#include <iostream>
#include <variant>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/cli/run_until_signal.h"
#include "bench/hvac/hvac_config_file.h"
#include "bench/hvac/hvac_service.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

constexpr auto kReadyTimeout = std::chrono::seconds(15);
constexpr auto kRemoveGrace = std::chrono::milliseconds(500);  // the empty retained payloads leave

}  // namespace

int hvac_command(const std::vector<std::string>& args) {
  bench::HvacServiceOptions options;
  hvac::EntityConfig entity;
  std::string config_file, model = "daikin", discovery_prefix;
  po::options_description desc("hilbench hvac options");
  desc.add_options()("help,h", "show this help")("broker",
                                                 po::value(&options.broker_url)->required(),
                                                 "mqtt://HOST:PORT or mqtts://HOST:PORT")(
      "username", po::value(&options.username), "MQTT username")(
      "password", po::value(&options.password), "MQTT password")(
      "tls-ca", po::value(&options.tls_ca_file), "CA file: verify the broker (mqtts://)")(
      "tls-cert", po::value(&options.tls_cert_file), "client certificate (with --tls-key)")(
      "tls-key", po::value(&options.tls_key_file), "client key")(
      "config", po::value(&config_file), "YAML file of several entities (instead of --device ...)")(
      "device", po::value(&entity.device_id),
      "entity id: the topic segment (homeassistant/climate/ID/...)")(
      "blaster", po::value(&entity.blaster), "Zigbee2MQTT friendly name of the IR blaster")(
      "name", po::value(&entity.name), "display name in Home Assistant (default: the device id)")(
      "model", po::value(&model)->default_value("daikin"), "daikin (FTXM-M) or daikin312 (FTXM-R)")(
      "sensor-topic", po::value(&entity.sensor_topic), "room temperature sensor topic (optional)")(
      "sensor-key", po::value(&entity.sensor_key)->default_value("temperature"), "its JSON key")(
      "min-temp", po::value(&entity.min_temp_c)->default_value(16.0), "lowest set point offered")(
      "max-temp", po::value(&entity.max_temp_c)->default_value(32.0), "highest set point offered")(
      "discovery-prefix", po::value(&discovery_prefix),
      "Home Assistant's discovery prefix (default homeassistant)")(
      "remove", "delete the entities from Home Assistant and exit");
  po::variables_map vm;
  if (const auto done = parse_options(
          "hilbench hvac",
          "hilbench hvac --broker URL (--device ID --blaster NAME | --config FILE) [options]", args,
          desc, vm)) {
    return *done;
  }
  if (!config_file.empty()) {
    if (vm.count("device") || vm.count("blaster")) {
      std::cerr << "hilbench hvac: give either --config or --device/--blaster, not both\n";
      return 2;
    }
    auto loaded = bench::load_hvac_config(config_file);
    if (const auto* error = std::get_if<bench::HvacConfigError>(&loaded)) {
      std::cerr << "hilbench hvac: " << error->to_string() << '\n';
      return 2;
    }
    options.config = std::get<hvac::BridgeConfig>(std::move(loaded));
  } else {
    if (entity.device_id.empty() || entity.blaster.empty()) {
      std::cerr << "hilbench hvac: give --device and --blaster (or --config FILE)\n";
      return 2;
    }
    std::transform(model.begin(), model.end(), model.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    const auto parsed = hvac::parse_model(model);
    if (!parsed) {
      std::cerr << "hilbench hvac: --model: " << parsed.error() << '\n';
      return 2;
    }
    entity.model = *parsed;
    if (entity.name.empty()) entity.name = entity.device_id;
    options.config.entities.push_back(entity);
  }
  if (!discovery_prefix.empty()) options.config.discovery_prefix = discovery_prefix;

  boost::asio::io_context io;
  bench::HvacService service(io, options);
  std::string error;
  if (!service.start(error)) {
    std::cerr << "hilbench hvac: " << error << '\n';
    return 2;
  }
  const auto deadline = std::chrono::steady_clock::now() + kReadyTimeout;
  while (!service.ready() && std::chrono::steady_clock::now() < deadline)
    io.run_for(std::chrono::milliseconds(20));
  if (!service.ready()) {
    std::cerr << "hilbench hvac: could not reach the broker within 15 s: " << service.last_error()
              << '\n';
    return 1;
  }
  if (vm.count("remove")) {
    service.remove_all();
    io.run_for(kRemoveGrace);
    service.stop(false);
    nlohmann::json removed = nlohmann::json::array();
    const nlohmann::json info = service.ready_info();
    for (const auto& removed_entity : info["entities"]) removed.push_back(removed_entity["device"]);
    std::cout << nlohmann::json{{"removed", removed}}.dump() << std::endl;
    return 0;
  }
  serve_until_signal(io, service.ready_info().dump(), [&] { service.stop(); });
  return 0;
}

}  // namespace hil::cli
