// Free TCP ports on 127.0.0.1 for the servers we start (brokers, NATS nodes).
#include "bench/io/free_port.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace hil::bench {
namespace {

// A socket bound to a port the kernel picks; its port, or 0 and `error`. The socket stays open in
// `fd` so the next bind cannot be given the same port.
std::uint16_t bind_any_port(int& fd, std::string& error) {
  fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    error = std::string("socket: ") + std::strerror(errno);
    return 0;
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    error = std::string("cannot find a free port: ") + std::strerror(errno);
    return 0;
  }
  return ntohs(address.sin_port);
}

}  // namespace

std::uint16_t find_free_loopback_port(std::string& error) {
  const std::vector<std::uint16_t> ports = find_free_loopback_ports(1, error);
  return ports.empty() ? 0 : ports.front();
}

std::vector<std::uint16_t> find_free_loopback_ports(std::size_t count, std::string& error) {
  std::vector<std::uint16_t> ports;
  std::vector<int> fds;
  for (std::size_t i = 0; i < count; ++i) {
    int fd = -1;
    const std::uint16_t port = bind_any_port(fd, error);
    if (fd >= 0) fds.push_back(fd);
    if (port == 0) {
      ports.clear();
      break;
    }
    ports.push_back(port);
  }
  for (const int fd : fds) ::close(fd);
  return ports;
}

}  // namespace hil::bench
