// A private mosquitto broker on 127.0.0.1, run as a child process for tests and local rigs.
#pragma once

#include <sys/types.h>

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "bench/io/free_port.h"
#include "bench/io/logged_child.h"
#include "bench/io/private_dir.h"

namespace hil::bench {

struct EmbeddedBrokerOptions {
  std::uint16_t port = 0;  // 0: a free port, kept across restarts
  bool allow_anonymous = true;
  // Appended to the generated config, e.g. "password_file /path" or a TLS listener block.
  std::vector<std::string> extra_config;
  std::string executable;  // empty: /usr/sbin/mosquitto, else `mosquitto` on PATH
};

class EmbeddedBroker;

// `url` when given; else starts `broker` (an embedded one) and gives its URL. Empty and `error`
// when it cannot start.
std::string broker_url_or_embedded(const std::string& url, std::unique_ptr<EmbeddedBroker>& broker,
                                   std::string& error);

class EmbeddedBroker {
 public:
  // Creates the broker's temp directory; start() runs it.
  explicit EmbeddedBroker(EmbeddedBrokerOptions options = {});
  // Stops the broker and removes its temp directory.
  ~EmbeddedBroker();
  EmbeddedBroker(const EmbeddedBroker&) = delete;
  EmbeddedBroker& operator=(const EmbeddedBroker&) = delete;

  // Writes the config, spawns the broker and waits (up to 10 s) until it has opened its listener
  // (it says so in its log).
  // Returns false with a reason, including the end of the broker's log, if it does not.
  // The broker gets SIGTERM if the thread that started it ends, so it never outlives its user.
  [[nodiscard]] bool start(std::string& error);
  // SIGTERM, then SIGKILL after 3 s. The port stays the same for the next start().
  void stop();
  // Calls `on_exit` from `io`, with how it ended and the end of its log, if the running broker
  // ends without stop() (killed, crashed): its users are not left serving a broker that is gone.
  void watch_exit(boost::asio::io_context& io, std::function<void(const std::string&)> on_exit);

  bool running() const { return process_.running(); }
  std::string url() const;
  std::uint16_t port() const { return port_; }
  pid_t pid() const { return process_.pid(); }
  // The temp directory: a place for password files, certificates and the like.
  const std::string& dir() const { return dir_.path(); }
  // Everything the broker has written to stdout and stderr.
  std::string log() const { return process_.log(); }

 private:
  bool write_config(std::string& error) const;
  // Until the broker logs that it runs, or ends.
  [[nodiscard]] bool wait_until_accepting(std::string& error);
  std::string config_path() const { return dir_.file("mosquitto.conf"); }

  EmbeddedBrokerOptions options_;
  PrivateDir dir_;
  std::uint16_t port_;
  LoggedChild process_;
};

}  // namespace hil::bench
