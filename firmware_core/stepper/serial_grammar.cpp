// The console grammar of the stepper node.
#include "firmware_core/stepper/serial_grammar.h"

#include "firmware_core/common/text.h"

namespace hil::core {
namespace {

Problem bad_param(std::string detail = {}) { return Problem{"E03", std::move(detail), {}}; }

ParsedCommand failed(Action action, Problem problem) {
  ParsedCommand out;
  out.action = action;
  out.command.action = action;
  out.problem = std::move(problem);
  return out;
}

// An optional numeric place: empty means "not given".
bool parse_place(std::string_view text, std::optional<std::int64_t>& out) {
  text = trim(text);
  if (text.empty()) return true;
  out = parse_int(text);
  return out.has_value();
}

ParsedCommand parse_motion(Action action, std::string_view args) {
  ParsedCommand out;
  out.action = action;
  Command& cmd = out.command;
  cmd.action = action;
  const auto parts = split_unquoted(args, ',');
  const auto mask = parse_motor_target(parts[0]);
  if (!mask) return failed(action, Problem{"E02", {}, {}});
  cmd.motors = *mask;
  switch (action) {
    case Action::kMove: {
      if (parts.size() < 2 || parts.size() > 4) return failed(action, bad_param());
      const auto target = parse_int(parts[1]);
      if (!target) return failed(action, bad_param());
      cmd.target_steps = *target;
      if (parts.size() > 2 && !parse_place(parts[2], cmd.speed_sps)) return failed(action, bad_param());
      if (parts.size() > 3 && !parse_place(parts[3], cmd.accel_sps2)) return failed(action, bad_param());
      break;
    }
    case Action::kHome: {
      if (parts.size() > 6) return failed(action, bad_param());
      std::optional<std::int64_t>* places[] = {&cmd.overshoot_steps, &cmd.backoff_steps, &cmd.speed_sps,
                                               &cmd.accel_sps2, &cmd.full_range_steps};
      for (std::size_t i = 1; i < parts.size(); ++i) {
        if (!parse_place(parts[i], *places[i - 1])) return failed(action, bad_param());
      }
      break;
    }
    default:
      if (parts.size() != 1) return failed(action, bad_param());
      break;
  }
  return out;
}

ParsedCommand parse_get(std::string_view args) {
  ParsedCommand out;
  out.action = Action::kGet;
  out.command.action = Action::kGet;
  std::string resource = to_upper(trim(args));
  if (resource.empty()) resource = "ALL";
  const std::string kTiming = "LAST_OP_TIMING";
  if (resource.compare(0, kTiming.size(), kTiming) == 0) {
    const std::string_view rest = std::string_view(resource).substr(kTiming.size());
    if (rest.empty()) {
      out.command.timing_motors = kAllMotors;
    } else if (rest.front() == ':' && trim(rest.substr(1)).empty()) {
      out.command.timing_motors = kAllMotors;  // `LAST_OP_TIMING:` with no id: every motor
    } else if (rest.front() == ':') {
      const auto mask = parse_motor_target(rest.substr(1));
      if (!mask) return failed(Action::kGet, Problem{"E02", {}, {}});
      out.command.timing_motors = *mask;
    } else {
      return failed(Action::kGet, bad_param("UNKNOWN_RESOURCE"));
    }
    resource = kTiming;
  }
  out.command.resource = resource;
  return out;
}

// `KEY=VALUE KEY2="VALUE 2"`: keys are kept as written, values unquoted.
bool parse_assignments(std::string_view args, Command& cmd) {
  for (std::string_view token : split_unquoted(trim(args), ' ')) {
    token = trim(token);
    if (token.empty()) continue;
    const auto eq = token.find('=');
    if (eq == std::string_view::npos || eq == 0) return false;
    auto value = unquote(token.substr(eq + 1));
    if (!value) return false;
    cmd.assignments.emplace_back(std::string(token.substr(0, eq)), *value);
  }
  return true;
}

ParsedCommand parse_net_set(std::string_view args) {
  ParsedCommand out;
  out.action = Action::kNetSet;
  out.command.action = Action::kNetSet;
  const auto parts = split_unquoted(args, ',');
  if (parts.empty() || parts.size() > 2) return failed(Action::kNetSet, Problem{"NET_BAD_PARAM", {}, {}});
  const auto ssid = unquote(parts[0]);
  const auto pass = parts.size() > 1 ? unquote(parts[1]) : std::optional<std::string>("");
  if (!ssid || !pass) return failed(Action::kNetSet, Problem{"NET_BAD_PARAM", "BAD_QUOTING", {}});
  out.command.ssid = *ssid;
  out.command.pass = *pass;
  return out;
}

// A word that is no action. The NET and MQTT families' own words with no subcommand are parameter
// errors of that family, as the original firmware prints them; anything else is E01.
ParsedCommand unknown_action(std::string_view head, std::string_view rest) {
  const std::string_view after = rest.empty() ? rest : trim(rest.substr(1));
  ParsedCommand out;
  if (iequals(head, "NET") && after.empty()) {
    out.action = Action::kNetStatus;  // reported as the family's command
    out.problem = Problem{"E03", {}, {Field{"requested", std::string()}}, true};
  } else if (iequals(head, "MQTT") && after.empty()) {
    out.action = Action::kMqttGetConfig;
    out.problem = Problem{"MQTT_BAD_PARAM", "MISSING_SUBCOMMAND", {}};
  } else {
    out.problem = Problem{"E01", {}, {}};
  }
  return out;
}

}  // namespace

std::optional<MotorMask> parse_motor_target(std::string_view text) {
  text = trim(text);
  if (iequals(text, "ALL")) return kAllMotors;
  const auto id = parse_int(text);
  if (!id || *id < 0 || *id >= kMotorCount) return std::nullopt;
  return static_cast<MotorMask>(1U << *id);
}

ParsedCommand parse_serial_command(std::string_view text) {
  text = trim(text);
  // The action ends at ':' (unless the name itself has one), a space or a comma.
  const ActionInfo* found = nullptr;
  std::size_t head_len = 0;
  for (const char* compound : {"NET:STATUS", "NET:RESET", "NET:LIST", "NET:SET", "MQTT:GET_CONFIG",
                               "MQTT:SET_CONFIG"}) {
    const std::string_view name(compound);
    if (text.size() >= name.size() && iequals(text.substr(0, name.size()), name) &&
        (text.size() == name.size() || text[name.size()] == ' ' || text[name.size()] == ',')) {
      found = find_action(name);
      head_len = name.size();
    }
  }
  if (found == nullptr) {
    head_len = text.find_first_of(": ,");
    if (head_len == std::string_view::npos) head_len = text.size();
    found = find_action(text.substr(0, head_len));
  }
  if (found == nullptr) return unknown_action(text.substr(0, head_len), text.substr(head_len));
  const Action action = found->action;
  const char separator = head_len < text.size() ? text[head_len] : '\0';
  const std::string_view args = head_len < text.size() ? text.substr(head_len + 1) : std::string_view();

  switch (action) {
    case Action::kMove:
    case Action::kHome:
    case Action::kWake:
    case Action::kSleep:
      if (separator != ':') return failed(action, bad_param());
      return parse_motion(action, args);
    case Action::kGet:
      if (separator == ',' || separator == ':') return failed(action, bad_param());
      return parse_get(args);
    case Action::kSet: {
      ParsedCommand out;
      out.action = action;
      out.command.action = action;
      if (separator != ' ' || !parse_assignments(args, out.command) || out.command.assignments.empty()) {
        return failed(action, bad_param());
      }
      return out;
    }
    case Action::kNetSet:
      if (separator != ',') return failed(action, Problem{"NET_BAD_PARAM", {}, {}});
      return parse_net_set(args);
    case Action::kMqttSetConfig: {
      ParsedCommand out;
      out.action = action;
      out.command.action = action;
      const std::string word = to_upper(trim(args));
      if (word == "RESET" || word == "DEFAULTS") {
        out.command.reset = true;
      } else if (!parse_assignments(args, out.command) || out.command.assignments.empty()) {
        return failed(action, Problem{"MQTT_BAD_PARAM", {}, {}});
      }
      return out;
    }
    default: {
      ParsedCommand out;
      out.action = action;
      out.command.action = action;
      // STATUS prints the full status whatever follows it (`STATUS extra`, `STATUS:0`).
      if (action == Action::kStatus) return out;
      if (!trim(args).empty() || separator == ':' || separator == ',') return failed(action, bad_param());
      return out;
    }
  }
}

}  // namespace hil::core
