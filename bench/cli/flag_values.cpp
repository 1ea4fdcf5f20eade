// Flag values that check what they are given.
#include "bench/cli/flag_values.h"

#include <algorithm>
#include <sstream>

#include "bench/io/mqtt_url.h"

namespace po = boost::program_options;

namespace hil::cli {

BadFlagValue::BadFlagValue(const std::string& requirement, const std::string& value)
    : po::error_with_option_name("%canonical_option% must be " + requirement + ", not '%value%'") {
  set_substitute("value", value);
}

std::string or_list(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += words[i];
  }
  return out;
}

std::string bound_text(double value) {
  std::ostringstream out;
  out.precision(15);
  out << value;
  return out.str();
}

std::string range_text(const std::optional<std::string>& low, bool low_open,
                       const std::optional<std::string>& high) {
  if (low && high) {
    return low_open ? "> " + *low + " and <= " + *high : "from " + *low + " to " + *high;
  }
  if (low) return (low_open ? "> " : ">= ") + *low;
  if (high) return "<= " + *high;
  return "";
}

void TextValue::xparse(boost::any& store, const std::vector<std::string>& tokens) const {
  po::validators::check_first_occurrence(store);
  const std::string& word = po::validators::get_single_string(tokens);
  if (!words_.empty() && std::find(words_.begin(), words_.end(), word) == words_.end()) {
    throw BadFlagValue(or_list(words_), word);
  }
  if (not_empty_ && word.empty()) {
    throw po::error_with_option_name("%canonical_option% must not be empty");
  }
  if (problem_) {
    if (const std::string problem = problem_(word); !problem.empty()) {
      throw po::error_with_option_name("%canonical_option%: " + problem);
    }
  }
  store = word;
}

TextValue* text(std::string* target) { return new TextValue(target); }

NumberValue<double>* time_scale_number(double* target) {
  return number(target)->within(kMinTimeScale, kMaxTimeScale);
}

NumberValue<std::int64_t>* span_ms(std::int64_t* target) {
  return number(target)->within(0, kMaxSpanMs);
}

NumberValue<unsigned>* baud_rate(unsigned* target) { return number(target)->within(50, 4000000); }

TextValue* broker_url(std::string* target) {
  return text(target)->checked_by([](const std::string& url) {
    std::string error;
    return bench::parse_mqtt_url(url, error) ? std::string() : error;
  });
}

TextValue* one_of(std::string* target, std::vector<std::string> words) {
  return text(target)->one_of(std::move(words));
}

}  // namespace hil::cli
