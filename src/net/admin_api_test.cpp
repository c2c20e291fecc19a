// End to end over HTTP: administrators' reference edits land in the audit trail with what they
// touched and its JSON before and after; the audit list filters by subject and keeps the rest.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

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

class AdminApiTest : public ::testing::Test {
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

  std::unique_ptr<TestClient> client_for(const std::string& username) {
    auto client = std::make_unique<TestClient>(port_);
    auto login = client->post("/api/v1/auth/login",
                              R"({"username":")" + username + R"(","password":")" + kTestPassword + R"("})");
    EXPECT_EQ(login.status, 200) << login.body;
    if (login.status == 200) client->set_token(std::string(parse(login).at("token").as_string()));
    return client;
  }
  bj::array audit(const std::string& query) {
    auto listed = admin_->get("/api/v1/audit" + query);
    EXPECT_EQ(listed.status, 200) << listed.body;
    return parse(listed).at("items").as_array();
  }

  TestServices world_;
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
  std::unique_ptr<TestClient> admin_;
};

TEST_F(AdminApiTest, UnitMoveIsAuditedWithBeforeAndAfter) {
  auto moved = admin_->put("/api/v1/units/440106001",
                           R"({"parent_id":"440104","kind":"street","name":"五山街道","active":true})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto items = audit("?subject=unit:");
  ASSERT_EQ(items.size(), 1u);
  const auto& entry = items[0].as_object();
  EXPECT_EQ(entry.at("action").as_string(), "unit_saved");
  EXPECT_EQ(entry.at("subject").as_string(), "unit:440106001");
  EXPECT_EQ(entry.at("actor").as_string(), "admin1");
  auto before = bj::parse(entry.at("before").as_string());
  auto after = bj::parse(entry.at("after").as_string());
  EXPECT_EQ(before.at("parent_id").as_string(), "440106");
  EXPECT_EQ(after.at("parent_id").as_string(), "440104");
}

TEST_F(AdminApiTest, AMoveIntoItsOwnSubtreeIsRefusedAndNotAudited) {
  auto cycle =
      admin_->put("/api/v1/units/440106", R"({"parent_id":"440106001","kind":"district","name":"天河区"})");
  EXPECT_EQ(cycle.status, 400) << cycle.body;
  EXPECT_EQ(cycle.error_field(), "parent_id");
  EXPECT_TRUE(audit("?subject=unit:").empty());
}

TEST_F(AdminApiTest, NewUnitHasNoBefore) {
  auto added = admin_->put("/api/v1/units/440106002",
                           R"({"parent_id":"440106","kind":"street","name":"石牌街道"})");
  ASSERT_EQ(added.status, 200) << added.body;
  auto items = audit("?subject=unit:440106002");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("before").as_string(), "");
  EXPECT_EQ(bj::parse(items[0].at("after").as_string()).at("name").as_string(), "石牌街道");
}

TEST_F(AdminApiTest, CalendarDaysAreAuditedPerYear) {
  auto saved = admin_->put("/api/v1/calendar/days",
                           R"({"days":[{"date":"2024-05-01","off_day":true,"name":"劳动节假期"},)"
                           R"({"date":"2025-01-01","off_day":true,"name":"元旦"}]})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto y2024 = audit("?subject=calendar:2024");
  ASSERT_EQ(y2024.size(), 1u);
  EXPECT_EQ(y2024[0].at("action").as_string(), "calendar_days_saved");
  auto before = bj::parse(y2024[0].at("before").as_string()).as_array();
  ASSERT_EQ(before.size(), 1u);
  EXPECT_EQ(before[0].at("name").as_string(), "劳动节");  // the seeded name
  EXPECT_EQ(bj::parse(y2024[0].at("after").as_string()).as_array()[0].at("name").as_string(), "劳动节假期");
  auto y2025 = audit("?subject=calendar:2025");
  ASSERT_EQ(y2025.size(), 1u);
  EXPECT_EQ(y2025[0].at("before").as_string(), "");
}

TEST_F(AdminApiTest, DispatchRuleSaveAndDeleteAreAudited) {
  auto saved = admin_->put("/api/v1/dispatch-catalogue/housing",
                           R"({"category":"城乡建设/住房保障","lead_unit":"dept-housing","co_units":[]})");
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto changed = admin_->put("/api/v1/dispatch-catalogue/housing",
                             R"({"category":"城乡建设/住房保障","lead_unit":"440106","co_units":[]})");
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto removed = admin_->request("DELETE", "/api/v1/dispatch-catalogue/housing");
  ASSERT_EQ(removed.status / 100, 2) << removed.body;
  auto items = audit("?subject=dispatch_rule:housing");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("action").as_string(), "dispatch_rule_deleted");
  EXPECT_EQ(items[0].at("after").as_string(), "");
  EXPECT_EQ(bj::parse(items[0].at("before").as_string()).at("lead_unit").as_string(), "440106");
  EXPECT_EQ(bj::parse(items[1].at("before").as_string()).at("lead_unit").as_string(), "dept-housing");
  EXPECT_EQ(items[2].at("before").as_string(), "");
}

TEST_F(AdminApiTest, AccountChangesCarryTheAccountBeforeAndAfterAndTheListKeepsEverything) {
  auto created = admin_->post("/api/v1/users", R"({"username":"newagent","display_name":"新坐席","role":"agent",)"
                                               R"("password":"a-long-enough-pass-1"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = parse(created).at("id").as_int64();
  auto items = audit("?subject=user:" + std::to_string(id));
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("action").as_string(), "user_created");
  EXPECT_EQ(items[0].at("before").as_string(), "");
  const std::string after(items[0].at("after").as_string());
  EXPECT_EQ(bj::parse(after).at("role").as_string(), "agent");
  EXPECT_EQ(after.find("pass"), std::string::npos);
  bool saw_login = false;
  for (const auto& item : audit("")) saw_login = saw_login || item.at("action").as_string() == "login";
  EXPECT_TRUE(saw_login);  // the unfiltered list still has the sign-ins
  EXPECT_EQ(admin_->get("/api/v1/audit?subject=").status, 400);
}

TEST_F(AdminApiTest, AgentsCannotReadTheAuditTrail) {
  auto agent = client_for("agent1");
  EXPECT_EQ(agent->get("/api/v1/audit?subject=unit:").status, 403);
}

}  // namespace
}  // namespace hotline::net

namespace hotline::net {
namespace {

class UnitRetireTest : public AdminApiTest {};

TEST_F(UnitRetireTest, RefusedWhileASubUnitHandlesAnOpenTicketThenRetiresTheSubtree) {
  auto agent = client_for("agent1");
  auto dispatcher = client_for("dispatcher1");
  auto created = agent->post("/api/v1/tickets", R"({"type":"complaint","channel":"phone","title":"路灯不亮",)"
                                                R"("text":"五山路路灯不亮","caller":{"name":"张三","phone":"13800138000"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = std::to_string(parse(created).at("id").as_int64());
  ASSERT_EQ(agent->post("/api/v1/tickets/" + id + "/submit").status, 200);
  auto sent = dispatcher->post("/api/v1/tickets/" + id + "/dispatch", R"({"lead_unit":"440106001"})");
  ASSERT_EQ(sent.status, 200) << sent.body;
  auto refused = admin_->post("/api/v1/units/440106/retire");
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("1 open tickets"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("/desk/tickets?unit=440106"), std::string::npos) << refused.body;
  EXPECT_TRUE(audit("?subject=unit:").empty());

  auto retired = admin_->post("/api/v1/units/440104/retire");
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_EQ(parse(retired).at("retired").as_array().size(), 2u);  // 越秀区 and 北京街道
  EXPECT_EQ(audit("?subject=unit:").size(), 2u);
  auto units = parse(admin_->get("/api/v1/units")).at("items").as_array();
  for (const auto& unit : units)
    if (unit.at("id").as_string() == "440104001") {
      EXPECT_FALSE(unit.at("active").as_bool());
    }
  auto onto_retired = dispatcher->post("/api/v1/tickets/" + id + "/dispatch", R"({"lead_unit":"440104"})");
  EXPECT_EQ(onto_retired.status / 100, 4);
  EXPECT_EQ(client_for("manager1")->post("/api/v1/units/440104/retire").status, 403);
  EXPECT_EQ(admin_->post("/api/v1/units/nowhere/retire").status, 404);
}

}  // namespace
}  // namespace hotline::net

namespace hotline::net {
namespace {

class CatalogueTryTest : public AdminApiTest {};

TEST_F(CatalogueTryTest, WithoutAClassifierAnAnyCategoryRuleMatchesAndNothingIsStored) {
  ASSERT_EQ(admin_->put("/api/v1/dispatch-catalogue/fallback", R"({"category":"","lead_unit":"dept-housing"})").status, 200);
  auto tried = admin_->post("/api/v1/dispatch-catalogue/try", R"({"text":"小区电梯坏了"})");
  ASSERT_EQ(tried.status, 200) << tried.body;
  auto body = parse(tried);
  EXPECT_EQ(body.at("category").as_string(), "");  // the test world has no classifier
  ASSERT_TRUE(body.at("rule").is_object());
  EXPECT_EQ(body.at("rule").at("id").as_string(), "fallback");
  ASSERT_EQ(body.at("units").as_array().size(), 1u);
  EXPECT_EQ(body.at("units").as_array()[0].as_string(), "dept-housing");
  EXPECT_EQ(admin_->request("DELETE", "/api/v1/dispatch-catalogue/fallback").status / 100, 2);
  auto none = admin_->post("/api/v1/dispatch-catalogue/try", R"({"text":"小区电梯坏了"})");
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_TRUE(parse(none).at("rule").is_null());
  EXPECT_EQ(admin_->post("/api/v1/dispatch-catalogue/try", R"({"text":""})").error_field(), "text");
  EXPECT_EQ(client_for("agent1")->post("/api/v1/dispatch-catalogue/try", R"({"text":"电梯"})").status, 403);
}

}  // namespace
}  // namespace hotline::net

namespace hotline::net {
namespace {

class CategoryEditTest : public AdminApiTest {
 protected:
  bool listed_as(const std::string& path, bool retired) {
    const auto listed = parse(admin_->get("/api/v1/categories"));
    for (const auto& item : listed.at("items").as_array())
      if (item.at("path").as_string() == path) return item.at("retired").as_bool() == retired;
    return false;
  }
};

TEST_F(CategoryEditTest, AddRenameRetireAreAuditedAndARetiredCategoryIsRefusedOnNewTickets) {
  auto added = admin_->post("/api/v1/categories", R"({"parent":"城乡建设/住房保障","name":"  廉租房 "})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(parse(added).at("path").as_string(), "城乡建设/住房保障/廉租房");
  EXPECT_TRUE(listed_as("城乡建设/住房保障/廉租房", false));
  EXPECT_EQ(admin_->post("/api/v1/categories", R"({"parent":"城乡建设/住房保障","name":"廉租房"})").status, 409);
  EXPECT_EQ(admin_->post("/api/v1/categories", R"({"name":"a/b"})").error_field(), "name");
  EXPECT_EQ(admin_->post("/api/v1/categories", R"({"name":"   "})").error_field(), "name");
  EXPECT_EQ(admin_->post("/api/v1/categories", R"({"parent":"无此类","name":"x"})").error_field(), "parent");
  EXPECT_EQ(client_for("manager1")->post("/api/v1/categories", R"({"name":"新类"})").status, 403);

  ASSERT_EQ(admin_->put("/api/v1/dispatch-catalogue/housing",
                        R"({"category":"城乡建设/住房保障/公租房","lead_unit":"dept-housing"})")
                .status,
            200);
  auto renamed = admin_->post("/api/v1/categories/rename", R"({"path":"城乡建设/住房保障","name":"住房"})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(parse(renamed).at("path").as_string(), "城乡建设/住房");
  EXPECT_EQ(parse(renamed).at("moved_rules").as_array().size(), 1u);
  EXPECT_TRUE(listed_as("城乡建设/住房/公租房", false));
  EXPECT_TRUE(listed_as("城乡建设/住房/廉租房", false));
  const auto catalogue = parse(admin_->get("/api/v1/dispatch-catalogue"));
  const auto& rules = catalogue.at("items").as_array();
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].at("category").as_string(), "城乡建设/住房/公租房");
  EXPECT_EQ(audit("?subject=dispatch_rule:housing").size(), 2u);  // saved, then moved
  EXPECT_EQ(admin_->post("/api/v1/categories/rename", R"({"path":"城乡建设/住房","name":"住房"})").status, 409);
  EXPECT_EQ(admin_->post("/api/v1/categories/rename", R"({"path":"城乡建设/噪音","name":"噪声"})").status, 404);
  EXPECT_EQ(admin_->post("/api/v1/categories/rename", R"({"path":"城乡建设"})").error_field(), "name");

  auto retired = admin_->post("/api/v1/categories/retire", R"({"path":"城乡建设/住房","retired":true})");
  ASSERT_EQ(retired.status, 200) << retired.body;
  EXPECT_TRUE(listed_as("城乡建设/住房/公租房", true));
  EXPECT_TRUE(listed_as("交通运输/公共交通", false));
  auto agent = client_for("agent1");
  auto refused = agent->post("/api/v1/tickets", R"({"type":"complaint","channel":"phone","title":"公租房漏水",)"
                                                R"("category":"城乡建设/住房/公租房"})");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.error_field(), "category");
  EXPECT_NE(refused.body.find("retired"), std::string::npos) << refused.body;
  EXPECT_EQ(client_for("dispatcher1")->post("/api/v1/categories/retire", R"({"path":"城乡建设","retired":true})").status,
            403);
  ASSERT_EQ(admin_->post("/api/v1/categories/retire", R"({"path":"城乡建设/住房","retired":false})").status, 200);
  auto accepted = agent->post("/api/v1/tickets", R"({"type":"complaint","channel":"phone","title":"公租房漏水",)"
                                                 R"("category":"城乡建设/住房/公租房"})");
  EXPECT_EQ(accepted.status, 201) << accepted.body;

  auto entries = audit("?subject=category:");
  std::vector<std::string> actions;
  for (const auto& entry : entries) actions.emplace_back(entry.at("action").as_string());
  std::sort(actions.begin(), actions.end());
  EXPECT_EQ(actions, (std::vector<std::string>{"category_added", "category_renamed", "category_restored",
                                               "category_retired"}));
  for (const auto& entry : entries) {
    if (entry.at("action").as_string() != "category_renamed") continue;
    EXPECT_EQ(entry.at("subject").as_string(), "category:城乡建设/住房保障");
    EXPECT_EQ(bj::parse(entry.at("before").as_string()).at("path").as_string(), "城乡建设/住房保障");
    EXPECT_EQ(bj::parse(entry.at("after").as_string()).at("path").as_string(), "城乡建设/住房");
  }
}

TEST_F(CategoryEditTest, ASpecialDayIsResetToAnOrdinaryDayAndAudited) {
  auto reset = admin_->request("DELETE", "/api/v1/calendar/days/2024-05-11");
  ASSERT_EQ(reset.status, 200) << reset.body;
  auto calendar = parse(admin_->get("/api/v1/calendar?from=2024-05-11&to=2024-05-11"));
  EXPECT_FALSE(calendar.at("days").as_array()[0].at("working").as_bool());  // a Saturday again
  EXPECT_EQ(admin_->request("DELETE", "/api/v1/calendar/days/2024-05-11").status, 404);
  EXPECT_EQ(admin_->request("DELETE", "/api/v1/calendar/days/2024-13-01").error_field(), "date");
  EXPECT_EQ(client_for("manager1")->request("DELETE", "/api/v1/calendar/days/2024-05-01").status, 403);
  auto entries = audit("?subject=calendar:2024");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].at("action").as_string(), "calendar_day_reset");
  auto before = bj::parse(entries[0].at("before").as_string());
  EXPECT_EQ(before.as_array()[0].at("name").as_string(), "调休");
}

}  // namespace
}  // namespace hotline::net
