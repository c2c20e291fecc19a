// `HttpSmsSender` against a local fake gateway (a small blocking Beast server on port 0) that fails
// every 3rd request with 503 and leaves every 5th unanswered past the sender's timeout; the outbox
// is driven by `OutboxDelivery` on a fixed clock. Also: the restart case on SQLite.
#include "adapters/http_sms_sender.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

#include "core/outbox_delivery.hpp"
#include "storage/memory/outbox_repository.hpp"
#include "storage/sqlite/database.hpp"
#include "storage/sqlite/test_support.hpp"

namespace hotline::adapters {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using std::chrono::seconds;

enum class Behaviour { flaky, always_ok, bad_request };

// Serves one connection at a time on its own thread. Counts every request, and per outbox id
// (the "ref" of the JSON body) the requests it accepted with 200.
class FakeGateway {
 public:
  explicit FakeGateway(Behaviour behaviour) : behaviour_(behaviour), acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { serve(); });
  }
  ~FakeGateway() {
    stopping_ = true;
    asio::io_context io;
    tcp::socket wake(io);
    boost::system::error_code ignored;
    wake.connect({asio::ip::make_address("127.0.0.1"), port_}, ignored);
    thread_.join();
  }
  unsigned short port() const { return port_; }
  int requests() const { return requests_.load(); }
  int hung() const { return hung_.load(); }
  std::map<std::int64_t, int> accepted() {
    std::lock_guard lock(mutex_);
    return accepted_;
  }

 private:
  void serve() {
    for (;;) {
      tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (stopping_) return;
      if (ec) continue;
      handle(socket);
    }
  }

  void handle(tcp::socket& socket) {
    beast::flat_buffer buffer;
    http::request<http::string_body> request;
    boost::system::error_code ec;
    http::read(socket, buffer, request, ec);
    if (ec) return;
    const int n = ++requests_;
    http::response<http::string_body> answer{http::status::ok, 11};
    answer.set(http::field::content_type, "application/json");
    if (behaviour_ == Behaviour::flaky && n % 5 == 0) {
      // Hang: no answer until the sender gives up and closes its end.
      ++hung_;
      char byte;
      socket.read_some(asio::buffer(&byte, 1), ec);
      return;
    }
    if (behaviour_ == Behaviour::flaky && n % 3 == 0) {
      answer.result(http::status::service_unavailable);
      answer.body() = R"({"error":"busy"})";
    } else if (behaviour_ == Behaviour::bad_request) {
      answer.result(http::status::bad_request);
      answer.body() = "invalid mobile";
    } else {
      auto body = boost::json::parse(request.body()).as_object();
      const std::int64_t ref = body.at("ref").as_int64();
      {
        std::lock_guard lock(mutex_);
        ++accepted_[ref];
      }
      answer.body() = R"({"code":0,"data":{"msg_id":"gw-)" + std::to_string(ref) + R"("}})";
    }
    answer.prepare_payload();
    http::write(socket, answer, ec);
  }

  Behaviour behaviour_;
  asio::io_context io_;
  tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::atomic<int> hung_{0};
  std::mutex mutex_;  // guards accepted_
  std::map<std::int64_t, int> accepted_;
  std::thread thread_;  // last: starts after the members above exist
};

SmsTemplate gateway_template(unsigned short port) {
  auto sms = parse_sms_template(R"({"method":"POST","url":"http://127.0.0.1:)" + std::to_string(port) +
                                R"(/sms/send","headers":{"Content-Type":"application/json"},
      "body":"{\"mobile\":\"{phone}\",\"content\":\"{text}\",\"ref\":{id}}","gateway_id_field":"data.msg_id",
      "timeout_ms":300})");
  EXPECT_TRUE(sms) << sms.error().message;
  return *sms;
}

const core::Timestamp kT0 = core::from_epoch(1714960800);

core::OutboundMessage message(int n) {
  core::OutboundMessage m;
  m.kind = core::MessageKind::ticket_registered;
  m.recipient = "13800138000";
  m.text = "您的诉求已登记，编号 " + std::to_string(n) + "。\"谢谢\"";
  m.created_at = kT0;
  m.next_attempt_at = kT0;
  return m;
}

core::DeliveryOptions options(const char* worker) {
  return core::DeliveryOptions{worker, seconds{60}, 20, core::RetryPolicy{seconds{1}, seconds{4}, 50}};
}

TEST(HttpSmsSender, EveryMessageReachesAFlakyGatewayExactlyOnce) {
  FakeGateway gateway(Behaviour::flaky);
  HttpSmsSender sender(gateway_template(gateway.port()));
  storage::memory::InMemoryOutboxRepository outbox;
  core::FixedClock clock(kT0);
  constexpr int kMessages = 12;
  for (int i = 0; i < kMessages; ++i) ASSERT_TRUE(outbox.enqueue(message(i)));
  core::OutboxDelivery delivery(outbox, sender, clock, options("w1"), [] { return 0.5; });
  int retried = 0;
  for (int round = 0; round < 20; ++round) {
    auto done = delivery.run_once();
    ASSERT_TRUE(done) << done.error().message;
    EXPECT_TRUE(done->failed.empty());
    retried += done->retried;
    if (outbox.list({core::MessageState::sent, {}, {}, 100})->size() == kMessages) break;
    clock.advance(seconds{10});  // past the longest backoff
  }
  auto sent = outbox.list({core::MessageState::sent, {}, {}, 100});
  ASSERT_EQ(sent->size(), static_cast<std::size_t>(kMessages)) << "messages left unsent";
  EXPECT_GT(retried, 0);
  EXPECT_GT(gateway.hung(), 0);  // the timeouts happened, and were retried
  auto accepted = gateway.accepted();
  ASSERT_EQ(accepted.size(), static_cast<std::size_t>(kMessages));
  for (const auto& [id, count] : accepted) EXPECT_EQ(count, 1) << "message " << id;
  for (const auto& m : *sent) {
    EXPECT_EQ(m.gateway_message_id, "gw-" + std::to_string(m.id));
    EXPECT_GE(m.attempts, 1);
  }
  // Every request is one attempt: accepted ones plus the retried 503s and timeouts.
  EXPECT_EQ(gateway.requests(), kMessages + retried);
}

TEST(HttpSmsSender, TimeoutsAndRefusalsAreRetryableAndOther4xxAreNot) {
  FakeGateway refusing(Behaviour::bad_request);
  HttpSmsSender sender(gateway_template(refusing.port()));
  auto m = message(1);
  m.id = 9;
  auto refused = sender.send(m);
  ASSERT_FALSE(refused.sent());
  EXPECT_FALSE(refused.failure().retryable);
  EXPECT_EQ(refused.failure().reason, "HTTP 400: invalid mobile");

  // Nobody listens on a port just freed.
  unsigned short closed = 0;
  {
    asio::io_context io;
    tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    closed = acceptor.local_endpoint().port();
  }
  HttpSmsSender nowhere(gateway_template(closed));
  auto unreachable = nowhere.send(m);
  ASSERT_FALSE(unreachable.sent());
  EXPECT_TRUE(unreachable.failure().retryable);
  EXPECT_NE(unreachable.failure().reason.find("connect"), std::string::npos) << unreachable.failure().reason;
}

TEST(HttpSmsSender, NoSenderLeavesMessagesPending) {
  NoSender none;
  storage::memory::InMemoryOutboxRepository outbox;
  core::FixedClock clock(kT0);
  auto stored = outbox.enqueue(message(1));
  core::OutboxDelivery delivery(outbox, none, clock, options("w1"), [] { return 0.5; });
  EXPECT_EQ(delivery.run_once()->claimed, 0);
  EXPECT_EQ(outbox.get(stored->id)->state, core::MessageState::pending);
}

// A worker claims messages and dies mid-lease (the database is closed under it); after a restart
// a new worker sends them once the lease has run out, and the outcome survives the next restart.
TEST(HttpSmsSender, MessagesClaimedBeforeACrashAreSentAfterARestart) {
  storage::sqlite::TempDir dir;
  const std::string path = dir.file("outbox.db");
  std::vector<std::int64_t> ids;
  {
    storage::sqlite::Database db(storage::sqlite::DatabaseOptions{path});
    for (int i = 0; i < 3; ++i) ids.push_back(db.outbox().enqueue(message(i))->id);
    auto claimed = db.outbox().claim_due(kT0, kT0 + seconds{60}, "crashed-worker", 2);
    ASSERT_EQ(claimed->size(), 2u);
  }
  FakeGateway gateway(Behaviour::always_ok);
  HttpSmsSender sender(gateway_template(gateway.port()));
  {
    storage::sqlite::Database db(storage::sqlite::DatabaseOptions{path});
    core::FixedClock clock(kT0 + seconds{30});
    core::OutboxDelivery delivery(db.outbox(), sender, clock, options("new-worker"), [] { return 0.5; });
    auto early = delivery.run_once();
    ASSERT_TRUE(early);
    EXPECT_EQ(early->sent, 1);  // only the unclaimed one; the other two are still leased
    clock.advance(seconds{30});
    auto after_lease = delivery.run_once();
    ASSERT_TRUE(after_lease);
    EXPECT_EQ(after_lease->sent, 2);
  }
  storage::sqlite::Database db(storage::sqlite::DatabaseOptions{path});
  for (auto id : ids) {
    auto m = db.outbox().get(id);
    ASSERT_TRUE(m);
    EXPECT_EQ(m->state, core::MessageState::sent);
    EXPECT_EQ(m->gateway_message_id, "gw-" + std::to_string(id));
  }
  EXPECT_EQ(db.outbox().get(ids[0])->attempts, 2);
  auto accepted = gateway.accepted();
  ASSERT_EQ(accepted.size(), 3u);
  for (const auto& [id, count] : accepted) EXPECT_EQ(count, 1);
}

}  // namespace
}  // namespace hotline::adapters
