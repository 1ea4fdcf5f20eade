// The echo floor of the fleet's round trip: a plain libmosquitto client (the library's own
// threaded loop, Nagle off) that publishes each message it receives on one topic to another, at
// QoS 1. Usage: mqtt_echo PORT IN_TOPIC OUT_TOPIC; prints "ready" once its subscription is granted.
#include <mosquitto.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

struct Echo {
  std::string in;
  std::string out;
};

void on_connect(mosquitto* mosq, void* self, int rc) {
  if (rc == 0) mosquitto_subscribe(mosq, nullptr, static_cast<Echo*>(self)->in.c_str(), 1);
}

void on_subscribe(mosquitto* /*mosq*/, void* /*self*/, int /*mid*/, int /*count*/,
                  const int* /*granted*/) {
  std::puts("ready");
  std::fflush(stdout);
}

void on_message(mosquitto* mosq, void* self, const mosquitto_message* message) {
  mosquitto_publish(mosq, nullptr, static_cast<Echo*>(self)->out.c_str(), message->payloadlen,
                    message->payload, 1, false);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: mqtt_echo PORT IN_TOPIC OUT_TOPIC\n");
    return 2;
  }
  Echo echo{argv[2], argv[3]};
  mosquitto_lib_init();
  mosquitto* mosq = mosquitto_new(nullptr, true, &echo);
  mosquitto_int_option(mosq, MOSQ_OPT_TCP_NODELAY, 1);
  mosquitto_connect_callback_set(mosq, on_connect);
  mosquitto_subscribe_callback_set(mosq, on_subscribe);
  mosquitto_message_callback_set(mosq, on_message);
  if (mosquitto_connect(mosq, "127.0.0.1", std::atoi(argv[1]), 30) != MOSQ_ERR_SUCCESS) {
    std::fprintf(stderr, "mqtt_echo: cannot connect to port %s\n", argv[1]);
    return 1;
  }
  const int rc = mosquitto_loop_forever(mosq, -1, 1);  // until the process is ended
  mosquitto_destroy(mosq);
  mosquitto_lib_cleanup();
  return rc == MOSQ_ERR_SUCCESS ? 0 : 1;
}
