// End to end over HTTP: the administrators' account management, the users' own password and
// sessions, and session expiry.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "net/server.hpp"
#include "net/test_client.hpp"
#include "net/test_services.hpp"

namespace hotline::net {
namespace {

namespace bj = boost::json;
using namespace std::chrono_literals;

bj::value parse(const HttpResult& result) {
  boost::system::error_code ec;
  auto value = bj::parse(result.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << result.body;
  return value;
}

class AccountsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    server_ = std::make_unique<Server>(options, world_.services());
    port_ = server_->start();
    admin_ = client_for("admin1");
  }
  void TearDown() override { server_->stop(); }

  std::unique_ptr<TestClient> client_for(const std::string& username, const std::string& password = kTestPassword) {
    auto client = std::make_unique<TestClient>(port_);
    auto login =
        client->post("/api/v1/auth/login", R"({"username":")" + username + R"(","password":")" + password + R"("})");
    EXPECT_EQ(login.status, 200) << login.body;
    if (login.status == 200) client->set_token(std::string(parse(login).at("token").as_string()));
    return client;
  }
  // "/api/v1/users/{id}" of `username`, looked up through the API.
  std::string user_path(const std::string& username) {
    auto listed = admin_->get("/api/v1/users");
    EXPECT_EQ(listed.status, 200) << listed.body;
    const bj::value users = parse(listed);
    for (const auto& item : users.at("items").as_array()) {
      if (item.at("username").as_string() == username)
        return "/api/v1/users/" + std::to_string(item.at("id").as_int64());
    }
    ADD_FAILURE() << "no user " << username;
    return {};
  }
  int sign_in_status(const std::string& username, const std::string& password = kTestPassword) {
    TestClient client(port_);
    return client.post("/api/v1/auth/login", R"({"username":")" + username + R"(","password":")" + password + R"("})")
        .status;
  }

  TestServices world_;
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
  std::unique_ptr<TestClient> admin_;
};

TEST_F(AccountsApiTest, DeactivationStopsTokensAtOnceAndReactivationAllowsSignIn) {
  auto agent = client_for("agent1");
  ASSERT_EQ(agent->get("/api/v1/me").status, 200);
  const std::string path = user_path("agent1");
  EXPECT_EQ(agent->post(path + "/deactivate").status, 403);

  auto deactivated = admin_->post(path + "/deactivate");
  ASSERT_EQ(deactivated.status, 200) << deactivated.body;
  EXPECT_FALSE(parse(deactivated).at("active").as_bool());
  EXPECT_EQ(agent->get("/api/v1/me").status, 401);
  EXPECT_EQ(sign_in_status("agent1"), 401);

  auto reactivated = admin_->post(path + "/reactivate");
  ASSERT_EQ(reactivated.status, 200) << reactivated.body;
  EXPECT_TRUE(parse(reactivated).at("active").as_bool());
  EXPECT_EQ(agent->get("/api/v1/me").status, 401);  // the old token stays dead
  EXPECT_EQ(sign_in_status("agent1"), 200);
  EXPECT_EQ(admin_->post("/api/v1/users/999/deactivate").status, 404);
  EXPECT_EQ(admin_->post("/api/v1/users/x/deactivate").status, 404);
}

TEST_F(AccountsApiTest, RoleAndUnitChangesApplyToTheNextRequest) {
  auto agent = client_for("agent1");
  ASSERT_EQ(parse(agent->get("/api/v1/me")).at("role").as_string(), "agent");
  const std::string path = user_path("agent1");
  auto no_unit = admin_->put(path + "/role", R"({"role":"unit_handler"})");
  EXPECT_EQ(no_unit.status, 400);
  EXPECT_EQ(no_unit.error_field(), "unit_id");
  auto stray = admin_->put(path + "/role", R"({"role":"dispatcher","unit_id":"440106"})");
  EXPECT_EQ(stray.status, 400);
  EXPECT_EQ(stray.error_field(), "unit_id");
  EXPECT_EQ(admin_->put(path + "/role", R"({"role":"king"})").status, 400);

  auto changed = admin_->put(path + "/role", R"({"role":"unit_handler","unit_id":"440106"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(parse(changed).at("unit_id").as_string(), "440106");
  auto me = parse(agent->get("/api/v1/me"));
  EXPECT_EQ(me.at("role").as_string(), "unit_handler");
  EXPECT_EQ(me.at("unit_id").as_string(), "440106");
  EXPECT_EQ(agent->get("/api/v1/users").status, 403);
}

TEST_F(AccountsApiTest, TheLastActiveAdminCannotDeactivateOrDemoteThemselves) {
  const std::string path = user_path("admin1");
  EXPECT_EQ(admin_->post(path + "/deactivate").status, 409);
  EXPECT_EQ(admin_->put(path + "/role", R"({"role":"supervisor"})").status, 409);
  EXPECT_EQ(parse(admin_->get("/api/v1/me")).at("role").as_string(), "admin");
}

TEST_F(AccountsApiTest, PasswordResetAndChangeEndTheRightSessions) {
  auto agent = client_for("agent1");
  const std::string path = user_path("agent1");
  auto weak = admin_->put(path + "/password", R"({"password":"12345678"})");
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.error_field(), "password");
  ASSERT_EQ(admin_->put(path + "/password", R"({"password":"reset-by-admin-1"})").status, 200);
  EXPECT_EQ(agent->get("/api/v1/me").status, 401);
  EXPECT_EQ(sign_in_status("agent1"), 401);

  auto here = client_for("agent1", "reset-by-admin-1");
  auto elsewhere = client_for("agent1", "reset-by-admin-1");
  auto wrong = here->put("/api/v1/me/password", R"({"current_password":"nope-nope-nope","password":"my-own-pass-22"})");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.error_field(), "current_password");
  auto changed =
      here->put("/api/v1/me/password", R"({"current_password":"reset-by-admin-1","password":"my-own-pass-22"})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(here->get("/api/v1/me").status, 200);
  EXPECT_EQ(elsewhere->get("/api/v1/me").status, 401);
  EXPECT_EQ(sign_in_status("agent1", "my-own-pass-22"), 200);

  // The audit trail names who changed whom, and never a password.
  auto trail = client_for("supervisor1")->get("/api/v1/audit?limit=1000");
  ASSERT_EQ(trail.status, 200) << trail.body;
  EXPECT_NE(trail.body.find("password_reset"), std::string::npos);
  EXPECT_NE(trail.body.find("password_changed"), std::string::npos);
  EXPECT_EQ(trail.body.find("reset-by-admin-1"), std::string::npos);
  EXPECT_EQ(trail.body.find("my-own-pass-22"), std::string::npos);
}

TEST_F(AccountsApiTest, LogoutEverywhereForSelfAndByAnAdmin) {
  auto one = client_for("agent1");
  auto two = client_for("agent1");
  auto ended = one->post("/api/v1/auth/logout-all");
  ASSERT_EQ(ended.status, 200) << ended.body;
  EXPECT_EQ(parse(ended).at("sessions_ended").as_int64(), 2);
  EXPECT_EQ(one->get("/api/v1/me").status, 401);
  EXPECT_EQ(two->get("/api/v1/me").status, 401);

  auto three = client_for("agent1");
  auto dispatcher = client_for("dispatcher1");
  const std::string path = user_path("agent1");
  EXPECT_EQ(dispatcher->post(path + "/logout-all").status, 403);
  ASSERT_EQ(admin_->post(path + "/logout-all").status, 200);
  EXPECT_EQ(three->get("/api/v1/me").status, 401);
  EXPECT_EQ(dispatcher->get("/api/v1/me").status, 200);
}

TEST_F(AccountsApiTest, UsersShowTheirLastLogin) {
  auto never = parse(admin_->get(user_path("callback1")));
  EXPECT_TRUE(never.at("last_login_at").is_null());
  world_.clock.advance(90s);
  auto agent = client_for("agent1");
  auto user = admin_->get(user_path("agent1"));
  ASSERT_EQ(user.status, 200) << user.body;
  EXPECT_EQ(parse(user).at("last_login_at").as_string(), "2024-05-06T10:01:30+08:00");
  EXPECT_EQ(user.body.find("password"), std::string::npos);
}

TEST_F(AccountsApiTest, IdleSessionsExpire) {
  auto agent = client_for("agent1");
  world_.clock.advance(29min);
  EXPECT_EQ(agent->get("/api/v1/me").status, 200);
  world_.clock.advance(30min);
  auto expired = agent->get("/api/v1/me");
  EXPECT_EQ(expired.status, 401);
  EXPECT_NE(expired.body.find("inactivity"), std::string::npos) << expired.body;
}

}  // namespace
}  // namespace hotline::net
