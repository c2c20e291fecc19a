// End to end over HTTP: registration with dispatch suggestions from a tiny model trained here,
// POST /classify, catalogue edits and their permissions, the unclassified degraded mode and its
// metric, and 400s naming the field. Real core services over memory storage (net::TestServices),
// the real text adapters, the real server on port 0.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include <boost/json/parse.hpp>

#include "tools/dispatch_setup.hpp"
#include "adapters/text_adapters.hpp"
#include "net/openapi.hpp"
#include "net/openapi_validator_test_support.hpp"
#include "net/server.hpp"
#include "net/test_client.hpp"
#include "net/test_services.hpp"
#include "text/divisions.hpp"
#include "text/labelled_file.hpp"

namespace hotline::app {
namespace {

using adapters::DivisionPlaceFinder;
using adapters::IndexDuplicateFinder;
using adapters::ModelClassifier;
using namespace hotline::tools;  // the training helpers this test drives

namespace bj = boost::json;

// Trained once for the suite (deterministic); immutable, so the tests share it.
std::shared_ptr<const text::LinearClassifier> tiny_model() {
  static const auto model = [] {
    text::TrainOptions options;
    options.min_df = 1;
    options.calibration_folds = 2;
    auto trained = text::LinearClassifier::train(
        text::read_labelled_file(std::string(HOTLINE_TEXT_TEST_DATA) + "/tiny_corpus.csv"), options);
    return std::make_shared<const text::LinearClassifier>(std::move(trained.classifier));
  }();
  return model;
}

const text::CityDivisions& guangzhou() {
  static const text::CityDivisions city =
      text::read_city_divisions(std::string(HOTLINE_DATA_DIR) + "/divisions", "4401");
  return city;
}

constexpr const char* kTrafficTicket =
    R"({"type":"complaint","channel":"phone","title":"公交车站点太远",
        "text":"小区附近的公交车站距离太远，早晚高峰路口拥堵，希望增设公交站点。",
        "place":{"district":"440106","street":"440106001","address":"五山路1号"}})";

class DispatchApiTest : public ::testing::Test {
 protected:
  explicit DispatchApiTest(bool with_model = true)
      : classifier_(with_model ? std::make_unique<ModelClassifier>(tiny_model()) : std::make_unique<ModelClassifier>()),
        places_(guangzhou()),
        world_(core::DispatchAids{classifier_.get(), &places_, &duplicates_, &unit_classifier_}) {}

  void SetUp() override {
    for (const auto& [id, name] :
         {std::pair{"dept-jtj", "市交通运输局"}, {"dept-edu", "市教育局"}, {"dept-sthj", "市生态环境局"}}) {
      ASSERT_TRUE(world_.reference.save_unit({id, "440100", core::UnitKind::department, name, true}));
    }
    // The catalogue rules below name these first levels (rows of data/taxonomy/categories.csv).
    ASSERT_TRUE(world_.reference.import(
        {}, {{"环境保护", "环保管理", "环境监测"}, {"教育文体", "教师队伍和待遇", "企业教师"}}, {}));
    net::ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    server_ = std::make_unique<net::Server>(options, world_.services());
    port_ = server_->start();
    // Every answer is the documented one (the registration's dispatch advice included).
    static const net::OpenApiValidator validator(net::openapi_document());
    net::TestClient::set_response_check([](std::string_view method, std::string_view target,
                                           const net::HttpResult& result) {
      for (const auto& problem : validator.check_response(method, target, result.status, result.body))
        ADD_FAILURE() << "OpenAPI: " << problem;
    });
  }
  void TearDown() override {
    server_->stop();
    net::TestClient::set_response_check({});
  }

  std::unique_ptr<net::TestClient> client_for(const std::string& username) {
    auto client = std::make_unique<net::TestClient>(port_);
    auto login = client->post("/api/v1/auth/login",
                              R"({"username":")" + username + R"(","password":")" + net::kTestPassword + R"("})");
    EXPECT_EQ(login.status, 200) << login.body;
    client->set_token(std::string(bj::parse(login.body).at("token").as_string()));
    return client;
  }

  void put_rule(const std::string& id, const std::string& body) {
    auto stored = client_for("dispatcher1")->put("/api/v1/dispatch-catalogue/" + id, body);
    ASSERT_EQ(stored.status, 200) << stored.body;
  }

  static std::string error_field(const net::HttpResult& result) {
    auto body = bj::parse(result.body);
    const auto& error = body.at("error").as_object();
    return error.contains("field") ? std::string(error.at("field").as_string()) : std::string{};
  }

  std::unique_ptr<ModelClassifier> classifier_;
  ModelClassifier unit_classifier_{std::size_t{0}};  // as the server has it; no model unless a test trains one
  DivisionPlaceFinder places_;
  IndexDuplicateFinder duplicates_;
  net::TestServices world_;
  std::unique_ptr<net::Server> server_;
  unsigned short port_ = 0;
};

class DispatchApiWithoutModelTest : public DispatchApiTest {
 protected:
  DispatchApiWithoutModelTest() : DispatchApiTest(false) {}
};

TEST_F(DispatchApiTest, RegistrationSuggestsUnitsFromTheModelTheCatalogueAndThePlace) {
  put_rule("jtys", R"({"category":"交通运输","lead_unit":"dept-jtj","place_co_handles":true})");
  put_rule("hjbh", R"({"category":"环境保护","lead_unit":"dept-sthj"})");
  auto agent = client_for("agent1");
  auto created = agent->post("/api/v1/tickets", kTrafficTicket);
  ASSERT_EQ(created.status, 201) << created.body;
  auto body = bj::parse(created.body);
  EXPECT_EQ(body.at("classification").at("label").as_string(), "交通运输");
  EXPECT_GE(body.at("classification").at("top").as_array().size(), 1u);
  const auto& suggestions = body.at("dispatch_suggestions").as_array();
  ASSERT_GE(suggestions.size(), 2u);
  EXPECT_LE(suggestions.size(), 3u);
  EXPECT_EQ(suggestions[0].at("unit_id").as_string(), "dept-jtj");
  EXPECT_EQ(suggestions[0].at("unit_name").as_string(), "市交通运输局");
  EXPECT_GT(suggestions[0].at("score").as_double(), suggestions[1].at("score").as_double());
  EXPECT_EQ(suggestions[1].at("unit_id").as_string(), "440106");  // the place's district co-handles
  // Scores come with four decimals, written as people read them ("0.9735", not "9.735E-1").
  const double score = body.at("classification").at("score").as_double();
  EXPECT_NEAR(score * 10000.0, std::round(score * 10000.0), 1e-6);
  EXPECT_EQ(created.body.find("E-"), std::string::npos) << created.body;
  std::string reasons;
  for (const auto& reason : suggestions[0].at("reasons").as_array()) reasons += std::string(reason.as_string()) + ";";
  EXPECT_NE(reasons.find("jtys"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("交通运输"), std::string::npos) << reasons;
  EXPECT_TRUE(body.at("possible_duplicates").as_array().empty());
  EXPECT_EQ(body.at("caller").at("phone").as_string(), "");  // still the ticket, masked as before

  // The same matter again: the first ticket is offered for merging.
  auto again = agent->post("/api/v1/tickets", kTrafficTicket);
  ASSERT_EQ(again.status, 201) << again.body;
  auto again_body = bj::parse(again.body);
  const auto& duplicates = again_body.at("possible_duplicates").as_array();
  ASSERT_EQ(duplicates.size(), 1u) << again.body;
  EXPECT_EQ(duplicates[0].at("id").as_int64(), body.at("id").as_int64());
  EXPECT_GT(duplicates[0].at("similarity").as_double(), 0.9);
}

TEST_F(DispatchApiTest, ClassifyAnswersForFreeTextWithThePlaceFound) {
  put_rule("jtys", R"({"category":"交通运输","lead_unit":"dept-jtj","place_co_handles":true})");
  auto result = client_for("agent1")->post(
      "/api/v1/classify", R"({"title":"出租车拒载","text":"天河区火车站出租车经常拒载，司机挑客绕路。"})");
  ASSERT_EQ(result.status, 200) << result.body;
  auto body = bj::parse(result.body);
  EXPECT_EQ(body.at("classification").at("label").as_string(), "交通运输");
  EXPECT_EQ(body.at("place").at("district").as_string(), "440106");
  EXPECT_EQ(body.at("place").at("source").as_string(), "text");
  const auto& suggestions = body.at("dispatch_suggestions").as_array();
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions[0].at("unit_id").as_string(), "dept-jtj");
  // Which words: the model's evidence, in the classification and in the suggestion's reasons.
  const auto& words = body.at("classification").at("top").at(0).at("words").as_array();
  ASSERT_FALSE(words.empty());
  const std::string first_word(words[0].as_string());
  EXPECT_NE(std::string("出租车拒载天河区火车站出租车经常拒载司机挑客绕路").find(first_word), std::string::npos) << first_word;
  const std::string reason(suggestions[0].at("reasons").at(0).as_string());
  EXPECT_NE(reason.find("关键词: " + first_word), std::string::npos) << reason;
}

// A retired category is never offered: the classifier's labels drop it and the catalogue rule
// naming it suggests nothing; restored, both come back.
TEST_F(DispatchApiTest, ARetiredCategoryIsNeitherClassifiedNorSuggested) {
  put_rule("jtys", R"({"category":"交通运输","lead_unit":"dept-jtj","place_co_handles":true})");
  auto admin = client_for("admin1");
  const std::string message = R"({"title":"出租车拒载","text":"天河区火车站出租车经常拒载，司机挑客绕路。"})";
  ASSERT_EQ(admin->post("/api/v1/categories/retire", R"({"path":"交通运输","retired":true})").status, 200);
  auto retired = client_for("agent1")->post("/api/v1/classify", message);
  ASSERT_EQ(retired.status, 200) << retired.body;
  auto body = bj::parse(retired.body);
  EXPECT_NE(body.at("classification").at("label").as_string(), "交通运输");
  for (const auto& top : body.at("classification").at("top").as_array())
    EXPECT_NE(top.at("label").as_string(), "交通运输");
  for (const auto& suggestion : body.at("dispatch_suggestions").as_array())
    EXPECT_NE(suggestion.at("unit_id").as_string(), "dept-jtj");

  ASSERT_EQ(admin->post("/api/v1/categories/retire", R"({"path":"交通运输","retired":false})").status, 200);
  auto restored = bj::parse(client_for("agent1")->post("/api/v1/classify", message).body);
  EXPECT_EQ(restored.at("classification").at("label").as_string(), "交通运输");
  EXPECT_EQ(restored.at("dispatch_suggestions").at(0).at("unit_id").as_string(), "dept-jtj");
}

// Learning from the hotline's own decisions: stored tickets whose dispatch stood train the model
// of lead units (as `hotline train --from-db --target unit` and `hotline demo` do); a returned
// dispatch teaches nothing; the suggestions then weigh the learned units, with their words.
TEST_F(DispatchApiTest, UnitsLearnedFromStoredDispatchesWeighInTheSuggestions) {
  const std::map<std::string, std::string> unit_of{
      {"交通运输", "dept-jtj"}, {"教育文体", "dept-edu"}, {"环境保护", "dept-sthj"}};
  std::vector<core::ImportedTicket> batch;
  auto add = [&](const text::LabelledText& message, const std::string& unit, bool returned) {
    core::ImportedTicket imported;
    core::Ticket& t = imported.ticket;
    t.title = message.title;
    t.text = message.text;
    t.category = message.label;
    t.state = core::TicketState::in_progress;
    t.created_at = t.updated_at = t.deadline = world_.clock.now();
    t.lead_unit = unit;
    t.dispatch_count = returned ? 2 : 1;
    t.wrong_dispatch_count = returned ? 1 : 0;
    core::TicketEvent registered;  // the history is not what this test is about: one event
    registered.at = t.created_at;
    imported.events.push_back(registered);
    batch.push_back(std::move(imported));
  };
  const auto corpus = text::read_labelled_file(std::string(HOTLINE_TEXT_TEST_DATA) + "/tiny_corpus.csv");
  for (int copy = 0; copy < 2; ++copy) {  // 20 dispatches per unit: kMinUnitDispatches
    for (const auto& message : corpus) add(message, unit_of.at(message.label), false);
  }
  for (const auto& message : corpus) add(message, "440106", true);  // returned: not learned
  ASSERT_TRUE(world_.ticket_repo.import_tickets(batch));

  const auto rows = labelled_from_tickets(world_.ticket_repo, TicketLabel::lead_unit);
  ASSERT_EQ(rows.size(), 2 * corpus.size());
  EXPECT_EQ(rows[0].label, unit_of.at(corpus.back().label));  // newest first
  EXPECT_EQ(labelled_from_tickets(world_.ticket_repo, TicketLabel::category, 5).size(), 5u);
  auto trained = train_unit_model(world_.ticket_repo);
  EXPECT_EQ(trained.stats.labels, 3u);
  unit_classifier_.set_model(std::move(trained.classifier));

  // No catalogue rule: the learned units alone point to the department.
  auto result = client_for("agent1")->post("/api/v1/classify", R"({"title":"出租车拒载","text":"火车站出租车经常拒载，司机绕路。"})");
  ASSERT_EQ(result.status, 200) << result.body;
  auto body = bj::parse(result.body);
  const auto& suggestions = body.at("dispatch_suggestions").as_array();
  ASSERT_FALSE(suggestions.empty()) << result.body;
  EXPECT_EQ(suggestions[0].at("unit_id").as_string(), "dept-jtj") << result.body;
  const std::string reason(suggestions[0].at("reasons").at(0).as_string());
  EXPECT_EQ(reason.rfind("历史派单 相似工单由该单位办理 (", 0), 0u) << reason;
  for (const auto& suggestion : suggestions) EXPECT_NE(suggestion.at("unit_id").as_string(), "440106") << result.body;

  // A rule for the category and the learned unit agree: the department leads with both reasons.
  put_rule("jtys", R"({"category":"交通运输","lead_unit":"dept-jtj"})");
  result = client_for("agent1")->post("/api/v1/classify", R"({"title":"出租车拒载","text":"火车站出租车经常拒载，司机绕路。"})");
  body = bj::parse(result.body);
  const auto& both = body.at("dispatch_suggestions").at(0).at("reasons").as_array();
  EXPECT_EQ(body.at("dispatch_suggestions").at(0).at("unit_id").as_string(), "dept-jtj");
  ASSERT_EQ(both.size(), 3u) << result.body;  // model category, catalogue rule, learned unit
}

TEST(DispatchSetup, DropRareLabelsKeepsLabelsWithEnoughRows) {
  std::vector<text::LabelledText> rows{{"", "a", "x"}, {"", "b", "x"}, {"", "c", "y"}};
  EXPECT_EQ(drop_rare_labels(rows, 2), 1u);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].label, "x");
  rows = {{"", "a", "x"}, {"", "b", "y"}, {"", "c", "y"}, {"", "d", "z"}, {"", "e", "w"}};
  EXPECT_EQ(drop_rare_labels(rows, 1, 2), 2u);  // y (2 rows), then w before x and z
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].label, "y");
  EXPECT_EQ(rows[2].label, "w");
}

TEST_F(DispatchApiTest, CatalogueIsEditedByDispatchersAndAdminsOnly) {
  const std::string rule = R"({"category":"教育文体","lead_unit":"dept-edu"})";
  EXPECT_EQ(client_for("tianhe1")->put("/api/v1/dispatch-catalogue/jywt", rule).status, 403);
  EXPECT_EQ(client_for("agent1")->put("/api/v1/dispatch-catalogue/jywt", rule).status, 403);
  EXPECT_EQ(client_for("admin1")->put("/api/v1/dispatch-catalogue/jywt", rule).status, 200);
  auto dispatcher = client_for("dispatcher1");
  EXPECT_EQ(dispatcher->put("/api/v1/dispatch-catalogue/jywt-2", rule).status, 200);

  auto listed = client_for("tianhe1")->get("/api/v1/dispatch-catalogue");
  ASSERT_EQ(listed.status, 200);
  auto listed_body = bj::parse(listed.body);
  const auto& items = listed_body.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("id").as_string(), "jywt");
  EXPECT_EQ(items[0].at("lead_unit").as_string(), "dept-edu");

  EXPECT_EQ(client_for("tianhe1")->request("DELETE", "/api/v1/dispatch-catalogue/jywt").status, 403);
  EXPECT_EQ(dispatcher->request("DELETE", "/api/v1/dispatch-catalogue/jywt").status, 200);
  EXPECT_EQ(dispatcher->request("DELETE", "/api/v1/dispatch-catalogue/jywt").status, 404);
}

TEST_F(DispatchApiTest, BadInputIsRefusedNamingTheField) {
  auto agent = client_for("agent1");
  auto no_text = agent->post("/api/v1/classify", R"({"title":"只有标题"})");
  EXPECT_EQ(no_text.status, 400);
  EXPECT_EQ(error_field(no_text), "text");
  auto wrong_type = agent->post("/api/v1/classify", R"({"text":42})");
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(error_field(wrong_type), "text");
  auto unknown = agent->post("/api/v1/classify", R"({"text":"x","colour":"red"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(error_field(unknown), "colour");

  auto dispatcher = client_for("dispatcher1");
  auto no_lead = dispatcher->put("/api/v1/dispatch-catalogue/r1", R"({"category":"交通运输"})");
  EXPECT_EQ(no_lead.status, 400);
  EXPECT_EQ(error_field(no_lead), "lead_unit");
  auto unknown_unit = dispatcher->put("/api/v1/dispatch-catalogue/r1", R"({"lead_unit":"dept-nowhere"})");
  EXPECT_EQ(unknown_unit.status, 400);
  EXPECT_EQ(error_field(unknown_unit), "lead_unit");
  auto bad_co =
      dispatcher->put("/api/v1/dispatch-catalogue/r1", R"({"lead_unit":"dept-jtj","co_units":["dept-edu",3]})");
  EXPECT_EQ(bad_co.status, 400);
  EXPECT_EQ(error_field(bad_co), "co_units[1]");
  auto bad_id = dispatcher->put("/api/v1/dispatch-catalogue/Bad%20Id", R"({"lead_unit":"dept-jtj"})");
  EXPECT_EQ(bad_id.status, 400);
  EXPECT_EQ(error_field(bad_id), "id");
  auto bad_category = dispatcher->put("/api/v1/dispatch-catalogue/r1", R"({"category":"a//b","lead_unit":"dept-jtj"})");
  EXPECT_EQ(bad_category.status, 400);
  EXPECT_EQ(error_field(bad_category), "category");
  // A rule's category is one of the taxonomy's too, or it would never match a ticket (issue #11).
  auto unknown_category =
      dispatcher->put("/api/v1/dispatch-catalogue/r1", R"({"category":"交通运输/噪音","lead_unit":"dept-jtj"})");
  EXPECT_EQ(unknown_category.status, 400);
  EXPECT_EQ(error_field(unknown_category), "category");
}

TEST_F(DispatchApiWithoutModelTest, TicketsRegisterUnclassifiedAndTheMetricCountsThem) {
  put_rule("jtys", R"({"category":"交通运输","lead_unit":"dept-jtj"})");
  auto created = client_for("agent1")->post("/api/v1/tickets", kTrafficTicket);
  ASSERT_EQ(created.status, 201) << created.body;
  auto body = bj::parse(created.body);
  EXPECT_TRUE(body.at("classification").is_null());
  // No category and no model: only the place remains (属地 fallback).
  const auto& suggestions = body.at("dispatch_suggestions").as_array();
  ASSERT_EQ(suggestions.size(), 1u);
  EXPECT_EQ(suggestions[0].at("unit_id").as_string(), "440106");

  net::TestClient anonymous(port_);
  auto metrics = anonymous.get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.header("Content-Type").find("text/plain"), std::string::npos);
  EXPECT_NE(metrics.body.find("hotline_unclassified_total 1\n"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("hotline_classified_total 0\n"), std::string::npos) << metrics.body;
}

TEST_F(DispatchApiWithoutModelTest, ARegisteredCategoryStillGivesSuggestions) {
  put_rule("jtys", R"({"category":"交通运输","lead_unit":"dept-jtj"})");
  auto created = client_for("agent1")->post(
      "/api/v1/tickets", R"({"type":"complaint","channel":"phone","title":"公交","category":"交通运输/公共交通"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto body = bj::parse(created.body);
  const auto& suggestions = body.at("dispatch_suggestions").as_array();
  ASSERT_EQ(suggestions.size(), 1u);
  EXPECT_EQ(suggestions[0].at("unit_id").as_string(), "dept-jtj");
  EXPECT_DOUBLE_EQ(suggestions[0].at("score").as_double(), 1.0);
}

}  // namespace
}  // namespace hotline::app
