// End to end over HTTP: tracking a portal request with a one-time code. A citizen submits, asks
// for a code (202 whatever the number), the code is read from the outbox as an admin would, the
// token shows the public view; staff handle the ticket through the API and the citizen sees the
// reply and rates it; the rating moves the KPI report as a callback does. The refusals: a wrong
// code (400 naming code, in Chinese), another ticket's token (401), the rate limits (429).

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <regex>

#include "adapters/sodium_crypto.hpp"
#include "core/citizen_notices.hpp"
#include "net/openapi.hpp"
#include "net/openapi_validator_test_support.hpp"
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

std::string field_of(const HttpResult& result) {
  auto value = parse(result);
  if (!value.is_object() || !value.as_object().contains("error")) return {};
  const auto& error = value.at("error").as_object();
  return error.contains("field") ? std::string(error.at("field").as_string()) : std::string{};
}

const OpenApiValidator& validator() {
  static const OpenApiValidator instance(openapi_document());
  return instance;
}

core::TrackingPolicy tracking_policy() {
  core::TrackingPolicy policy;
  policy.per_address = core::RateLimit{100, std::chrono::seconds{3600}, 50, 1000};
  policy.per_ticket = core::RateLimit{3, std::chrono::seconds{3600}, 3, 1000};
  return policy;
}

class PortalTrackApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    adapters::init_sodium();
    TestClient::set_response_check([](std::string_view method, std::string_view target, const HttpResult& result) {
      for (const auto& problem : validator().check_response(method, target, result.status, result.body))
        ADD_FAILURE() << "OpenAPI: " << problem;
    });
    subscription_ = world_.events.subscribe([this](const std::shared_ptr<const core::PublishedEvent>& e) {
      EXPECT_TRUE(notices_.on_event(*e).has_value());
    });
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 2;
    auto services = world_.services();
    services.portal = &portal_;
    services.tracking = &tracking_;
    server_ = std::make_unique<Server>(options, services);
    port_ = server_->start();
    citizen_ = std::make_unique<TestClient>(port_);
    admin_ = staff("admin1");
  }
  void TearDown() override {
    server_->stop();
    TestClient::set_response_check({});
  }

  std::unique_ptr<TestClient> staff(const std::string& username) {
    auto client = std::make_unique<TestClient>(port_);
    auto login = client->post("/api/v1/auth/login", R"({"username":")" + username + R"(","password":")" + kTestPassword + R"("})");
    EXPECT_EQ(login.status, 200) << login.body;
    if (login.status == 200) client->set_token(std::string(parse(login).at("token").as_string()));
    return client;
  }

  std::string solved() {
    auto issued = citizen_->post("/api/v1/portal/challenges", "");
    EXPECT_EQ(issued.status, 201) << issued.body;
    const auto body = parse(issued);
    const std::string challenge(body.at("challenge").as_string());
    const auto difficulty = static_cast<int>(body.at("difficulty").as_int64());
    for (long n = 0;; ++n)
      if (core::leading_zero_bits(crypto_.sha256(challenge + ":" + std::to_string(n))) >= difficulty)
        return R"("challenge":")" + challenge + R"(","nonce":")" + std::to_string(n) + R"(")";
  }

  std::int64_t submit(const std::string& phone = "13800138000") {
    auto submitted = citizen_->post(
        "/api/v1/portal/requests",
        R"({"type":"complaint","text":"五山路夜间施工噪音扰民，持续到凌晨两点。","place":{"district":"440106","street":"440106001"},"name":"陈女士","phone":")" +
            phone + R"(","consent":true,)" + solved() + "}");
    EXPECT_EQ(submitted.status, 201) << submitted.body;
    return parse(submitted).at("ticket_id").as_int64();
  }

  // Staff take the ticket to an approved reply through the API.
  void handle(std::int64_t id) {
    const std::string path = "/api/v1/tickets/" + std::to_string(id);
    auto agent = staff("agent1");
    auto dispatcher = staff("dispatcher1");
    auto handler = staff("tianhe1");
    ASSERT_EQ(agent->post(path + "/submit").status, 200);
    ASSERT_EQ(dispatcher->post(path + "/dispatch", R"({"lead_unit":"440106"})").status, 200);
    ASSERT_EQ(handler->post(path + "/acknowledge").status, 200);
    ASSERT_EQ(handler->post(path + "/reply", R"({"reply":"已责令施工单位夜间停工。"})").status, 200);
    auto approved = dispatcher->post(path + "/review_reply", R"({"approve":true})");
    ASSERT_EQ(approved.status, 200) << approved.body;
  }

  HttpResult ask_code(std::int64_t id, const std::string& phone = "13800138000") {
    return citizen_->post("/api/v1/portal/track/codes",
                          R"({"ticket_id":)" + std::to_string(id) + R"(,"phone":")" + phone + R"("})");
  }

  // The messages of `kind` about ticket `id` as an admin reads them in the outbox, newest first.
  std::vector<std::string> outbox(const std::string& kind, std::int64_t id) {
    auto page = admin_->get("/api/v1/notifications?kind=" + kind + "&limit=500");
    EXPECT_EQ(page.status, 200) << page.body;
    std::vector<std::string> texts;
    const auto body = parse(page);
    for (const auto& m : body.at("items").as_array())
      if (m.at("ticket_id").is_int64() && m.at("ticket_id").as_int64() == id) texts.emplace_back(m.at("text").as_string());
    return texts;
  }

  std::string code_of(std::int64_t id) {
    auto texts = outbox("one_time_code", id);
    if (texts.empty()) return {};
    std::smatch found;
    if (!std::regex_search(texts.front(), found, std::regex("验证码为 ([0-9]{6})"))) return {};
    return found[1];
  }

  HttpResult verify(std::int64_t id, const std::string& code, const std::string& phone = "13800138000") {
    return citizen_->post("/api/v1/portal/track", R"({"ticket_id":)" + std::to_string(id) + R"(,"phone":")" + phone +
                                                      R"(","code":")" + code + R"("})");
  }

  std::string token_for(std::int64_t id) {
    EXPECT_EQ(ask_code(id).status, 202);
    auto granted = verify(id, code_of(id));
    EXPECT_EQ(granted.status, 201) << granted.body;
    return granted.status == 201 ? std::string(parse(granted).at("token").as_string()) : std::string{};
  }

  HttpResult view(std::int64_t id, const std::string& token) {
    return citizen_->request("GET", "/api/v1/portal/track/" + std::to_string(id), {{"Authorization", "Track " + token}}, "");
  }
  HttpResult rate(std::int64_t id, const std::string& token, const std::string& body) {
    return citizen_->request("POST", "/api/v1/portal/track/" + std::to_string(id) + "/rating",
                             {{"Authorization", "Track " + token}, {"Content-Type", "application/json"}}, body);
  }

  std::int64_t kpi_year(const std::string& key, const std::string& part) {
    auto report = staff("supervisor1")->get("/api/v1/reports/kpi?year=2024");
    EXPECT_EQ(report.status, 200) << report.body;
    if (report.status != 200) return -1;
    return parse(report).at("kpis").at(key).at("year").at(part).as_int64();
  }

  TestServices world_;
  adapters::SodiumChallengeCrypto crypto_;
  core::PortalService portal_{world_.dispatch, world_.tickets, crypto_, world_.clock,
                              core::PortalPolicy{.proof_of_work = {.difficulty = 8}}};
  core::PortalTracking tracking_{world_.ticket_repo, world_.tickets, world_.reference, world_.notifier,
                                 crypto_,           world_.clock,   tracking_policy()};
  core::CitizenNotices notices_{world_.ticket_repo, world_.notifier};
  core::Subscription subscription_;
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
  std::unique_ptr<TestClient> citizen_;
  std::unique_ptr<TestClient> admin_;
};

TEST_F(PortalTrackApiTest, ACitizenTracksTheRequestSeesTheReplyAndRatesIt) {
  const auto id = submit();
  const auto registered = outbox("ticket_registered", id);
  ASSERT_EQ(registered.size(), 1u);
  EXPECT_NE(registered.front().find("您的诉求已受理，工单编号 " + std::to_string(id)), std::string::npos);

  auto asked = ask_code(id, "+86 138-0013-8000");
  ASSERT_EQ(asked.status, 202) << asked.body;
  const std::string code = code_of(id);
  ASSERT_EQ(code.size(), 6u) << "the admin reads the code in the outbox";
  EXPECT_NE(outbox("one_time_code", id).front().find("10 分钟内有效"), std::string::npos);
  auto granted = verify(id, code);
  ASSERT_EQ(granted.status, 201) << granted.body;
  const auto grant = parse(granted);
  const std::string token(grant.at("token").as_string());
  EXPECT_EQ(grant.at("ticket").at("step").as_string(), "accepted");
  EXPECT_EQ(grant.at("ticket").at("reply").as_string(), "");
  EXPECT_FALSE(grant.at("ticket").at("can_rate").as_bool());
  EXPECT_EQ(granted.body.find("13800138000"), std::string::npos);
  EXPECT_EQ(granted.body.find("陈女士"), std::string::npos) << "nothing personal, not even the citizen's own";

  handle(id);
  ASSERT_EQ(outbox("ticket_replied", id).size(), 1u);
  EXPECT_NE(outbox("ticket_replied", id).front().find("已答复，可凭编号查询并评价"), std::string::npos);
  auto answered = view(id, token);
  ASSERT_EQ(answered.status, 200) << answered.body;
  const auto v = parse(answered);
  EXPECT_EQ(v.at("step").as_string(), "answered");
  EXPECT_EQ(v.at("unit").as_string(), "天河区");
  EXPECT_EQ(v.at("reply").as_string(), "已责令施工单位夜间停工。");
  EXPECT_TRUE(v.at("can_rate").as_bool());
  EXPECT_EQ(answered.body.find("tianhe1"), std::string::npos) << "no staff names";
  EXPECT_EQ(answered.body.find("dispatcher1"), std::string::npos);

  auto rated = rate(id, token, R"({"level":"satisfied"})");
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(parse(rated).at("rating").as_string(), "satisfied");
  EXPECT_EQ(parse(rated).at("step").as_string(), "closed");
  auto twice = rate(id, token, R"({"level":"dissatisfied","reason":"还是吵"})");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(field_of(twice), "level");
  auto ticket = staff("dispatcher1")->get("/api/v1/tickets/" + std::to_string(id));
  ASSERT_EQ(ticket.status, 200);
  EXPECT_EQ(parse(ticket).at("rating").as_string(), "satisfied");
  EXPECT_EQ(parse(ticket).at("state").as_string(), "closed");
}

TEST_F(PortalTrackApiTest, ADissatisfiedPortalRatingMovesTheKpiAsACallbackDoes) {
  // A phone callback rated dissatisfied first, for the figures to compare with.
  const auto by_callback = submit("13900139000");
  handle(by_callback);
  auto called = staff("callback1")->post("/api/v1/tickets/" + std::to_string(by_callback) + "/callback",
                                          R"({"rating":"dissatisfied","reason":"夜间仍有噪音"})");
  ASSERT_EQ(called.status, 200) << called.body;
  EXPECT_EQ(kpi_year("dissatisfied_callback_rate", "denominator"), 1);
  EXPECT_EQ(kpi_year("dissatisfied_callback_rate", "numerator"), 1);

  const auto id = submit();
  handle(id);
  const std::string token = token_for(id);
  auto no_reason = rate(id, token, R"({"level":"dissatisfied"})");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(field_of(no_reason), "reason");
  EXPECT_EQ(field_of(rate(id, token, R"({"level":"very_satisfied"})")), "level");
  auto rated = rate(id, token, R"({"level":"dissatisfied","reason":"夜里仍在施工"})");
  ASSERT_EQ(rated.status, 200) << rated.body;
  EXPECT_EQ(kpi_year("dissatisfied_callback_rate", "denominator"), 2) << "as the callback above";
  EXPECT_EQ(kpi_year("dissatisfied_callback_rate", "numerator"), 2);
  auto redo = staff("callback1")->post("/api/v1/tickets/" + std::to_string(id) + "/redo", R"({"reason":"市民不满意"})");
  EXPECT_EQ(redo.status, 200) << redo.body;
}

TEST_F(PortalTrackApiTest, WrongCodesOtherTicketsAndFloodsGetNothing) {
  const auto id = submit();
  const auto other = submit("13900139000");
  // Another person's ticket with my number: the same 202, and no code is sent.
  EXPECT_EQ(ask_code(other).status, 202);
  EXPECT_TRUE(outbox("one_time_code", other).empty());
  EXPECT_EQ(ask_code(other + 100).status, 202);
  auto bad_phone = ask_code(id, "12345");
  EXPECT_EQ(bad_phone.status, 400);
  EXPECT_EQ(field_of(bad_phone), "phone");

  ASSERT_EQ(ask_code(id).status, 202);
  const std::string code = code_of(id);
  auto wrong = verify(id, code == "000000" ? "000001" : "000000");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(field_of(wrong), "code");
  EXPECT_NE(wrong.body.find("验证码错误"), std::string::npos) << wrong.body;
  auto other_code = verify(other, code, "13900139000");
  EXPECT_EQ(other_code.status, 400) << "no code was sent for that ticket";
  const std::string token = std::string(parse(verify(id, code)).at("token").as_string());
  auto elsewhere = view(other, token);
  EXPECT_EQ(elsewhere.status, 401);
  EXPECT_EQ(field_of(elsewhere), "authorization");
  EXPECT_EQ(elsewhere.body.find("五山路"), std::string::npos);
  EXPECT_EQ(rate(other, token, R"({"level":"satisfied"})").status, 401);
  EXPECT_EQ(citizen_->get("/api/v1/portal/track/" + std::to_string(id)).status, 401);

  // Three codes an hour per ticket here (one above): the fourth is refused with Retry-After.
  EXPECT_EQ(ask_code(id).status, 202);
  EXPECT_EQ(ask_code(id).status, 202);
  auto limited = ask_code(id);
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(field_of(limited), "ticket_id");
  EXPECT_FALSE(limited.header("Retry-After").empty());
  EXPECT_NE(limited.body.find("后再试"), std::string::npos);
}

}  // namespace
}  // namespace hotline::net
