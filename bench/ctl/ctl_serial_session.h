// The host CLI over a serial console: lines written as typed, CTRL:* lines printed as [ACK]...
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "bench/ctl/ctl_mqtt_session.h"
#include "bench/io/serial_link.h"

namespace hil::ctl {

class CtlSerialSession {
 public:
  CtlSerialSession(boost::asio::io_context& io, std::string path, bench::Logger log = {});

  bool open(std::string& error);
  // Sends one console line and prints what the node prints until the command is over: every
  // ACK that announced est_ms has its DONE (the batch summary ACK has none), then 300 ms of quiet.
  // The port going away meanwhile fails the command at once.
  CtlResult run(std::string_view line, std::ostream& out, std::chrono::milliseconds timeout);

 private:
  boost::asio::io_context& io_;
  std::string path_;
  bench::Logger log_;
  std::unique_ptr<bench::SerialLink> link_;
  std::string partial_;
  std::vector<std::string> lines_;
  bool gone_ = false;  // the port went away since the last command was written
};

}  // namespace hil::ctl
