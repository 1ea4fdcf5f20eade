// Tests of MqttClient over TLS, with a CA and a broker certificate made by openssl at test time.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "bench/io/child_process.h"
#include "bench/io/embedded_broker.h"
#include "bench/io/mqtt_client.h"
#include "tests/bench_io/io_wait.h"
#include "tests/bench_io/mqtt_peers.h"
#include "tests/bench_io/temp_dir.h"

namespace hil::bench {
namespace {

using testing::run_until;

// Makes a self-signed CA called `name` (name.crt, name.key) in `dir`.
bool make_ca(const testing::TempDir& dir, const std::string& name, std::string& output) {
  return run_command({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                      "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
                      "/CN=hilbench " + name, "-keyout", dir.file(name + ".key"), "-out",
                      dir.file(name + ".crt")},
                     output) == 0;
}

// Makes server.crt and server.key for 127.0.0.1, signed by the CA `ca`.
bool make_server_certificate(const testing::TempDir& dir, const std::string& ca,
                             std::string& output) {
  std::ofstream(dir.file("server.ext")) << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
  return run_command({"openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                      "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", dir.file("server.key"), "-out",
                      dir.file("server.csr")},
                     output) == 0 &&
         run_command(
             {"openssl", "x509", "-req", "-in", dir.file("server.csr"), "-CA",
              dir.file(ca + ".crt"), "-CAkey", dir.file(ca + ".key"), "-CAcreateserial", "-days",
              "2", "-extfile", dir.file("server.ext"), "-out", dir.file("server.crt")},
             output) == 0;
}

class MqttTlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string output;
    ASSERT_TRUE(make_ca(certs_, "ca", output)) << output;
    ASSERT_TRUE(make_server_certificate(certs_, "ca", output)) << output;
    std::string error;
    tls_port_ = find_free_loopback_port(error);
    ASSERT_NE(tls_port_, 0) << error;
    EmbeddedBrokerOptions options;
    options.extra_config = {
        "listener " + std::to_string(tls_port_) + " 127.0.0.1", "cafile " + certs_.file("ca.crt"),
        "certfile " + certs_.file("server.crt"), "keyfile " + certs_.file("server.key")};
    broker_ = std::make_unique<EmbeddedBroker>(options);
    ASSERT_TRUE(broker_->start(error)) << error;
  }

  MqttClientOptions tls_options(const std::string& ca_file) const {
    MqttClientOptions options;
    options.port = tls_port_;
    options.client_id = "hil-tls";
    options.tls_ca_file = ca_file;
    return options;
  }

  testing::TempDir certs_;
  std::uint16_t tls_port_ = 0;
  std::unique_ptr<EmbeddedBroker> broker_;
  boost::asio::io_context io_;
};

TEST_F(MqttTlsTest, PublishesAndReceivesOverTls) {
  ChildProcess sub(io_, testing::sub_command(broker_->port(), "hil/tls/#", 10));
  ASSERT_TRUE(run_until(io_, [&] { return testing::subscribed(sub); })) << sub.output();

  MqttClient client(io_, tls_options(certs_.file("ca.crt")));
  std::vector<std::string> received;
  client.set_on_message([&](std::string_view, std::string_view payload, int, bool) {
    received.emplace_back(payload);
  });
  client.subscribe("hil/tls/#", 1);
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return client.connected(); })) << client.last_error();

  std::vector<std::string> expected;
  std::vector<std::string> expected_lines;
  for (int i = 0; i < 10; ++i) {
    expected.push_back("secret " + std::to_string(i));
    expected_lines.push_back(testing::message_line("hil/tls/data", 1, false, expected.back()));
    EXPECT_TRUE(client.publish("hil/tls/data", expected.back(), 1, false));
  }
  ASSERT_TRUE(run_until(io_, [&] { return received.size() == expected.size(); }));
  EXPECT_EQ(received, expected);
  ASSERT_TRUE(run_until(io_, [&] { return sub.finished(); })) << sub.output();
  EXPECT_EQ(testing::received_lines(sub), expected_lines);
}

TEST_F(MqttTlsTest, RefusesABrokerSignedByAnotherCa) {
  std::string output;
  ASSERT_TRUE(make_ca(certs_, "other-ca", output)) << output;
  MqttClient client(io_, tls_options(certs_.file("other-ca.crt")));
  client.start();
  ASSERT_TRUE(run_until(io_, [&] { return !client.last_error().empty(); }));
  EXPECT_FALSE(client.connected());
  EXPECT_NE(client.last_error().find("TLS"), std::string::npos) << client.last_error();
}

TEST_F(MqttTlsTest, MissingCaFileIsReported) {
  MqttClient client(io_, tls_options(certs_.file("no-such-ca.crt")));
  EXPECT_NE(client.last_error().find("no-such-ca.crt"), std::string::npos) << client.last_error();
  client.start();
  EXPECT_FALSE(client.connected());
}

}  // namespace
}  // namespace hil::bench
