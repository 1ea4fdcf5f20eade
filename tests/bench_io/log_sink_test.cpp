// The one log sink: the line's shape (timestamp, level, component), the threshold, lines of a
// message, the handles that write to it and the core's LineSink port on it.
#include "bench/log/log_sink.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "bench/log/log_line_sink.h"
#include "bench/log/logger.h"

namespace hil::bench {
namespace {

// What a log line looks like; tests and tools may read it so.
const std::regex kLogLine(
    R"((\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (DEBUG|INFO|WARNING|ERROR) \[([^\]]+)\] (.*))");

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(LogSink, ALineHasTimestampLevelComponentAndMessage) {
  std::ostringstream out;
  LogSink sink(out);
  Logger(sink, "mqtt").info("connected to 127.0.0.1:1883");
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 1u);
  std::smatch match;
  ASSERT_TRUE(std::regex_match(lines[0], match, kLogLine)) << lines[0];
  EXPECT_EQ(match[2], "INFO");
  EXPECT_EQ(match[3], "mqtt");
  EXPECT_EQ(match[4], "connected to 127.0.0.1:1883");
}

TEST(LogSink, FormatIsFixed) {
  EXPECT_EQ(format_log_line("2025-06-01T12:34:56.789Z", LogLevel::kWarning, "serial", "gone"),
            "2025-06-01T12:34:56.789Z WARNING [serial] gone");
}

TEST(LogSink, LinesBelowTheThresholdAreDropped) {
  std::ostringstream out;
  LogSink sink(out, LogLevel::kWarning);
  const Logger log(sink, "sim");
  log.debug("a");
  log.info("b");
  log.warning("c");
  log.error("d");
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find(" WARNING [sim] c"), std::string::npos);
  EXPECT_NE(lines[1].find(" ERROR [sim] d"), std::string::npos);
  EXPECT_FALSE(log.enabled(LogLevel::kInfo));
}

TEST(LogSink, EachLineOfAMessageIsALogLine) {
  std::ostringstream out;
  LogSink sink(out);
  Logger(sink, "broker").error("mosquitto exited:\nError: port in use\n");
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 2u);
  for (const auto& line : lines) EXPECT_TRUE(std::regex_match(line, kLogLine)) << line;
  EXPECT_NE(lines[1].find("[broker] Error: port in use"), std::string::npos);
}

TEST(LogSink, EscapeSequencesAPeerSentAreWrittenEscaped) {
  std::ostringstream out;
  LogSink sink(out);
  Logger(sink, "mqtt").warning("bad payload: \x1b]0;retitled\x07\x1b[2J\rforged");
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("bad payload: \\x1b]0;retitled\\x07\\x1b[2J\\rforged"), std::string::npos)
      << lines[0];
}

TEST(LogSink, ADivertedLineIsNotWritten) {
  std::ostringstream out;
  LogSink sink(out);
  std::vector<std::string> shown;
  sink.divert([&](LogLevel, std::string_view component, std::string_view message) {
    if (component != "supv") return false;
    shown.emplace_back(message);
    return true;
  });
  Logger(sink, "supv").info("synced");
  Logger(sink, "serial").info("reopened");
  EXPECT_EQ(shown, std::vector<std::string>{"synced"});
  EXPECT_NE(out.str().find("[serial] reopened"), std::string::npos);
  EXPECT_EQ(out.str().find("synced"), std::string::npos);
}

TEST(LogSink, ADefaultLoggerWritesNowhere) {
  const Logger nowhere;
  nowhere.error("lost");  // nothing to check but that it does not crash
  EXPECT_FALSE(nowhere.enabled(LogLevel::kError));
}

TEST(LogLineSink, LinesNamingTheirComponentKeepIt) {
  std::ostringstream out;
  LogSink sink(out);
  LogLineSink port(Logger(sink, "sim"));
  port.write_line("[mcu] Pi power cut");
  port.write_line("CTRL:READY");
  const auto lines = lines_of(out.str());
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find(" INFO [mcu] Pi power cut"), std::string::npos) << lines[0];
  EXPECT_NE(lines[1].find(" INFO [sim] CTRL:READY"), std::string::npos) << lines[1];
}

TEST(LogLevel, WordsRoundTrip) {
  for (const auto level :
       {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarning, LogLevel::kError}) {
    EXPECT_EQ(parse_log_level(to_string(level)), level);
  }
  EXPECT_FALSE(parse_log_level("verbose"));
}

}  // namespace
}  // namespace hil::bench
