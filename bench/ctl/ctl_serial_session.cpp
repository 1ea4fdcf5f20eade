// The host CLI over a serial console.
#include "bench/ctl/ctl_serial_session.h"

#include <algorithm>
#include <set>

#include "bench/ctl/ctl_format.h"
#include "firmware_core/common/text.h"

namespace hil::ctl {
namespace {

constexpr auto kQuiet = std::chrono::milliseconds(300);

// The value of `key=` in a console line, or "".
std::string field(std::string_view line, std::string_view key) {
  const std::string needle = " " + std::string(key) + "=";
  const auto at = line.find(needle);
  if (at == std::string_view::npos) return "";
  const auto start = at + needle.size();
  return std::string(line.substr(start, line.find(' ', start) - start));
}

}  // namespace

CtlSerialSession::CtlSerialSession(boost::asio::io_context& io, std::string path, bench::Logger log)
    : io_(io), path_(std::move(path)), log_(std::move(log)) {}

bool CtlSerialSession::open(std::string& error) {
  link_ = bench::SerialLink::open_tty(io_, path_, bench::SerialLink::kDefaultBaud, error, log_);
  if (!link_) return false;
  link_->set_on_bytes([this](std::string_view bytes) {
    for (const char c : bytes) {
      if (c == '\n' || c == '\r') {
        if (!partial_.empty()) lines_.push_back(std::move(partial_));
        partial_.clear();
      } else {
        partial_.push_back(c);
      }
    }
  });
  link_->set_on_open_changed([this](bool open) {
    if (open) return;
    gone_ = true;
    partial_.clear();  // a line cut short by the port going away is no line of the node's
  });
  return true;
}

CtlResult CtlSerialSession::run(std::string_view line, std::ostream& out,
                                std::chrono::milliseconds timeout) {
  const bool batch = core::split_unquoted(line, ';').size() > 1;
  if (!link_->write(std::string(line) + "\n")) {
    out << "[ERR] the serial port is gone: the command was not sent" << std::endl;
    return CtlResult::kFailed;
  }
  gone_ = false;
  std::set<std::string> awaiting;  // ACKs with est_ms whose DONE has not come
  std::string last_est_ack;
  bool failed = false;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto last_line = std::chrono::steady_clock::now();
  auto wake_at = deadline;
  while (true) {
    io_.run_one_until(wake_at);  // a line, or the time to look again
    const auto now = std::chrono::steady_clock::now();
    for (auto& text : std::exchange(lines_, {})) {
      last_line = now;
      out << format_console_line(text) << '\n';
      if (text.rfind("CTRL:ERR", 0) == 0) failed = true;
      if (text.rfind("CTRL:ACK", 0) == 0 && !field(text, "est_ms").empty()) {
        last_est_ack = field(text, "msg_id");
        awaiting.insert(last_est_ack);
        const auto est = core::parse_int(field(text, "est_ms")).value_or(0);
        deadline = std::max(deadline, now + timeout + std::chrono::milliseconds(2 * est));
      }
      if (text.rfind("CTRL:DONE", 0) == 0) awaiting.erase(field(text, "cmd_id"));
    }
    out.flush();
    if (gone_) {  // no answer can come now: said at once, not at the deadline
      out << "[ERR] the serial port went away before the node had answered" << std::endl;
      return CtlResult::kFailed;
    }
    std::size_t pending = awaiting.size();
    if (batch && awaiting.count(last_est_ack) != 0) --pending;  // the summary ACK never gets a DONE
    if (pending == 0 && now - last_line >= kQuiet)
      return failed ? CtlResult::kFailed : CtlResult::kOk;
    if (now >= deadline) {
      out << "[ERR] timed out waiting for the node" << std::endl;
      return CtlResult::kTimedOut;
    }
    // No line says the answer is over: a quiet spell does, so that one is timed.
    wake_at = pending == 0 ? std::min(deadline, last_line + kQuiet) : deadline;
  }
}

}  // namespace hil::ctl
