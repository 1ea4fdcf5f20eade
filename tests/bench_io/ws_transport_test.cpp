// The Beast WebSocket server and client on loopback: messages both ways, close codes, ping/pong,
// routing, a lost TCP connection, the read limit and many connections on one io_context.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "bench/io/ws_client.h"
#include "bench/io/ws_server.h"
#include "tests/bench_io/io_wait.h"

namespace hil::bench {
namespace {

using testing::run_until;

// Every event of the connections it is given, and optionally an echo of what they send.
struct Recorder : core::WsEvents {
  struct Closed {
    core::WsCloseCode code;
    std::string reason;
  };

  void on_open(core::WsConnection& connection) override { opened.push_back(&connection); }
  void on_text(core::WsConnection& connection, std::string_view text) override {
    texts.emplace_back(text);
    if (echo) connection.send_text(text);
  }
  void on_binary(core::WsConnection& connection, std::string_view bytes) override {
    binaries.emplace_back(bytes);
    if (echo) connection.send_binary(bytes);
  }
  void on_pong(core::WsConnection&) override { ++pongs; }
  void on_close(core::WsConnection&, core::WsCloseCode code, std::string_view reason) override {
    closes.push_back({code, std::string(reason)});
  }

  bool echo = false;
  std::vector<core::WsConnection*> opened;
  std::vector<std::string> texts;
  std::vector<std::string> binaries;
  int pongs = 0;
  std::vector<Closed> closes;
};

// A server on a free loopback port.
WsServerOptions loopback(WsLimits limits = {}) {
  WsServerOptions options;
  options.port = 0;
  options.limits = limits;
  return options;
}

struct Loopback {
  explicit Loopback(WsLimits limits = {}) : server(io, loopback(limits)) {
    server.route("/ws", service);
    std::string error;
    started = server.start(error);
  }
  std::string url(const std::string& path = "/ws") const {
    return "ws://127.0.0.1:" + std::to_string(server.port()) + path;
  }
  // A client connected to /ws, both ends open.
  std::unique_ptr<WsClient> connect(Recorder& device) {
    auto client = std::make_unique<WsClient>(io, device);
    const std::size_t before = service.opened.size();
    client->connect(url());
    run_until(io, [&] { return !device.opened.empty() && service.opened.size() > before; });
    return client;
  }

  boost::asio::io_context io;
  Recorder service;
  WsServer server;
  bool started = false;
};

TEST(WsTransport, TextAndBinaryCrossBothWaysWhole) {
  Loopback net;
  ASSERT_TRUE(net.started);
  EXPECT_NE(net.server.port(), 0);
  Recorder device;
  auto client = net.connect(device);
  ASSERT_EQ(device.opened.size(), 1u);
  EXPECT_EQ(device.opened[0], client.get());  // the device hears of its own client
  const std::string pcm("\x00\x01\xff\x7f\x00\x80", 6);
  EXPECT_TRUE(client->send_text(R"({"type":"event"})"));
  EXPECT_TRUE(client->send_binary(pcm));
  ASSERT_TRUE(run_until(net.io, [&] { return net.service.binaries.size() == 1; }));
  EXPECT_EQ(net.service.texts, std::vector<std::string>{R"({"type":"event"})"});
  EXPECT_EQ(net.service.binaries[0], pcm);
  const std::string block(3200, '\x11');
  net.service.opened[0]->send_binary(block);
  net.service.opened[0]->send_text("down");
  ASSERT_TRUE(run_until(net.io, [&] { return device.texts.size() == 1; }));
  EXPECT_EQ(device.binaries, std::vector<std::string>{block});
  EXPECT_EQ(device.texts[0], "down");
}

TEST(WsTransport, TheServersCloseCodeAndReasonReachTheClient) {
  Loopback net;
  Recorder device;
  auto client = net.connect(device);
  net.service.opened[0]->close(core::kWsTryAgainLater, "Service busy");
  EXPECT_FALSE(net.service.opened[0]->send_text("too late"));
  ASSERT_TRUE(
      run_until(net.io, [&] { return !device.closes.empty() && !net.service.closes.empty(); }));
  EXPECT_EQ(device.closes[0].code, core::kWsTryAgainLater);
  EXPECT_EQ(device.closes[0].reason, "Service busy");
  EXPECT_EQ(net.service.closes.size(), 1u);
  EXPECT_FALSE(client->open());
}

TEST(WsTransport, TheClientsCloseCodeReachesTheServerAndEachSideHearsOnce) {
  Loopback net;
  Recorder device;
  auto client = net.connect(device);
  client->close(core::kWsGoingAway, "rebooting");
  ASSERT_TRUE(
      run_until(net.io, [&] { return !device.closes.empty() && !net.service.closes.empty(); }));
  EXPECT_EQ(net.service.closes[0].code, core::kWsGoingAway);
  EXPECT_EQ(net.service.closes[0].reason, "rebooting");
  EXPECT_EQ(device.closes[0].code, core::kWsGoingAway);  // the server's answer echoes it
  run_until(
      net.io, [] { return false; }, std::chrono::milliseconds(50));
  EXPECT_EQ(device.closes.size(), 1u);
  EXPECT_EQ(net.service.closes.size(), 1u);
}

TEST(WsTransport, MessagesQueuedBeforeACloseGoOutBeforeIt) {
  Loopback net;
  Recorder device;
  auto client = net.connect(device);
  for (int i = 0; i < 20; ++i) client->send_binary(std::string(3200, static_cast<char>(i)));
  client->close(core::kWsNormalClosure, "done");
  ASSERT_TRUE(run_until(net.io, [&] { return !net.service.closes.empty(); }));
  ASSERT_EQ(net.service.binaries.size(), 20u);
  EXPECT_EQ(net.service.binaries[19], std::string(3200, '\x13'));
}

TEST(WsTransport, ALongCloseReasonIsClippedToWhatAFrameHolds) {
  Loopback net;
  Recorder device;
  auto client = net.connect(device);
  client->close(core::kWsNormalClosure, std::string(200, 'r'));
  ASSERT_TRUE(run_until(net.io, [&] { return !net.service.closes.empty(); }));
  EXPECT_EQ(net.service.closes[0].reason, std::string(123, 'r'));
}

TEST(WsTransport, PingsAreAnsweredWithPongsBothWays) {
  Loopback net;
  Recorder device;
  auto client = net.connect(device);
  EXPECT_TRUE(client->ping());
  EXPECT_TRUE(net.service.opened[0]->ping());
  ASSERT_TRUE(run_until(net.io, [&] { return device.pongs == 1 && net.service.pongs == 1; }));
}

TEST(WsTransport, AnUnknownPathGets404AndNoUpgrade) {
  Loopback net;
  Recorder device;
  WsClient client(net.io, device);
  client.connect(net.url("/nope"));
  ASSERT_TRUE(run_until(net.io, [&] { return !device.closes.empty(); }));
  EXPECT_EQ(device.closes[0].code, core::kWsAbnormalClosure);
  EXPECT_NE(device.closes[0].reason.find("HTTP 404"), std::string::npos) << device.closes[0].reason;
  EXPECT_TRUE(device.opened.empty());
  EXPECT_TRUE(net.service.opened.empty());
}

TEST(WsTransport, ARefusedConnectionAndABadUrlAreReportedAs1006) {
  Loopback net;
  const std::string url = net.url();
  net.server.stop();
  Recorder device;
  WsClient client(net.io, device);
  client.connect(url);
  ASSERT_TRUE(run_until(net.io, [&] { return !device.closes.empty(); }));
  EXPECT_EQ(device.closes[0].code, core::kWsAbnormalClosure);
  client.connect("http://127.0.0.1/ws");
  EXPECT_EQ(device.closes.size(), 1u);  // never inside the call
  ASSERT_TRUE(run_until(net.io, [&] { return device.closes.size() == 2; }));
  EXPECT_NE(device.closes[1].reason.find("ws://"), std::string::npos);
}

TEST(WsTransport, ALostTcpConnectionIs1006OnTheOtherSide) {
  Loopback net;
  Recorder device;
  auto client = net.connect(device);
  client.reset();  // the socket goes with no closing handshake
  ASSERT_TRUE(run_until(net.io, [&] { return !net.service.closes.empty(); }));
  EXPECT_EQ(net.service.closes[0].code, core::kWsAbnormalClosure);
  EXPECT_TRUE(device.closes.empty());  // a destroyed client says nothing more
}

TEST(WsTransport, AServerGoneIs1006ForItsClients) {
  boost::asio::io_context io;
  Recorder service;
  Recorder device;
  auto server = std::make_unique<WsServer>(io, loopback());
  server->route("/ws", service);
  std::string error;
  ASSERT_TRUE(server->start(error)) << error;
  WsClient client(io, device);
  client.connect("ws://127.0.0.1:" + std::to_string(server->port()) + "/ws");
  ASSERT_TRUE(run_until(io, [&] { return !device.opened.empty() && !service.opened.empty(); }));
  server.reset();  // its connections are cut with no events to its routes
  ASSERT_TRUE(run_until(io, [&] { return !device.closes.empty(); }));
  EXPECT_EQ(device.closes[0].code, core::kWsAbnormalClosure);
  EXPECT_TRUE(service.closes.empty());
}

TEST(WsTransport, AMessageOverTheReadLimitEndsTheConnectionWith1009) {
  WsLimits limits;
  limits.read_message_max = 1000;
  Loopback net(limits);
  Recorder device;
  auto client = net.connect(device);
  client->send_binary(std::string(999, 'a'));
  client->send_binary(std::string(2000, 'b'));
  ASSERT_TRUE(
      run_until(net.io, [&] { return !device.closes.empty() && !net.service.closes.empty(); }));
  EXPECT_EQ(net.service.binaries, std::vector<std::string>{std::string(999, 'a')});
  EXPECT_EQ(device.closes[0].code, 1009);  // what Beast tells the peer: message too big
  EXPECT_EQ(net.service.closes[0].code, core::kWsAbnormalClosure);
}

TEST(WsTransport, StoppingTheServerClosesItsConnectionsWith1001) {
  Loopback net;
  Recorder device;
  auto client = net.connect(device);
  net.server.stop();
  ASSERT_TRUE(run_until(net.io, [&] { return net.server.open_connections() == 0; }));
  ASSERT_EQ(device.closes.size(), 1u);
  EXPECT_EQ(device.closes[0].code, core::kWsGoingAway);
}

TEST(WsTransport, TwoHundredConnectionsShareOneIoContext) {
  constexpr std::size_t kClients = 200;
  Loopback net;
  net.service.echo = true;
  std::vector<Recorder> devices(kClients);
  std::vector<std::unique_ptr<WsClient>> clients;
  for (std::size_t i = 0; i < kClients; ++i) {
    clients.push_back(std::make_unique<WsClient>(net.io, devices[i]));
    clients.back()->connect(net.url());
  }
  const auto all = [&](auto done) {
    for (const Recorder& device : devices) {
      if (!done(device)) return false;
    }
    return true;
  };
  ASSERT_TRUE(run_until(
      net.io, [&] { return all([](const Recorder& d) { return d.opened.size() == 1; }); }));
  EXPECT_EQ(net.server.open_connections(), kClients);
  for (std::size_t i = 0; i < kClients; ++i)
    clients[i]->send_binary(std::string(3200, static_cast<char>(i)));
  ASSERT_TRUE(run_until(
      net.io, [&] { return all([](const Recorder& d) { return d.binaries.size() == 1; }); }));
  for (std::size_t i = 0; i < kClients; ++i)
    EXPECT_EQ(devices[i].binaries[0], std::string(3200, static_cast<char>(i))) << i;
}

}  // namespace
}  // namespace hil::bench
