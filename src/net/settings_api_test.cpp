// End to end over HTTP: the deployment settings. A KPI change recomputes the counters the reports
// read (and back again), a deadline change applies to the next ticket only, bad values are 400
// naming the field, only admins write, and both changes are in the audit trail. Every response is
// checked against openapi.json.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "net/openapi.hpp"
#include "net/openapi_validator_test_support.hpp"
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

const OpenApiValidator& validator() {
  static const OpenApiValidator instance(openapi_document());
  return instance;
}

std::string serialize_with(const bj::object& base, std::string_view key, bj::value value) {
  bj::object copy = base;
  copy[key] = std::move(value);
  return bj::serialize(copy);
}

class SettingsApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TestClient::set_response_check([](std::string_view method, std::string_view target, const HttpResult& result) {
      for (const auto& problem : validator().check_response(method, target, result.status, result.body))
        ADD_FAILURE() << "OpenAPI: " << problem;
    });
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    server_ = std::make_unique<Server>(options, world_.services());
    port_ = server_->start();
    admin_ = client_for("admin1");
  }
  void TearDown() override {
    server_->stop();
    TestClient::set_response_check({});
  }

  std::unique_ptr<TestClient> client_for(const std::string& username) {
    auto client = std::make_unique<TestClient>(port_);
    auto login = client->post("/api/v1/auth/login",
                              R"({"username":")" + username + R"(","password":")" + kTestPassword + R"("})");
    EXPECT_EQ(login.status, 200) << login.body;
    if (login.status == 200) client->set_token(std::string(parse(login).at("token").as_string()));
    return client;
  }
  bj::object settings() {
    auto got = admin_->get("/api/v1/settings");
    EXPECT_EQ(got.status, 200) << got.body;
    return parse(got).as_object();
  }
  // Registers a complaint now and returns it.
  bj::object register_complaint() {
    auto agent = client_for("agent1");
    auto created = agent->post("/api/v1/tickets", R"({"type":"complaint","channel":"phone","title":"路灯不亮",)"
                                                  R"("text":"五山路路灯不亮","caller":{"name":"张三","phone":"13800138000"}})");
    EXPECT_EQ(created.status, 201) << created.body;
    return parse(created).as_object();
  }
  std::int64_t dispatch_timely_in_may() {
    auto report = client_for("supervisor1")->get("/api/v1/reports/kpi?year=2024");
    EXPECT_EQ(report.status, 200) << report.body;
    return parse(report).at("kpis").at("dispatch_timeliness").at("numerator").as_array().at(4).as_int64();
  }

  TestServices world_;
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
  std::unique_ptr<TestClient> admin_;
};

TEST_F(SettingsApiTest, ADispatchLimitChangeRecomputesTheReportedCountersAndBack) {
  // A ticket dispatched 90 minutes after registration: in time under the default 2 h.
  auto ticket = register_complaint();
  const auto id = std::to_string(ticket.at("id").as_int64());
  ASSERT_EQ(client_for("agent1")->post("/api/v1/tickets/" + id + "/submit").status, 200);
  world_.clock.advance(90min);
  admin_ = client_for("admin1");  // the first session expired while the clock moved
  auto sent = client_for("dispatcher1")->post("/api/v1/tickets/" + id + "/dispatch", R"({"lead_unit":"440106001"})");
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(dispatch_timely_in_may(), 1);

  auto current = settings();
  EXPECT_EQ(current.at("kpi").at("dispatch_limit_seconds").as_int64(), 7200);
  EXPECT_EQ(current.at("defaults").at("kpi").at("dispatch_limit_seconds").as_int64(), 7200);
  const bj::object kpi = current.at("kpi").as_object();

  auto changed = admin_->put("/api/v1/settings/kpi", serialize_with(kpi, "dispatch_limit_seconds", 3600));
  ASSERT_EQ(changed.status, 200) << changed.body;
  auto answer = parse(changed);
  EXPECT_EQ(answer.at("recomputed_months").as_int64(), 1);
  EXPECT_GE(answer.at("elapsed_ms").as_int64(), 0);
  EXPECT_EQ(answer.at("kpi").at("dispatch_limit_seconds").as_int64(), 3600);
  EXPECT_EQ(dispatch_timely_in_may(), 0);
  EXPECT_EQ(settings().at("kpi").at("dispatch_limit_seconds").as_int64(), 3600);

  ASSERT_EQ(admin_->put("/api/v1/settings/kpi", bj::serialize(kpi)).status, 200);
  EXPECT_EQ(dispatch_timely_in_may(), 1);

  auto audited = admin_->get("/api/v1/audit?subject=settings:kpi");
  ASSERT_EQ(audited.status, 200);
  const auto doc = parse(audited);
  const auto& items = doc.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  const auto& newest = items[0].as_object();  // newest first
  EXPECT_EQ(newest.at("action").as_string(), "settings_changed");
  EXPECT_EQ(newest.at("actor").as_string(), "admin1");
  EXPECT_EQ(bj::parse(newest.at("before").as_string()).at("dispatch_limit_seconds").as_int64(), 3600);
  EXPECT_EQ(bj::parse(newest.at("after").as_string()).at("dispatch_limit_seconds").as_int64(), 7200);
}

TEST_F(SettingsApiTest, ADeadlineChangeAppliesToTheNextTicketOnly) {
  auto first = register_complaint();
  const bj::object deadlines = settings().at("deadlines").as_object();
  EXPECT_EQ(deadlines.at("working_days").at("complaint").as_int64(), 15);
  bj::object days = deadlines.at("working_days").as_object();
  days["complaint"] = 5;
  auto changed = admin_->put("/api/v1/settings/deadlines", serialize_with(deadlines, "working_days", days));
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(parse(changed).at("deadlines").at("working_days").at("complaint").as_int64(), 5);

  auto second = register_complaint();
  EXPECT_LT(std::string(second.at("deadline").as_string()), std::string(first.at("deadline").as_string()));
  auto reread = client_for("agent1")->get("/api/v1/tickets/" + std::to_string(first.at("id").as_int64()));
  ASSERT_EQ(reread.status, 200) << reread.body;
  EXPECT_EQ(parse(reread).at("deadline"), first.at("deadline"));
  EXPECT_EQ(settings().at("defaults").at("deadlines").at("working_days").at("complaint").as_int64(), 15);

  auto audited = admin_->get("/api/v1/audit?subject=settings:");
  ASSERT_EQ(audited.status, 200);
  const auto doc = parse(audited);
  const auto& items = doc.at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].at("subject").as_string(), "settings:deadlines");
  EXPECT_EQ(bj::parse(items[0].at("after").as_string()).at("working_days").at("complaint").as_int64(), 5);
}

TEST_F(SettingsApiTest, BadValuesAreRefusedNamingTheField) {
  auto current = settings();
  const bj::object deadlines = current.at("deadlines").as_object();
  const bj::object kpi = current.at("kpi").as_object();
  bj::object days = deadlines.at("working_days").as_object();
  days["complaint"] = 61;
  auto bad = admin_->put("/api/v1/settings/deadlines", serialize_with(deadlines, "working_days", days));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_field(), "deadlines.working_days.complaint");
  EXPECT_EQ(admin_->put("/api/v1/settings/deadlines", serialize_with(deadlines, "urgent_hours", 169)).error_field(),
            "deadlines.urgent_hours");
  EXPECT_EQ(admin_->put("/api/v1/settings/deadlines", serialize_with(deadlines, "urgent_hours", "24")).error_field(),
            "deadlines.urgent_hours");
  EXPECT_EQ(admin_->put("/api/v1/settings/kpi", serialize_with(kpi, "dispatch_limit_seconds", 30)).error_field(),
            "kpi.dispatch_limit_seconds");
  EXPECT_EQ(admin_->put("/api/v1/settings/kpi", serialize_with(kpi, "satisfied_levels", bj::array{})).error_field(),
            "kpi.satisfied_levels");
  EXPECT_EQ(admin_->put("/api/v1/settings/kpi", serialize_with(kpi, "satisfied_levels", bj::array{"happy"}))
                .error_field(),
            "kpi.satisfied_levels");
  bj::object targets = kpi.at("targets").as_object();
  targets["call_answer_rate"].as_object()["basis_points"] = 10001;
  EXPECT_EQ(admin_->put("/api/v1/settings/kpi", serialize_with(kpi, "targets", targets)).error_field(),
            "kpi.targets.call_answer_rate");
  EXPECT_EQ(admin_->put("/api/v1/settings/kpi", serialize_with(kpi, "extra", 1)).error_field(), "kpi.extra");
  auto audited = admin_->get("/api/v1/audit?subject=settings:");
  EXPECT_TRUE(parse(audited).at("items").as_array().empty());
}

TEST_F(SettingsApiTest, ManagersAndSupervisorsReadOnlyAdminsWrite) {
  auto manager = client_for("manager1");
  auto read = manager->get("/api/v1/settings");
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(client_for("supervisor1")->get("/api/v1/settings").status, 200);
  EXPECT_EQ(client_for("agent1")->get("/api/v1/settings").status, 403);
  auto doc = parse(read);
  EXPECT_EQ(manager->put("/api/v1/settings/deadlines", bj::serialize(doc.at("deadlines"))).status, 403);
  EXPECT_EQ(manager->put("/api/v1/settings/kpi", bj::serialize(doc.at("kpi"))).status, 403);
  EXPECT_EQ(TestClient(port_).get("/api/v1/settings").status, 401);
}

}  // namespace
}  // namespace hotline::net
