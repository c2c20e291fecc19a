// End to end over HTTP: the management console's reads. GET /api/v1/reports/tables (JSON, CSV and
// XLSX of the same tables `hotline report kpi` builds), GET /api/v1/dashboard and
// GET /api/v1/map/districts, with their roles.

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "net/openapi.hpp"
#include "net/openapi_validator_test_support.hpp"
#include "net/server.hpp"
#include "net/test_client.hpp"
#include "net/test_services.hpp"
#include "reporting/kpi_report.hpp"
#include "reporting/report_writers.hpp"

namespace hotline::net {
namespace {

namespace bj = boost::json;

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

class ConsoleApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TestClient::set_response_check([](std::string_view method, std::string_view target, const HttpResult& result) {
      // The validator reads JSON bodies; the CSV and XLSX downloads are checked by the tests.
      if (target.find("format=csv") != std::string_view::npos || target.find("format=xlsx") != std::string_view::npos)
        return;
      for (const auto& problem : validator().check_response(method, target, result.status, result.body))
        ADD_FAILURE() << "OpenAPI: " << problem;
    });
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    server_ = std::make_unique<Server>(options, world_.services());
    port_ = server_->start();
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
    client->set_token(std::string(parse(login).at("token").as_string()));
    return client;
  }

  // Two calls in March 2024, one answered.
  void import_calls() {
    auto manager = client_for("manager1");
    auto imported = manager->post("/api/v1/records/call", R"([
      {"offered_at":"2024-03-04T09:00:00+08:00","answered_at":"2024-03-04T09:00:12+08:00","ended_at":"2024-03-04T09:03:00+08:00","agent":"a1"},
      {"offered_at":"2024-03-04T09:01:00+08:00","ended_at":"2024-03-04T09:01:40+08:00"}])");
    ASSERT_EQ(imported.status, 201) << imported.body;
  }

  std::vector<reporting::Table> expected_tables(std::optional<int> month = std::nullopt) {
    auto report = reporting::load_kpi_report(world_.kpi_repo, 2024, world_.kpi.config(), false, month);
    EXPECT_TRUE(report.has_value());
    return report ? reporting::kpi_tables(*report) : std::vector<reporting::Table>{};
  }

  TestServices world_;
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
};

std::vector<std::string> strings(const bj::value& array) {
  std::vector<std::string> out;
  for (const auto& item : array.as_array()) out.emplace_back(item.as_string());
  return out;
}

TEST_F(ConsoleApiTest, ReportTablesAreTheTablesOfTheKpiReport) {
  import_calls();
  auto supervisor = client_for("supervisor1");
  auto answered = supervisor->get("/api/v1/reports/tables?year=2024");
  ASSERT_EQ(answered.status, 200) << answered.body;
  auto doc = parse(answered);
  EXPECT_FALSE(doc.at("evaluation").as_bool());
  EXPECT_TRUE(doc.at("month").is_null());
  const auto want = expected_tables();
  ASSERT_EQ(want.size(), 10u);  // tables 6-15
  const auto& tables = doc.at("tables").as_array();
  ASSERT_EQ(tables.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(tables[i].at("title").as_string(), want[i].title);
    EXPECT_EQ(strings(tables[i].at("header")), want[i].header);
    const auto& rows = tables[i].at("rows").as_array();
    ASSERT_EQ(rows.size(), want[i].rows.size()) << want[i].title;
    for (std::size_t r = 0; r < rows.size(); ++r) EXPECT_EQ(strings(rows[r]), want[i].rows[r]);
  }
  auto march = parse(supervisor->get("/api/v1/reports/tables?year=2024&month=3"));
  EXPECT_EQ(march.at("month").as_int64(), 3);
  EXPECT_EQ(strings(march.at("tables").as_array()[2].at("rows").as_array()[0]), expected_tables(3)[2].rows[0]);

  auto csv = supervisor->get("/api/v1/reports/tables?year=2024&format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body, reporting::render_csv(want));
  EXPECT_EQ(csv.header("Content-Disposition"), "attachment; filename=\"hotline-report-2024.csv\"");

  auto xlsx = supervisor->get("/api/v1/reports/tables?year=2024&month=3&format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  ASSERT_GT(xlsx.body.size(), 4u);
  EXPECT_EQ(xlsx.body.substr(0, 4), std::string("PK\x03\x04", 4));  // a zip
  EXPECT_NE(xlsx.body.find("xl/workbook.xml"), std::string::npos);
  EXPECT_EQ(xlsx.header("Content-Disposition"), "attachment; filename=\"hotline-report-2024-03.xlsx\"");
}

TEST_F(ConsoleApiTest, ReportTablesAddTable16OnceManagementItemsAreEntered) {
  import_calls();
  auto manager = client_for("manager1");
  auto stored = manager->put("/api/v1/evaluation-inputs/2024", R"({"budget_initial":1000,"budget_final":990,"management":{
      "立项依据充分性":10,"立项必要性":10,"项目可行性":10,"预算细化度":10,"预算规范性":10,
      "项目管理制度健全性":10,"项目风险管理":10,"完成进度及质量":10,"监管有效性":9}})");
  ASSERT_EQ(stored.status, 200) << stored.body;
  auto doc = parse(manager->get("/api/v1/reports/tables?year=2024&month=3"));
  EXPECT_TRUE(doc.at("evaluation").as_bool());
  ASSERT_EQ(doc.at("tables").as_array().size(), 11u);
  EXPECT_NE(std::string(doc.at("tables").as_array().back().at("title").as_string()).find("表16"), std::string::npos);
}

TEST_F(ConsoleApiTest, ReportTablesCheckRolesAndParameters) {
  import_calls();
  EXPECT_EQ(client_for("agent1")->get("/api/v1/reports/tables?year=2024").status, 403);
  auto manager = client_for("manager1");
  EXPECT_EQ(manager->get("/api/v1/reports/tables?year=2024&format=pdf").error_field(), "format");
  EXPECT_EQ(manager->get("/api/v1/reports/tables").error_field(), "year");
  EXPECT_EQ(manager->get("/api/v1/reports/tables?year=2023").status, 404);  // no data
}

TEST_F(ConsoleApiTest, DashboardCountsTodaysIntakeForManagersOnly) {
  auto agent = client_for("agent1");
  auto created = agent->post("/api/v1/tickets", R"({"type":"complaint","channel":"phone","title":"夜间施工噪音",
      "text":"每晚十一点后仍在施工","place":{"district":"440106","street":"440106001","address":"五山路1号"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(agent->get("/api/v1/dashboard").status, 403);

  auto manager = client_for("manager1");
  auto today = manager->get("/api/v1/dashboard");
  ASSERT_EQ(today.status, 200) << today.body;
  auto doc = parse(today);
  EXPECT_EQ(doc.at("date").as_string(), "2024-05-06");  // the test clock's day
  EXPECT_EQ(doc.at("intake").at("total").as_int64(), 1);
  EXPECT_EQ(doc.at("intake").at("by_channel").as_array()[0].at("key").as_string(), "phone");
  EXPECT_EQ(doc.at("intake").at("by_hour").as_array()[10].as_int64(), 1);  // registered at 10:00
  EXPECT_EQ(doc.at("districts").as_array()[0].at("district").as_string(), "440106");

  auto elsewhere = parse(client_for("supervisor1")->get("/api/v1/dashboard?district=440104"));
  EXPECT_EQ(elsewhere.at("intake").at("total").as_int64(), 0);
  EXPECT_EQ(elsewhere.at("district").as_string(), "440104");
  auto yesterday = parse(manager->get("/api/v1/dashboard?date=2024-05-05"));
  EXPECT_EQ(yesterday.at("intake").at("total").as_int64(), 0);

  EXPECT_EQ(manager->get("/api/v1/dashboard?date=2024-13-01").error_field(), "date");
  EXPECT_EQ(manager->get("/api/v1/dashboard?nearly_due_share=1.5").error_field(), "nearly_due_share");
  EXPECT_EQ(manager->get("/api/v1/dashboard?nearly_due_share=x").error_field(), "nearly_due_share");
  EXPECT_EQ(manager->get("/api/v1/dashboard?unit=1").error_field(), "unit");
}

TEST_F(ConsoleApiTest, MapDistrictsServesTheConfiguredGeoJson) {
  auto manager = client_for("manager1");
  auto map = manager->get("/api/v1/map/districts");
  ASSERT_EQ(map.status, 200);
  EXPECT_EQ(map.body, R"({"type":"FeatureCollection","features":[]})");
  EXPECT_EQ(client_for("agent1")->get("/api/v1/map/districts").status, 403);
}

TEST(DashboardService, MapDistrictsIsNotFoundWithoutAFile) {
  TestServices world;
  core::DashboardService without(world.ticket_repo, world.clock);
  core::Actor manager;
  manager.role = core::Role::manager;
  auto boundaries = without.district_boundaries(manager);
  ASSERT_FALSE(boundaries.has_value());
  EXPECT_EQ(boundaries.error().code, core::ErrorCode::not_found);
  EXPECT_NE(boundaries.error().message.find("--map-geojson"), std::string::npos);
}

}  // namespace
}  // namespace hotline::net
