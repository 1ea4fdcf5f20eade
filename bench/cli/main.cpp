// The hilbench program: one binary, one subcommand per job.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "bench/cli/commands.h"
#include "bench/cli/usage_error.h"

namespace {

void usage(std::ostream& out) {
  out << "usage: hilbench <command> [options]\n\n"
         "commands:\n"
         "  audio-service [--port 8765] [--app echo|wake|wav:FILE|say:TEXT]\n"
         "                                    the ESP32 audio service on ws://HOST:PORT/ws\n"
         "  broker [--port N]                 run Debian's mosquitto on a loopback port\n"
         "  sim KIND [...]                    a simulated device on real transports (`hilbench "
         "sim`\n"
         "                                    lists the kinds)\n"
         "  fleet --kind KIND --count N --broker URL[,URL...] [--shard I/N]\n"
         "                                    N simulated devices in one process\n"
         "  head --name NAME [--host H --port P] (--scripts-dir DIR... | --sim FILE)\n"
         "                                    the robot head's script and Bluetooth controller\n"
         "  hvac --broker URL (--device ID --blaster NAME | --config FILE)\n"
         "                                    Home Assistant climate entities over IR blasters\n"
         "  ir daikin|decode|encode            Daikin frames and Tuya IR codes (JSON out)\n"
         "  qemu IMAGE [--board mps2-an385]   a firmware image on a board emulated by QEMU, its\n"
         "                                    console UART on a PTY\n"
         "  ctl (--broker URL --node ID | --serial PATH) [COMMAND...]\n"
         "                                    send console-syntax commands to a node\n"
         "  run FILE|DIR... [--seed N] [--junit F] [--record F] [--shard I/N]\n"
         "                                    run scenario files against simulated devices\n"
         "  replay TRACE [--target F]         replay a trace's inputs and diff what comes back\n"
         "  record --broker URL [--serial P] --out TRACE\n"
         "                                    record a live session passively\n"
         "  kinds [--markdown]                the device families: options, links, set: controls "
         "(JSON)\n"
         "  audio-devices                     the audio devices PortAudio finds, for --mic and "
         "--speaker\n"
         "                                    portaudio:DEVICE (JSON)\n"
         "  supv --serial PATH [--json]       the Pi's side of the supervisor MCU: live state "
         "view\n"
         "  supv poweroff --serial PATH [--poweroff-cmd CMD] [--gpio FILE]\n"
         "                                    power-off handshake (a dry run without "
         "--poweroff-cmd)\n\n"
         "Run `hilbench <command> --help` for the options of a command.\n"
         "Long-running commands print one JSON line on stdout when ready; logs go to stderr.\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "hilbench 0.1.0\n";
    return 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  if (command == "audio-service") return hil::cli::audio_service_command(args);
  if (command == "broker") return hil::cli::broker_command(args);
  if (command == "sim") return hil::cli::sim_command(args);
  if (command == "ctl") return hil::cli::ctl_command(args);
  if (command == "fleet") return hil::cli::fleet_command(args);
  if (command == "head") return hil::cli::head_command(args);
  if (command == "hvac") return hil::cli::hvac_command(args);
  if (command == "ir") return hil::cli::ir_command(args);
  if (command == "qemu") return hil::cli::qemu_command(args);
  if (command == "run") return hil::cli::run_command(args);
  if (command == "replay") return hil::cli::replay_command(args);
  if (command == "record") return hil::cli::record_command(args);
  if (command == "supv") return hil::cli::supv_command(args);
  if (command == "kinds") return hil::cli::kinds_command(args);
  if (command == "audio-devices") return hil::cli::audio_devices_command(args);
  hil::cli::usage_error("", "unknown command '" + command + "'");
  usage(std::cerr);
  return hil::cli::kExitUsage;
}
