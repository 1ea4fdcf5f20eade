// How a scenario device reaches a real one: the connection a target file names, and the topics that
// belong to the device on its broker (what a family's row says of it).
#pragma once

#include <string>
#include <vector>

namespace hil::scenario {

struct RemoteConnection {
  std::string node_id;
  std::string serial;    // a tty path, or empty
  std::string mqtt_url;  // mqtt://HOST:PORT (or mqtts://), or empty
  std::string username;
  std::string password;
  std::string tls_ca_file;
};

// A device as seen from its broker.
struct RemoteProfile {
  std::string kind;
  std::string topic_root;  // what "~/" stands for
  std::string send_topic;  // the defaults of sends and expects
  std::string expect_topic;
  std::vector<std::string> outputs;  // filters of what it publishes: subscribed, and its output
  std::string report_topic;   // what is published here is also a report on report_link ("" none)
  std::string report_link;    // a blaster's `ir`: its emitted frames
  std::string control_topic;  // where `set:` goes as {"<what>": value} ("" none)
  std::string state_topic;    // a JSON object published here is the device's snapshot ("" none)
};

}  // namespace hil::scenario
