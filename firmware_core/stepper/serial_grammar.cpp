// The console grammar of the stepper node, read from the command table's syntaxes.
#include "firmware_core/stepper/serial_grammar.h"

#include "firmware_core/common/text.h"
#include "firmware_core/stepper/command_table.h"

namespace hil::stepper {
namespace {

ParsedCommand failed(const CommandRow& row, Problem problem) {
  ParsedCommand out;
  out.row = &row;
  out.problem = std::move(problem);
  return out;
}

ParsedCommand failed(const CommandRow& row) {
  return failed(row, Problem{row.param_error, {}, {}});
}

// An optional numeric place: empty means "not given".
bool parse_place(std::string_view text, bool required, std::optional<std::int64_t>& out) {
  text = core::trim(text);
  if (text.empty()) return !required;
  out = core::parse_int(text);
  return out.has_value();
}

// `<id|ALL>[,<number>..]`, the numbers in the row's order.
ParsedCommand parse_motors(const CommandRow& row, std::string_view args) {
  ParsedCommand out;
  out.row = &row;
  const auto parts = core::split_unquoted(args, ',');
  const auto mask = parse_motor_target(parts[0]);
  if (!mask) return failed(row, Problem{ErrorCode::kBadId, {}, {}});
  out.command.motors = *mask;
  if (parts.size() - 1 > row.numbers.size()) return failed(row);
  for (std::size_t i = 0; i < row.numbers.size(); ++i) {
    const NumberArg& number = row.numbers[i];
    const std::string_view text = i + 1 < parts.size() ? parts[i + 1] : std::string_view();
    if (!parse_place(text, number.required, out.command.*number.slot)) return failed(row);
  }
  return out;
}

// `[<resource>]`, where LAST_OP_TIMING may name its motors: `:<id|ALL>`, or nothing for all.
ParsedCommand parse_resource(const CommandRow& row, std::string_view args) {
  ParsedCommand out;
  out.row = &row;
  std::string resource = core::to_upper(core::trim(args));
  if (resource.empty()) resource = "ALL";
  constexpr std::string_view kTiming = "LAST_OP_TIMING";
  if (std::string_view(resource).substr(0, kTiming.size()) == kTiming) {
    const std::string_view rest = std::string_view(resource).substr(kTiming.size());
    if (rest.empty() || (rest.front() == ':' && core::trim(rest.substr(1)).empty())) {
      out.command.timing_motors = kAllMotors;
    } else if (rest.front() == ':') {
      const auto mask = parse_motor_target(rest.substr(1));
      if (!mask) return failed(row, Problem{ErrorCode::kBadId, {}, {}});
      out.command.timing_motors = *mask;
    } else {
      return failed(row, Problem{row.param_error, "UNKNOWN_RESOURCE", {}});
    }
    resource = std::string(kTiming);
  }
  out.command.resource = resource;
  return out;
}

// `KEY=VALUE KEY2="VALUE 2"`: keys are kept as written, values unquoted.
bool parse_assignments(std::string_view args, Command& cmd) {
  for (std::string_view token : core::split_unquoted(core::trim(args), ' ')) {
    token = core::trim(token);
    if (token.empty()) continue;
    const auto eq = token.find('=');
    if (eq == std::string_view::npos || eq == 0) return false;
    auto value = core::unquote(token.substr(eq + 1));
    if (!value) return false;
    cmd.assignments.emplace_back(std::string(token.substr(0, eq)), *value);
  }
  return !cmd.assignments.empty();
}

// `"<ssid>"[,"<pass>"]`.
ParsedCommand parse_credentials(const CommandRow& row, std::string_view args) {
  ParsedCommand out;
  out.row = &row;
  const auto parts = core::split_unquoted(args, ',');
  if (parts.empty() || parts.size() > 2) return failed(row);
  const auto ssid = core::unquote(parts[0]);
  const auto pass = parts.size() > 1 ? core::unquote(parts[1]) : std::optional<std::string>("");
  if (!ssid || !pass) return failed(row, Problem{row.param_error, "BAD_QUOTING", {}});
  out.command.ssid = *ssid;
  out.command.pass = *pass;
  return out;
}

}  // namespace

ParsedCommand parse_arguments(const CommandRow& row, char separator, std::string_view args) {
  ParsedCommand out;
  out.row = &row;
  switch (row.syntax) {
    case Syntax::kIgnoresArgs:
      return out;  // STATUS prints the full status whatever follows it (`STATUS extra`, `STATUS:0`)
    case Syntax::kBare:
      if (!core::trim(args).empty() || separator == ':' || separator == ',') return failed(row);
      return out;
    case Syntax::kMotors:
      if (separator != ':') return failed(row);
      return parse_motors(row, args);
    case Syntax::kResource:
      if (separator == ',' || separator == ':') return failed(row);
      return parse_resource(row, args);
    case Syntax::kSettings:
      if (separator != ' ' || !parse_assignments(args, out.command)) return failed(row);
      return out;
    case Syntax::kCredentials:
      if (separator != ',') return failed(row);
      return parse_credentials(row, args);
    case Syntax::kBrokerFields: {
      const std::string word = core::to_upper(core::trim(args));
      if (word == "RESET" || word == "DEFAULTS") {
        out.command.reset = true;
      } else if (!parse_assignments(args, out.command)) {
        return failed(row);
      }
      return out;
    }
  }
  return failed(row);
}

namespace {

// A word that is no command. The words before the ':' of compound names (NET, MQTT) alone are
// parameter errors of that family, as the original firmware prints them; anything else is E01.
ParsedCommand unknown_command(std::string_view head, std::string_view rest) {
  const std::string_view after = rest.empty() ? rest : core::trim(rest.substr(1));
  ParsedCommand out;
  if (core::iequals(head, "NET") && after.empty()) {
    out.row = find_command("NET:STATUS");  // reported as the family's command
    out.problem = Problem{ErrorCode::kBadParam, {}, {Field{"requested", std::string()}}, true};
  } else if (core::iequals(head, "MQTT") && after.empty()) {
    out.row = find_command("MQTT:GET_CONFIG");
    out.problem = Problem{ErrorCode::kMqttBadParam, "MISSING_SUBCOMMAND", {}};
  } else {
    out.problem = Problem{ErrorCode::kBadCmd, {}, {}};
  }
  return out;
}

}  // namespace

std::optional<MotorMask> parse_motor_target(std::string_view text) {
  text = core::trim(text);
  if (core::iequals(text, "ALL")) return kAllMotors;
  const auto id = core::parse_int(text);
  if (!id || *id < 0 || *id >= kMotorCount) return std::nullopt;
  return static_cast<MotorMask>(1U << *id);
}

ParsedCommand parse_serial_command(std::string_view text) {
  text = core::trim(text);
  // A compound name (`NET:STATUS`) ends at a space, a comma or the end; any other name at ':' too.
  const CommandRow* row = nullptr;
  std::size_t head_len = 0;
  for (const auto& candidate : command_table()) {
    const std::string_view name(candidate.name);
    if (name.find(':') == std::string_view::npos || text.size() < name.size()) continue;
    if (core::iequals(text.substr(0, name.size()), name) &&
        (text.size() == name.size() || text[name.size()] == ' ' || text[name.size()] == ',')) {
      row = &candidate;
      head_len = name.size();
    }
  }
  if (row == nullptr) {
    head_len = text.find_first_of(": ,");
    if (head_len == std::string_view::npos) head_len = text.size();
    row = find_command(text.substr(0, head_len));
  }
  if (row == nullptr) return unknown_command(text.substr(0, head_len), text.substr(head_len));
  const char separator = head_len < text.size() ? text[head_len] : '\0';
  const std::string_view args =
      head_len < text.size() ? text.substr(head_len + 1) : std::string_view();
  return parse_arguments(*row, separator, args);
}

}  // namespace hil::stepper
