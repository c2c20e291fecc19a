// End to end over HTTP: quality inspection (质检): admins define a checklist and teams,
// supervisors sample an agent's tickets and score them, agents read only their own results.

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

constexpr const char* kChecklist =
    R"({"name":"默认质检表","items":[{"key":"greeting","label":"问候语","max_points":10},{"key":"accuracy","label":"记录准确","max_points":30}]})";

class QualityApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    server_ = std::make_unique<Server>(options, world_.services());
    port_ = server_->start();
    admin_ = client_for("admin1");
    supervisor_ = client_for("supervisor1");
    agent_ = client_for("agent1");
    for (int i = 0; i < 3; ++i) {
      auto created = agent_->post("/api/v1/tickets", R"({"type":"complaint","channel":"phone","title":"夜间施工噪音",
        "text":"每晚十一点后仍在施工","place":{"district":"440106","street":"440106001","address":"五山路1号"}})");
      ASSERT_EQ(created.status, 201) << created.body;
    }
    auto checklist = admin_->post("/api/v1/quality/checklists", kChecklist);
    ASSERT_EQ(checklist.status, 201) << checklist.body;
    checklist_id_ = parse(checklist).at("id").as_int64();
    agent_id_ = world_.user_repo.find_user_by_name("agent1")->id;
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
  std::string sample_body(int size) {
    return R"({"agent_id":)" + std::to_string(agent_id_) +
           R"(,"from":"2024-05-01T00:00:00+08:00","to":"2024-06-01T00:00:00+08:00","size":)" + std::to_string(size) +
           R"(,"checklist_id":)" + std::to_string(checklist_id_) + "}";
  }

  TestServices world_;
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
  std::unique_ptr<TestClient> admin_, supervisor_, agent_;
  std::int64_t checklist_id_ = 0;
  std::int64_t agent_id_ = 0;
};

TEST_F(QualityApiTest, SupervisorSamplesAndScoresAndTheAgentSeesOnlyTheirOwn) {
  auto sampled = supervisor_->post("/api/v1/quality/samples", sample_body(2));
  ASSERT_EQ(sampled.status, 201) << sampled.body;
  auto items = parse(sampled).at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  const auto id = std::to_string(items[0].at("id").as_int64());

  auto detail = supervisor_->get("/api/v1/quality/inspections/" + id);
  ASSERT_EQ(detail.status, 200) << detail.body;
  EXPECT_EQ(parse(detail).at("ticket").at("title").as_string(), "夜间施工噪音");

  auto over = supervisor_->put("/api/v1/quality/inspections/" + id + "/score", R"({"scores":{"greeting":11,"accuracy":1}})");
  EXPECT_EQ(over.status, 400);
  EXPECT_EQ(over.error_field(), "scores.greeting");
  auto unknown = supervisor_->put("/api/v1/quality/inspections/" + id + "/score",
                                  R"({"scores":{"greeting":1,"accuracy":1,"smile":1}})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.error_field(), "scores.smile");
  auto scored = supervisor_->put("/api/v1/quality/inspections/" + id + "/score",
                                 R"({"scores":{"greeting":10,"accuracy":20},"remarks":"问候规范"})");
  ASSERT_EQ(scored.status, 200) << scored.body;
  EXPECT_DOUBLE_EQ(parse(scored).at("total").to_number<double>(), 75.0);
  EXPECT_EQ(supervisor_->put("/api/v1/quality/inspections/" + id + "/score",
                             R"({"scores":{"greeting":10,"accuracy":20}})").status, 409);

  auto mine = agent_->get("/api/v1/quality/inspections?state=scored");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(parse(mine).at("items").as_array().size(), 1u);
  EXPECT_EQ(agent_->get("/api/v1/quality/inspections/" + id).status, 200);

  auto scores = supervisor_->get("/api/v1/quality/scores?by=agent");
  ASSERT_EQ(scores.status, 200) << scores.body;
  auto rows = parse(scores).at("items").as_array();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].at("group").as_string(), "agent1");
  EXPECT_EQ(rows[0].at("month").as_string(), "2024-05");
}

TEST_F(QualityApiTest, RolesAndValidationAreEnforced) {
  EXPECT_EQ(agent_->post("/api/v1/quality/samples", sample_body(1)).status, 403);
  EXPECT_EQ(agent_->get("/api/v1/quality/scores").status, 403);
  EXPECT_EQ(supervisor_->post("/api/v1/quality/checklists", kChecklist).status, 403);
  EXPECT_EQ(agent_->put("/api/v1/quality/teams", R"({"items":[]})").status, 403);
  auto too_many = supervisor_->post("/api/v1/quality/samples", sample_body(51));
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(too_many.error_field(), "size");
  EXPECT_EQ(supervisor_->get("/api/v1/quality/inspections/999").status, 404);

  auto sampled = supervisor_->post("/api/v1/quality/samples", sample_body(1));
  ASSERT_EQ(sampled.status, 201) << sampled.body;
  const auto id = std::to_string(parse(sampled).at("items").as_array()[0].at("id").as_int64());
  auto dispatcher = client_for("dispatcher1");
  EXPECT_EQ(dispatcher->get("/api/v1/quality/inspections/" + id).status, 403);
  // Another agent cannot read agent1's inspection, and lists none.
  ASSERT_TRUE(world_.auth.add_user({"agent2", kTestPassword, core::Role::agent, "", ""}));
  auto other = client_for("agent2");
  EXPECT_EQ(other->get("/api/v1/quality/inspections/" + id).status, 403);
  EXPECT_TRUE(parse(other->get("/api/v1/quality/inspections")).at("items").as_array().empty());

  auto teams = admin_->put("/api/v1/quality/teams",
                           R"({"items":[{"name":"一组","member_ids":[)" + std::to_string(agent_id_) + "]}]}");
  ASSERT_EQ(teams.status, 200) << teams.body;
  EXPECT_EQ(supervisor_->get("/api/v1/quality/teams").status, 200);
  auto bad_item = admin_->put("/api/v1/quality/checklists/" + std::to_string(checklist_id_),
                              R"({"name":"x","items":[{"key":"Bad","label":"x","max_points":5}]})");
  EXPECT_EQ(bad_item.status, 400);
  EXPECT_EQ(bad_item.error_field(), "items[0].key");
}

TEST_F(QualityApiTest, SupervisorsListTheAgentsToSampleWithTheirNamesOnly) {
  auto listed = supervisor_->get("/api/v1/quality/agents");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto body = parse(listed);
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << listed.body;  // agent1 only: no dispatcher, admin, unit handler
  const auto& agent = items[0].as_object();
  EXPECT_EQ(agent.at("id").as_int64(), agent_id_);
  EXPECT_EQ(agent.at("username").as_string(), "agent1");
  EXPECT_TRUE(agent.contains("display_name"));
  EXPECT_EQ(agent.size(), 3u);  // least privilege: no role, unit, active flag or login times
  EXPECT_EQ(client_for("manager1")->get("/api/v1/quality/agents").status, 200);
  auto denied = agent_->get("/api/v1/quality/agents");
  EXPECT_EQ(denied.status, 403);
  EXPECT_EQ(admin_->get("/api/v1/quality/agents").status, 403);
}

}  // namespace
}  // namespace hotline::net
