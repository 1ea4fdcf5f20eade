// `hilbench ir daikin|decode|encode`: Daikin settings to pulses and Tuya codes, and Tuya codes
// back, each answer one compact JSON object on stdout. Exit 0 done, 1 for a well-formed input that
// does not decode, 2 for bad flags or values; messages on stderr.
#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <iterator>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bench/cli/commands.h"
#include "bench/cli/parse_options.h"
#include "bench/log/logger.h"
#include "firmware_core/ir/climate_state.h"
#include "firmware_core/ir/daikin.h"
#include "firmware_core/ir/daikin312.h"
#include "firmware_core/ir/daikin_detect.h"
#include "firmware_core/ir/daikin_json.h"
#include "firmware_core/ir/daikin_settings.h"
#include "firmware_core/ir/pulse_train.h"
#include "firmware_core/ir/tuya_codec.h"

namespace po = boost::program_options;

namespace hil::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kExitOk = 0;
constexpr int kExitNotDecodable = 1;
constexpr std::uint64_t kTuyaMaxUs = 0xFFFF;

void usage(std::ostream& out) {
  out << "usage: hilbench ir <daikin|decode|encode> [options]\n\n"
         "  daikin [--model daikin|daikin312] [--mode M] [--temp C] [--fan F] [--swing S]\n"
         "         [--power on|off] [--powerful] [--quiet] [--econo] [--mold] [--sensor] "
         "[--comfort]\n"
         "         [--encoder optimal|smallest|greedy|literal]\n"
         "                      a Daikin frame: state bytes, pulse durations and its Tuya code\n"
         "  decode --tuya CODE|-  a Tuya code's durations, and the Daikin frame they carry if any\n"
         "  encode --tuya (--durations D,D,... | --stdin) [--encoder E] [--clamp]\n"
         "                      durations in microseconds to a Tuya code\n\n"
         "Each prints one JSON object on stdout. Exit 0 done, 1 not decodable, 2 bad flags or "
         "values.\nRun `hilbench ir <subcommand> --help` for the options of one.\n";
}

// A well-formed input that holds no frame: the answer is on stdout, the reason in the log.
int not_decodable(const CommandFlags& flags, const std::string& message) {
  bench::LogSink log_sink(std::cerr, flags.log_level());
  bench::Logger(log_sink, "ir").error(message);
  return kExitNotDecodable;
}

void print(const Json& doc) { std::cout << doc.dump() << '\n'; }

// `hilbench ir <subcommand>`'s flags.
CommandFlags ir_flags(std::string_view subcommand) {
  const std::string command = "ir " + std::string(subcommand);
  return {command, "hilbench " + command + " [options]"};
}

// --- Tuya encoders by name ---------------------------------------------------------------------

enum class Encoder { kOptimal, kSmallest, kGreedy, kLiteral };

std::optional<Encoder> parse_encoder(std::string_view name) {
  if (name == "optimal") return Encoder::kOptimal;
  if (name == "smallest") return Encoder::kSmallest;
  if (name == "greedy") return Encoder::kGreedy;
  if (name == "literal") return Encoder::kLiteral;
  return std::nullopt;
}

const std::vector<std::string> kEncoderNames = {"optimal", "smallest", "greedy", "literal"};

ir::TuyaEncoded encode_tuya(const std::vector<std::uint32_t>& durations_us, Encoder encoder,
                            ir::OverRange over_range) {
  switch (encoder) {
    case Encoder::kSmallest:
      return ir::encode_tuya_smallest(durations_us, over_range);
    case Encoder::kGreedy:
      return ir::encode_tuya_greedy(durations_us, over_range);
    case Encoder::kLiteral:
      return ir::encode_tuya_literal_only(durations_us, over_range);
    case Encoder::kOptimal:
      break;
  }
  return ir::encode_tuya_optimal(durations_us, over_range);
}

// --- Daikin frames as JSON -----------------------------------------------------------------------

std::string_view preamble_name(ir::DaikinPreamble preamble) {
  return preamble == ir::DaikinPreamble::kLeaderMark ? "leader_mark" : "five_zero_bits";
}

std::uint32_t carrier_hz(ir::DaikinProtocol protocol) {
  return protocol == ir::DaikinProtocol::kDaikin312 ? ir::kDaikin312CarrierHz
                                                    : ir::kDaikinCarrierHz;
}

// --- hilbench ir daikin ------------------------------------------------------------------------

// Settings -> (state bytes, train with its final gap) for one model, or why the model cannot
// carry them.
ir::Checked<std::pair<std::vector<std::uint8_t>, ir::PulseTrain>> encode_frame(
    ir::DaikinProtocol protocol, const ir::DaikinSettings& settings) {
  if (protocol == ir::DaikinProtocol::kDaikin312) {
    const auto state = ir::encode_daikin312_state(settings);
    if (!state) return ir::CheckError{state.error()};
    return std::make_pair(std::vector<std::uint8_t>(state->begin(), state->end()),
                          ir::daikin312_pulse_train(*state));
  }
  const auto state = ir::encode_daikin_state(settings);
  if (!state) return ir::CheckError{state.error()};
  return std::make_pair(std::vector<std::uint8_t>(state->begin(), state->end()),
                        ir::daikin_pulse_train(*state));
}

int daikin_command(const std::vector<std::string>& args) {
  constexpr std::string_view kName = "daikin";
  std::string model, mode, fan, swing, power, encoder_name;
  double temperature_c = 21.0;
  ir::DaikinSettings settings;
  CommandFlags flags = ir_flags(kName);
  flags.add()("model", one_of(&model, {"daikin", "daikin312"})->default_value("daikin"),
              "daikin (280-bit: FTXM-M units, ARC466A12/A33 remotes) or daikin312 (FTXM-R, "
              "ARC466A67/A58)")(
      "mode", po::value(&mode)->default_value("cool"),
      "Home Assistant's hvac mode: off, auto, cool, heat, dry or fan_only (off = power off)")(
      "temp", number(&temperature_c)->default_value(21.0, "21"),
      "target in C, 10..32 in half degrees (22.5)")("fan", po::value(&fan)->default_value("auto"),
                                                    "auto, quiet, 1, 2, 3, 4 or 5")(
      "swing", po::value(&swing)->default_value("off"), "off, vertical, horizontal or both")(
      "power", one_of(&power, {"on", "off"}), "on or off (default: on, off with --mode off)")(
      "powerful", po::bool_switch(&settings.powerful), "powerful (not with --quiet or --econo)")(
      "quiet", po::bool_switch(&settings.quiet), "quiet outdoor unit")(
      "econo", po::bool_switch(&settings.econo), "econo")("mold", po::bool_switch(&settings.mold),
                                                          "mould-proof drying after stopping")(
      "sensor", po::bool_switch(&settings.sensor), "intelligent-eye presence sensor")(
      "comfort", po::bool_switch(&settings.comfort), "comfort airflow (daikin only)")(
      "encoder", one_of(&encoder_name, kEncoderNames)->default_value("optimal"),
      "how the Tuya code is compressed: optimal, smallest, greedy or literal");
  if (const auto exit_code = flags.parse(args)) return *exit_code;

  const ir::DaikinProtocol protocol =
      model == "daikin312" ? ir::DaikinProtocol::kDaikin312 : ir::DaikinProtocol::kDaikin;
  const ir::TemperatureRange& temperatures = protocol == ir::DaikinProtocol::kDaikin312
                                                 ? ir::kDaikin312Temperatures
                                                 : ir::kDaikinTemperatures;
  if (const auto checked = ir::check_temperature(temperature_c, temperatures); !checked)
    return flags.refuse("--temp: " + checked.error());
  if (settings.powerful && (settings.quiet || settings.econo))
    return flags.refuse(std::string("--powerful and ") + (settings.quiet ? "--quiet" : "--econo") +
                        " cannot both be given");
  if (settings.comfort && protocol == ir::DaikinProtocol::kDaikin312)
    return flags.refuse("--comfort is for --model daikin only: daikin312 has no comfort setting");
  const Encoder encoder = *parse_encoder(encoder_name);

  ir::ClimateState climate;
  climate.target_c = temperature_c;
  const auto with_mode = ir::with_hvac_mode(climate, mode);
  if (!with_mode) return flags.refuse("--mode: " + with_mode.error());
  climate = *with_mode;
  if (power == "on" && mode == "off")
    return flags.refuse("--power on contradicts --mode off (give a mode to turn the unit on)");
  if (power == "off") climate.power = false;
  const auto fan_speed = ir::parse_fan_speed(fan);
  if (!fan_speed) return flags.refuse("--fan: " + fan_speed.error());
  climate.fan = *fan_speed;
  const auto swing_mode = ir::parse_swing(swing);
  if (!swing_mode) return flags.refuse("--swing: " + swing_mode.error());
  climate.swing = *swing_mode;
  settings.climate = climate;

  const auto frame = encode_frame(protocol, settings);
  if (!frame) return flags.refuse(frame.error());  // never: every flag was checked above
  const auto& [state, full_train] = *frame;
  const ir::PulseTrain train = ir::ending_on_last_mark(full_train);
  const ir::TuyaEncoded tuya = encode_tuya(train.durations_us, encoder, ir::OverRange::kReject);
  if (!tuya.ok()) return not_decodable(flags, tuya.problem->message);  // never: all fit

  print(Json{{"protocol", ir::protocol_json_name(protocol)},
             {"settings", ir::daikin_settings_json(settings)},
             {"state", ir::hex_string(state)},
             {"durations", train.durations_us},
             {"carrier_hz", train.carrier_hz},
             {"tuya", tuya.code},
             {"tuya_chars", tuya.code.size()}});
  return kExitOk;
}

// --- hilbench ir decode ------------------------------------------------------------------------

std::string_view trimmed(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\v\f";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

std::string read_stdin() {
  return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
}

int decode_command(const std::vector<std::string>& args) {
  constexpr std::string_view kName = "decode";
  std::string code;
  CommandFlags flags = ir_flags(kName);
  flags.add()(
      "tuya", text(&code)->not_empty()->required(),
      "the Tuya code (ir_code_to_send, learned_ir_code) in Base64, or - to read it from stdin");
  if (const auto exit_code = flags.parse(args)) return *exit_code;
  const bool from_stdin = code == "-";
  if (from_stdin) code = std::string(trimmed(read_stdin()));
  if (code.empty()) return flags.refuse("--tuya -: no code on stdin");

  const ir::TuyaDecoded decoded = ir::decode_tuya(code);
  if (!decoded.ok()) {
    const ir::TuyaDecodeProblem& problem = *decoded.problem;
    print(Json{{"error", problem.message},
               {"offset", problem.offset},
               {"kind", ir::to_string(problem.error)}});
    return not_decodable(flags, "not a valid Tuya code: " + problem.message + " (offset " +
                                    std::to_string(problem.offset) + ")");
  }
  const std::vector<std::uint32_t> durations(decoded.durations_us.begin(),
                                             decoded.durations_us.end());
  Json out{{"durations", durations}, {"count", durations.size()}};
  const auto frame = ir::decode_any_daikin(durations);
  if (frame) {
    out["daikin"] = Json{{"protocol", ir::protocol_json_name(frame->protocol)},
                         {"preamble", preamble_name(frame->preamble)},
                         {"carrier_hz", carrier_hz(frame->protocol)},
                         {"state", ir::hex_string(frame->state)},
                         {"settings", ir::daikin_settings_json(frame->settings)}};
  } else {
    out["daikin"] = nullptr;
    out["not_daikin"] = frame.error();
  }
  print(out);
  return kExitOk;
}

// --- hilbench ir encode ------------------------------------------------------------------------

// A number of microseconds as written, before the range check: a whole, non-negative number
// (9000, 9000.0, 9e3), or what it is instead.
ir::Checked<std::uint64_t> whole_number(double value) {
  if (!std::isfinite(value)) return ir::CheckError{"is not a number"};
  if (value < 0) return ir::CheckError{"is negative"};
  if (value != std::floor(value)) return ir::CheckError{"is not a whole number of microseconds"};
  if (value >= 18446744073709551616.0) return std::numeric_limits<std::uint64_t>::max();
  return static_cast<std::uint64_t>(value);
}

ir::Checked<std::uint64_t> number_from_text(std::string_view token) {
  if (token.find_first_not_of("0123456789") == std::string_view::npos) {
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (ec == std::errc::result_out_of_range) return std::numeric_limits<std::uint64_t>::max();
    if (ec == std::errc() && end == token.data() + token.size()) return value;
  }
  // Decimal forms only: strtod alone would also take hex, "inf" and "nan".
  if (token.find_first_not_of("0123456789.eE+-") == std::string_view::npos) {
    const std::string text(token);
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end == text.c_str() + text.size()) return whole_number(value);
  }
  return ir::CheckError{"is not a number"};
}

ir::Checked<std::uint64_t> number_from_json(const Json& item) {
  if (item.is_number_unsigned()) return item.get<std::uint64_t>();
  if (item.is_number_integer()) return ir::CheckError{"is negative"};
  if (item.is_number_float()) return whole_number(item.get<double>());
  return ir::CheckError{"is not a number"};
}

struct ParsedDurations {
  std::vector<std::uint32_t> values;
  std::size_t clamped = 0;
};

// Adds one item (position counted from 1 in messages), or says what is wrong with it.
std::optional<std::string> add_item(ParsedDurations& out, const ir::Checked<std::uint64_t>& number,
                                    std::string_view shown, bool clamp) {
  const std::string item = "item " + std::to_string(out.values.size() + 1) + " of the durations (" +
                           std::string(shown) + ")";
  if (!number) return item + " " + number.error();
  std::uint64_t value = *number;
  if (value > kTuyaMaxUs) {
    if (!clamp) {
      return item + " is over 65535 us, the most a Tuya code holds (--clamp sends 65535)";
    }
    value = kTuyaMaxUs;
    ++out.clamped;
  }
  out.values.push_back(static_cast<std::uint32_t>(value));
  return std::nullopt;
}

// Durations separated by commas and/or whitespace, or a JSON array of numbers.
ir::Checked<ParsedDurations> parse_durations(std::string_view text, bool clamp) {
  ParsedDurations out;
  text = trimmed(text);
  if (!text.empty() && text.front() == '[') {
    Json array;
    try {
      array = Json::parse(text);
    } catch (const Json::parse_error& e) {
      return ir::CheckError{std::string("not a JSON array of numbers: ") + e.what()};
    }
    if (!array.is_array()) return ir::CheckError{"not a JSON array of numbers"};
    for (const auto& item : array) {
      if (auto error = add_item(out, number_from_json(item), item.dump(), clamp)) {
        return ir::CheckError{*error};
      }
    }
  } else {
    constexpr std::string_view kSeparators = ", \t\r\n\v\f";
    bool comma_pending = false;  // a comma since the last item: a second one means an empty item
    std::size_t i = 0;
    while (i < text.size()) {
      if (text[i] == ',') {
        if (comma_pending || out.values.empty()) {
          return ir::CheckError{
              "item " + std::to_string(out.values.size() + 1) +
              " of the durations is empty (two commas in a row, or a leading one)"};
        }
        comma_pending = true;
        ++i;
        continue;
      }
      if (kSeparators.find(text[i]) != std::string_view::npos) {
        ++i;
        continue;
      }
      const auto end = std::min(text.find_first_of(kSeparators, i), text.size());
      const std::string_view token = text.substr(i, end - i);
      if (auto error =
              add_item(out, number_from_text(token), "\"" + std::string(token) + "\"", clamp)) {
        return ir::CheckError{*error};
      }
      comma_pending = false;
      i = end;
    }
  }
  if (out.values.empty()) return ir::CheckError{"no durations given"};
  return out;
}

int encode_command(const std::vector<std::string>& args) {
  constexpr std::string_view kName = "encode";
  std::string durations_text, encoder_name;
  bool tuya = false, from_stdin = false, clamp = false;
  CommandFlags flags = ir_flags(kName);
  flags.add()("tuya", po::bool_switch(&tuya),
              "write a Tuya code (ir_code_to_send); the only format so far")(
      "durations", po::value(&durations_text),
      "microseconds, mark first, separated by commas: 9000,4500,560,...")(
      "stdin", po::bool_switch(&from_stdin),
      "read the durations from stdin (commas and/or whitespace, or a JSON array)")(
      "encoder", one_of(&encoder_name, kEncoderNames)->default_value("optimal"),
      "optimal (fast), smallest (0.4 ms), greedy, or literal (as Home Assistant and Zigbee2MQTT "
      "write)")("clamp", po::bool_switch(&clamp),
                "send durations over 65535 us as 65535 instead of failing");
  if (const auto exit_code = flags.parse(args)) return *exit_code;
  if (!tuya) return flags.refuse("say which code to write: --tuya");
  if (flags.given("durations") == from_stdin)
    return flags.refuse("give the durations with exactly one of --durations LIST and --stdin");
  const Encoder encoder = *parse_encoder(encoder_name);

  const auto parsed = parse_durations(from_stdin ? read_stdin() : durations_text, clamp);
  if (!parsed) return flags.refuse((from_stdin ? "--stdin: " : "--durations: ") + parsed.error());
  const ir::TuyaEncoded code = encode_tuya(parsed->values, encoder, ir::OverRange::kReject);
  if (!code.ok()) return flags.refuse(code.problem->message);  // never: checked above
  print(Json{{"tuya", code.code},
             {"chars", code.code.size()},
             {"durations", parsed->values.size()},
             {"encoder", encoder_name},
             {"clamped", parsed->clamped}});
  return kExitOk;
}

}  // namespace

int ir_command(const std::vector<std::string>& args) {
  if (args.empty()) {
    usage(std::cerr);
    return kExitUsage;
  }
  const std::string& subcommand = args.front();
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (subcommand == "--help" || subcommand == "-h" || subcommand == "help") {
    usage(std::cout);
    return kExitOk;
  }
  if (subcommand == "daikin") return daikin_command(rest);
  if (subcommand == "decode") return decode_command(rest);
  if (subcommand == "encode") return encode_command(rest);
  return usage_error("ir", "unknown subcommand '" + subcommand + "' (daikin, decode or encode)");
}

}  // namespace hil::cli
