// The reference MQTT peers of the client tests: mosquitto_sub and mosquitto_pub, run as programs.
#include "tests/bench_io/mqtt_peers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace hil::bench::testing {
namespace {

constexpr const char* kMessagePrefix = "MSG|";

}  // namespace

std::vector<std::string> sub_command(std::uint16_t port, const std::string& topic, int count,
                                     const std::vector<std::string>& extra) {
  // stdbuf: mosquitto_sub buffers its stdout when it is a pipe, hiding the SUBACK line.
  std::vector<std::string> argv = {"stdbuf",
                                   "-oL",
                                   "mosquitto_sub",
                                   "-h",
                                   "127.0.0.1",
                                   "-p",
                                   std::to_string(port),
                                   "-t",
                                   topic,
                                   "-q",
                                   "1",
                                   "-C",
                                   std::to_string(count),
                                   "-W",
                                   "10",
                                   "-d",
                                   "-F",
                                   std::string(kMessagePrefix) + "%t|%q|%r|%p"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return argv;
}

bool subscribed(const ChildProcess& sub) {
  return sub.output().find("received SUBACK") != std::string::npos;
}

std::vector<std::string> received_lines(const ChildProcess& sub) {
  std::vector<std::string> lines;
  std::istringstream in(sub.output());
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(kMessagePrefix, 0) == 0) lines.push_back(line);
  }
  return lines;
}

std::string message_line(const std::string& topic, int qos, bool retain,
                         const std::string& payload) {
  return kMessagePrefix + topic + "|" + std::to_string(qos) + "|" + (retain ? "1" : "0") + "|" +
         payload;
}

int publish_with_mosquitto_pub(std::uint16_t port, const std::string& topic,
                               const std::string& payload, int qos, bool retain,
                               std::string& output) {
  std::vector<std::string> argv = {
      "mosquitto_pub", "-h", "127.0.0.1", "-p", std::to_string(port), "-t",
      topic,           "-m", payload,     "-q", std::to_string(qos)};
  if (retain) argv.push_back("-r");
  return run_command(argv, output);
}

int shutdown_connections_to(std::uint16_t port) {
  int count = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    const int fd = std::atoi(entry.path().filename().c_str());
    sockaddr_in peer{};
    socklen_t size = sizeof peer;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &size) != 0) continue;
    if (peer.sin_family != AF_INET || ntohs(peer.sin_port) != port) continue;
    if (::shutdown(fd, SHUT_RDWR) == 0) ++count;
  }
  return count;
}

}  // namespace hil::bench::testing
