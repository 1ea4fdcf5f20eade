// A private mosquitto broker on 127.0.0.1, run as a child process for tests and local rigs.
#include "bench/io/embedded_broker.h"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <utility>

namespace hil::bench {
namespace {

constexpr std::chrono::seconds kStartDeadline{10};
constexpr std::chrono::seconds kStopGrace{3};
// What mosquitto logs once its listeners are open ("mosquitto version 2.0.11 running").
constexpr std::string_view kRunningLine = " running\n";

std::string current_user() {
  const passwd* entry = ::getpwuid(::geteuid());
  return entry ? entry->pw_name : "";
}

}  // namespace

EmbeddedBroker::EmbeddedBroker(EmbeddedBrokerOptions options)
    : options_(std::move(options)),
      dir_("hilbench-broker"),
      port_(options_.port),
      process_(dir_.file("mosquitto.log")) {}

EmbeddedBroker::~EmbeddedBroker() { stop(); }

std::string EmbeddedBroker::url() const { return "mqtt://127.0.0.1:" + std::to_string(port_); }

bool EmbeddedBroker::start(std::string& error) {
  if (running()) return true;
  if (dir().empty()) {
    error = "cannot create a temp directory for the broker";
    return false;
  }
  if (port_ == 0) {
    port_ = find_free_loopback_port(error);
    if (port_ == 0) return false;
  }
  if (!write_config(error)) return false;
  if (!process_.spawn(
          {find_server_program(options_.executable, "/usr/sbin/mosquitto"), "-c", config_path()},
          error)) {
    return false;
  }
  return wait_until_accepting(error);
}

bool EmbeddedBroker::write_config(std::string& error) const {
  std::ofstream out(config_path(), std::ios::trunc);
  out << "# A private broker written by hilbench.\n"
      << "listener " << port_ << " 127.0.0.1\n"
      << "allow_anonymous " << (options_.allow_anonymous ? "true" : "false") << '\n'
      << "set_tcp_nodelay true\n"
      << "persistence false\n"
      << "log_dest stderr\n";
  // Run as whoever started us, so the broker can read the files the caller put in dir().
  const std::string user = current_user();
  if (!user.empty()) out << "user " << user << '\n';
  for (const std::string& line : options_.extra_config) out << line << '\n';
  out.close();
  if (!out) {
    error = "cannot write " + config_path();
    return false;
  }
  return true;
}

bool EmbeddedBroker::wait_until_accepting(std::string& error) {
  std::string why;
  switch (process_.wait_for_log(kRunningLine, LoggedChild::Clock::now() + kStartDeadline, why)) {
    case LoggedChild::LogWait::kFound:
      return true;
    case LoggedChild::LogWait::kEnded:
      error = "mosquitto " + why + " before accepting connections:\n" + process_.log_tail();
      return false;
    case LoggedChild::LogWait::kTimedOut:
      error = "mosquitto did not open its listener on port " + std::to_string(port_) + " within " +
              std::to_string(kStartDeadline.count()) + " s";
      break;
    case LoggedChild::LogWait::kCannotWatch:
      error = "cannot watch the broker start: " + why;
      break;
  }
  stop();
  return false;
}

void EmbeddedBroker::watch_exit(boost::asio::io_context& io,
                                std::function<void(const std::string&)> on_exit) {
  const pid_t pid = process_.pid();
  process_.watch_exit(io, [this, pid, on_exit = std::move(on_exit)](const std::string& how) {
    on_exit("mosquitto (pid " + std::to_string(pid) + ") " + how + "; the end of its log:\n" +
            process_.log_tail());
  });
}

void EmbeddedBroker::stop() { process_.stop(kStopGrace); }

std::string broker_url_or_embedded(const std::string& url, std::unique_ptr<EmbeddedBroker>& broker,
                                   std::string& error) {
  if (!url.empty()) return url;
  broker = std::make_unique<EmbeddedBroker>();
  if (!broker->start(error)) return "";
  return broker->url();
}

}  // namespace hil::bench
