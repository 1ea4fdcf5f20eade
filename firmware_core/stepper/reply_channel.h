// Where a command's replies go: the console that sent it or the MQTT response topic.
#pragma once

#include <string>

#include "firmware_core/ports/line_sink.h"
#include "firmware_core/ports/mqtt_link.h"
#include "firmware_core/stepper/command_memory.h"
#include "firmware_core/stepper/reply.h"

namespace hil::stepper {

class ReplyChannel {
 public:
  virtual ~ReplyChannel() = default;
  virtual void send(const CommandRef& ref, const Reply& reply) = 0;
};

// Renders replies as CTRL:* console lines, k=v fields sorted by key (upper case first).
class SerialReplies : public ReplyChannel {
 public:
  explicit SerialReplies(core::LineSink& console) : console_(console) {}
  void send(const CommandRef& ref, const Reply& reply) override;
  // `CTRL:ERR [msg_id=..] CODE [NAME] [DETAIL] [k=v..]`: an E-code's fields only for E10 and E11
  // (or when the problem says so), other codes' fields always.
  static std::string problem_line(const char* prefix, const std::string& id,
                                  const Problem& problem);
  // `CTRL:WARN msg_id=.. NAME [k=v..]`: the console names a warning without its E-code (its fields
  // as an error's would show).
  static std::string warning_line(const std::string& id, const Problem& problem);

 private:
  core::LineSink& console_;
};

// Publishes replies as JSON on devices/<id>/cmd/resp, recording them in the duplicate memory.
class MqttReplies : public ReplyChannel {
 public:
  MqttReplies(core::MqttLink& link, std::string topic, CommandMemory& memory)
      : link_(link), topic_(std::move(topic)), memory_(memory) {}
  void send(const CommandRef& ref, const Reply& reply) override;
  static nlohmann::json to_json(const CommandRef& ref, const Reply& reply);

  // Publishes again, verbatim, what was published for a remembered cmd_id.
  void replay(const std::string& cmd_id);

 private:
  core::MqttLink& link_;
  std::string topic_;
  CommandMemory& memory_;
};

}  // namespace hil::stepper
