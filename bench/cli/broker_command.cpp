// `hilbench broker [--port N]`: Debian's mosquitto on a loopback port, until SIGINT/SIGTERM.
#include <iostream>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include "bench/cli/commands.h"
#include "bench/cli/run_until_signal.h"
#include "bench/io/embedded_broker.h"

namespace po = boost::program_options;

namespace hil::cli {

int broker_command(const std::vector<std::string>& args) {
  po::options_description desc("hilbench broker options");
  int port = 0;
  desc.add_options()("help,h", "show this help")("port", po::value<int>(&port), "listen on this port (default: a free one)");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "hilbench broker: " << e.what() << "\n" << desc;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << desc;
    return 0;
  }
  if (port < 0 || port > 65535) {
    std::cerr << "hilbench broker: --port must be 0..65535\n";
    return 2;
  }
  bench::EmbeddedBrokerOptions options;
  options.port = static_cast<std::uint16_t>(port);
  bench::EmbeddedBroker broker(options);
  std::string error;
  if (!broker.start(error)) {
    std::cerr << "hilbench broker: " << error << '\n';
    return 1;
  }
  print_ready(nlohmann::json{{"ready", true}, {"url", broker.url()}, {"port", broker.port()}, {"pid", broker.pid()}}.dump());
  boost::asio::io_context io;
  auto guard = boost::asio::make_work_guard(io);
  run_until_signal(io, [&] {
    guard.reset();
    broker.stop();
  });
  return 0;
}

}  // namespace hil::cli
