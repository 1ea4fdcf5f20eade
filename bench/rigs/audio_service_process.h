// The ESP32 audio front end's host service on a real WebSocket server, on the wall clock: the body
// of `hilbench audio-service`. One Esp32Service per endpoint (`path`, or path/0 .. path/N-1), each
// with its own app, streaming on from the start. The services' lines, every change of their status
// (get_status(), checked each second) and their counters at the end go to the log under `audio`.
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench/io/asio_scheduler.h"
#include "bench/io/ws_server.h"
#include "bench/log/logger.h"

namespace hil::bench {

struct AudioServiceProcessOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8765;  // 0: a free one
  std::string path = "/ws";
  // echo, wake, or wav:FILE / say:TEXT (played to each client when it connects).
  std::string app = "echo";
  // wake's reply after the ack: wav:FILE or say:TEXT; empty: the core's "ready" tone.
  std::string reply;
  unsigned endpoints = 0;  // 0: one service at `path`; N: path/0 .. path/N-1
  Logger log;
};

class AudioServiceProcess {
 public:
  AudioServiceProcess(boost::asio::io_context& io, AudioServiceProcessOptions options);
  ~AudioServiceProcess();
  AudioServiceProcess(const AudioServiceProcess&) = delete;
  AudioServiceProcess& operator=(const AudioServiceProcess&) = delete;

  // Loads the app's audio and listens; false and why when either fails.
  bool start(std::string& error);
  // The one ready line: the URLs, the port, the app.
  nlohmann::json ready_info() const;
  // Each service logs its counters and says goodbye to its client (1001); the server stops
  // accepting.
  void stop();
  // No connection is left open.
  bool stopped() const;

 private:
  struct Endpoint;

  bool make_endpoints(std::string& error);
  void log_status_changes();
  std::string url(const std::string& path) const;

  AudioServiceProcessOptions options_;
  AsioScheduler scheduler_;
  std::vector<std::unique_ptr<Endpoint>> endpoints_;
  WsServer server_;
  std::string reply_name_;  // what wake replies with, for the ready line
};

}  // namespace hil::bench
