// End to end over HTTP: the notification outbox. Admins and supervisors read the messages to
// citizens (recipients masked, reads audited); agents are refused.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "net/server.hpp"
#include "net/test_client.hpp"
#include "net/test_services.hpp"

namespace hotline::net {
namespace {

namespace bj = boost::json;

bj::value parse(const HttpResult& result) {
  boost::system::error_code ec;
  auto value = bj::parse(result.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << result.body;
  return value;
}

class NotificationsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    server_ = std::make_unique<Server>(options, world_.services());
    port_ = server_->start();
    ASSERT_TRUE(world_.notifier.enqueue(core::MessageKind::one_time_code, "13800138000", "验证码 482913，5 分钟内有效"));
    ASSERT_TRUE(world_.notifier.enqueue(core::MessageKind::ticket_registered, "13912345678", "您的诉求已登记，编号 7", 7));
    ASSERT_TRUE(world_.notifier.enqueue(core::MessageKind::ticket_replied, "13912345678", "您的诉求已答复", 7));
  }
  void TearDown() override { server_->stop(); }

  std::unique_ptr<TestClient> client_for(const std::string& username) {
    auto client = std::make_unique<TestClient>(port_);
    auto login = client->post("/api/v1/auth/login", R"({"username":")" + username + R"(","password":")" +
                                                        std::string(kTestPassword) + R"("})");
    EXPECT_EQ(login.status, 200) << login.body;
    if (login.status == 200) client->set_token(std::string(parse(login).at("token").as_string()));
    return client;
  }

  TestServices world_;
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
};

TEST_F(NotificationsApiTest, AdminsPageThroughTheOutboxNewestFirst) {
  auto admin = client_for("admin1");
  auto first = admin->get("/api/v1/notifications?limit=2");
  ASSERT_EQ(first.status, 200) << first.body;
  auto page = parse(first).as_object();
  ASSERT_EQ(page.at("items").as_array().size(), 2u);
  auto newest = page.at("items").as_array()[0].as_object();
  EXPECT_EQ(newest.at("kind").as_string(), "ticket_replied");
  EXPECT_EQ(newest.at("recipient").as_string(), "139****5678");
  EXPECT_EQ(newest.at("state").as_string(), "pending");
  EXPECT_EQ(newest.at("ticket_id").as_int64(), 7);
  ASSERT_TRUE(page.at("next_cursor").is_string());
  auto second = admin->get("/api/v1/notifications?limit=2&cursor=" + std::string(page.at("next_cursor").as_string()));
  ASSERT_EQ(second.status, 200) << second.body;
  auto last = parse(second).as_object();
  ASSERT_EQ(last.at("items").as_array().size(), 1u);
  auto code = last.at("items").as_array()[0].as_object();
  EXPECT_EQ(code.at("text").as_string(), "验证码 482913，5 分钟内有效");  // auditable by admins
  EXPECT_TRUE(code.at("ticket_id").is_null());
  EXPECT_TRUE(last.at("next_cursor").is_null());
}

TEST_F(NotificationsApiTest, FiltersByStateAndKind) {
  auto supervisor = client_for("supervisor1");
  auto codes = supervisor->get("/api/v1/notifications?kind=one_time_code&state=pending");
  ASSERT_EQ(codes.status, 200) << codes.body;
  auto items = parse(codes).at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("text").as_string(), "验证码 ******，* 分钟内有效");  // every digit of a code text
  EXPECT_TRUE(parse(supervisor->get("/api/v1/notifications?state=sent")).at("items").as_array().empty());
  EXPECT_EQ(supervisor->get("/api/v1/notifications?state=queued").error_field(), "state");
  EXPECT_EQ(supervisor->get("/api/v1/notifications?kind=fax").error_field(), "kind");
  EXPECT_EQ(supervisor->get("/api/v1/notifications?limit=0").error_field(), "limit");
  EXPECT_EQ(supervisor->get("/api/v1/notifications?cursor=abc").error_field(), "cursor");
  EXPECT_EQ(supervisor->get("/api/v1/notifications?phone=1").error_field(), "phone");
}

TEST_F(NotificationsApiTest, OneMessageByIdAndItsAuditEntry) {
  auto admin = client_for("admin1");
  auto one = admin->get("/api/v1/notifications/2");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(parse(one).at("kind").as_string(), "ticket_registered");
  EXPECT_EQ(admin->get("/api/v1/notifications/99").status, 404);
  EXPECT_EQ(admin->get("/api/v1/notifications/x").status, 404);
  auto audit = admin->get("/api/v1/audit?limit=5");
  ASSERT_EQ(audit.status, 200) << audit.body;
  bool seen = false;
  const auto trail = parse(audit);
  for (const auto& entry : trail.at("items").as_array())
    if (entry.at("action").as_string() == "notification_viewed" && entry.at("subject").as_string() == "notification:2")
      seen = true;
  EXPECT_TRUE(seen) << audit.body;
}

TEST_F(NotificationsApiTest, AgentsAreRefused) {
  auto agent = client_for("agent1");
  auto list = agent->get("/api/v1/notifications");
  EXPECT_EQ(list.status, 403) << list.body;
  EXPECT_EQ(agent->get("/api/v1/notifications/1").status, 403);
  auto anonymous = TestClient(port_).get("/api/v1/notifications");
  EXPECT_EQ(anonymous.status, 401);
}

}  // namespace
}  // namespace hotline::net
