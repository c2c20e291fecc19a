#include <gtest/gtest.h>

#include <future>
#include <thread>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "net/server.hpp"
#include "net/test_client.hpp"
#include "net/test_services.hpp"

namespace hotline::net {
namespace {

namespace bj = boost::json;

constexpr std::size_t kTestBodyLimit = 64 * 1024;

bj::value parse(const HttpResult& result) {
  boost::system::error_code ec;
  auto value = bj::parse(result.body, ec);
  EXPECT_FALSE(ec) << "not JSON: " << result.body;
  return value;
}

// Asserts the one error shape and returns its code.
std::string error_code_of(const HttpResult& result) {
  auto value = parse(result);
  if (!value.is_object() || !value.as_object().contains("error")) {
    ADD_FAILURE() << "no error object: " << result.body;
    return {};
  }
  const auto& error = value.at("error").as_object();
  EXPECT_TRUE(error.at("message").is_string());
  return std::string(error.at("code").as_string());
}

std::string error_field_of(const HttpResult& result) {
  auto value = parse(result);
  const auto& error = value.at("error").as_object();
  return error.contains("field") ? std::string(error.at("field").as_string()) : std::string{};
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 4;
    options.max_body_bytes = kTestBodyLimit;
    server_ = std::make_unique<Server>(options, world_.services());
    port_ = server_->start();
  }
  void TearDown() override { server_->stop(); }

  // A client signed in as `username`.
  std::unique_ptr<TestClient> client_for(const std::string& username) {
    auto client = std::make_unique<TestClient>(port_);
    auto login = client->post("/api/v1/auth/login",
                              R"({"username":")" + username + R"(","password":")" + kTestPassword + R"("})");
    EXPECT_EQ(login.status, 200) << login.body;
    client->set_token(std::string(parse(login).at("token").as_string()));
    return client;
  }

  // POST /tickets/{id}/{action}; returns the new state, or the error code prefixed with "!".
  std::string act(TestClient& client, std::int64_t id, const std::string& action, const std::string& body = "") {
    auto result = client.post("/api/v1/tickets/" + std::to_string(id) + "/" + action, body);
    if (result.status != 200) return "!" + std::to_string(result.status) + " " + result.body;
    return std::string(parse(result).at("state").as_string());
  }

  std::int64_t register_ticket(TestClient& agent) {
    auto created = agent.post("/api/v1/tickets", R"({"type":"complaint","channel":"phone","title":"夜间施工噪音",
        "text":"每晚十一点后仍在施工","caller":{"name":"张三","phone":"13800138000","confidential":true},
        "place":{"district":"440106","street":"440106001","address":"五山路1号"}})");
    EXPECT_EQ(created.status, 201) << created.body;
    return parse(created).at("id").as_int64();
  }

  void expect_still_serving() {
    TestClient fresh(port_);
    auto health = fresh.get("/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.body, R"({"status":"ok"})");
  }

  TestServices world_;
  std::unique_ptr<Server> server_;
  unsigned short port_ = 0;
};

TEST_F(ServerTest, HealthzAndOpenApiAreOpenAndJson) {
  TestClient client(port_);
  auto health = client.get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.header("Content-Type"), "application/json; charset=utf-8");
  auto openapi = client.get("/api/v1/openapi.json");
  EXPECT_EQ(openapi.status, 200);
  EXPECT_EQ(parse(openapi).at("openapi").as_string(), "3.0.3");
  EXPECT_TRUE(openapi.keep_alive);
}

TEST_F(ServerTest, LoginMeLogout) {
  TestClient client(port_);
  auto wrong = client.post("/api/v1/auth/login", R"({"username":"agent1","password":"nope-nope"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(error_code_of(wrong), "unauthenticated");

  auto login = client.post("/api/v1/auth/login", R"({"username":"agent1","password":"password-123"})");
  ASSERT_EQ(login.status, 200) << login.body;
  auto body = parse(login);
  EXPECT_EQ(body.at("user").at("username").as_string(), "agent1");
  EXPECT_EQ(body.at("expires_at").as_string(), "2024-05-06T22:00:00+08:00");
  EXPECT_EQ(login.body.find("password"), std::string::npos);

  client.set_token(std::string(body.at("token").as_string()));
  auto me = client.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(parse(me).at("role").as_string(), "agent");
  EXPECT_EQ(client.post("/api/v1/auth/logout").status, 200);
  EXPECT_EQ(client.get("/api/v1/me").status, 401);
}

TEST_F(ServerTest, RepeatedFailedSignInsGet429WithRetryAfterAndAreAudited) {
  TestClient client(port_);
  const std::string wrong = R"({"username":"agent1","password":"nope-nope-nope"})";
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.post("/api/v1/auth/login", wrong).status, 401);
  auto locked =
      client.post("/api/v1/auth/login", R"({"username":"agent1","password":")" + std::string(kTestPassword) + R"("})");
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(error_code_of(locked), "rate_limited");
  EXPECT_EQ(locked.header("Retry-After"), "30");
  EXPECT_NE(parse(locked).at("error").at("message").as_string().find("try again in 30 seconds"), std::string::npos)
      << locked.body;
  // The address comes from the socket, not from a header the client writes.
  auto trail = world_.audit_repo.list(core::AuditQuery{});
  ASSERT_TRUE(trail);
  ASSERT_EQ(trail->size(), 5u);
  EXPECT_EQ(trail->front().action, "login_failed");
  EXPECT_EQ(trail->front().reason, "from 127.0.0.1: wrong password; sign-in locked for 30 seconds");
  world_.clock.advance(std::chrono::seconds{30});
  auto later =
      client.post("/api/v1/auth/login", R"({"username":"agent1","password":")" + std::string(kTestPassword) + R"("})");
  EXPECT_EQ(later.status, 200) << later.body;
}

TEST_F(ServerTest, EverySignedInRouteIs401WithoutAToken) {
  TestClient client(port_);
  for (const auto& [method, target] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/api/v1/me"},
                                                        {"POST", "/api/v1/tickets"},
                                                        {"GET", "/api/v1/tickets"},
                                                        {"GET", "/api/v1/tickets/1"},
                                                        {"GET", "/api/v1/tickets/1/history"},
                                                        {"POST", "/api/v1/tickets/1/submit"},
                                                        {"GET", "/api/v1/units"},
                                                        {"PUT", "/api/v1/units/x"},
                                                        {"GET", "/api/v1/categories"},
                                                        {"GET", "/api/v1/calendar"},
                                                        {"PUT", "/api/v1/calendar/days"},
                                                        {"PUT", "/api/v1/calendar/notice"},
                                                        {"GET", "/api/v1/deadline-preview"},
                                                        {"POST", "/api/v1/users"},
                                                        {"GET", "/api/v1/users"},
                                                        {"POST", "/api/v1/auth/logout"}}) {
    auto result = client.request(method, target, "{}");
    EXPECT_EQ(result.status, 401) << method << " " << target;
    EXPECT_EQ(error_code_of(result), "unauthenticated");
  }
}

TEST_F(ServerTest, WholeLifecycleThroughHttp) {
  auto agent = client_for("agent1");
  auto dispatcher = client_for("dispatcher1");
  auto handler = client_for("tianhe1");
  auto callback = client_for("callback1");
  auto supervisor = client_for("supervisor1");

  auto id = register_ticket(*agent);
  auto fetched = agent->get("/api/v1/tickets/" + std::to_string(id));
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(parse(fetched).at("state").as_string(), "registered");
  EXPECT_EQ(parse(fetched).at("created_at").as_string(), "2024-05-06T10:00:00+08:00");

  EXPECT_EQ(act(*agent, id, "submit"), "pending_review");
  EXPECT_EQ(act(*dispatcher, id, "review", R"({"approve":true,"category":"城乡建设/住房保障"})"), "pending_review");
  EXPECT_EQ(act(*dispatcher, id, "dispatch", R"({"lead_unit":"440106","co_units":["dept-housing"]})"), "dispatched");
  EXPECT_EQ(act(*handler, id, "acknowledge"), "acknowledged");
  EXPECT_EQ(act(*handler, id, "handle", R"({"note":"已约谈施工方"})"), "in_progress");
  EXPECT_EQ(act(*handler, id, "request_extension", R"({"reason":"需协调","extension_days":5})"), "extension_requested");
  EXPECT_EQ(act(*supervisor, id, "approve_extension"), "in_progress");
  EXPECT_EQ(act(*supervisor, id, "supervise", R"({"reason":"请加快","note":"督办一次"})"), "in_progress");
  EXPECT_EQ(act(*handler, id, "reply", R"({"reply":"已责令夜间停工"})"), "replied");
  EXPECT_EQ(act(*dispatcher, id, "review_reply", R"({"approve":true})"), "callback_pending");
  EXPECT_EQ(act(*callback, id, "callback", R"({"rating":"dissatisfied"})"), "closed");
  EXPECT_EQ(act(*callback, id, "redo", R"({"reason":"市民反映仍有噪音"})"), "dispatched");
  EXPECT_EQ(act(*handler, id, "acknowledge"), "acknowledged");
  EXPECT_EQ(act(*handler, id, "reply", R"({"reply":"已查处"})"), "replied");
  EXPECT_EQ(act(*dispatcher, id, "review_reply", R"({"approve":true})"), "callback_pending");
  EXPECT_EQ(act(*callback, id, "callback", R"({"rating":"satisfied"})"), "closed");
  EXPECT_EQ(act(*supervisor, id, "archive"), "archived");

  // Refusals from core come through the one error shape.
  auto conflict = agent->post("/api/v1/tickets/" + std::to_string(id) + "/submit");
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(error_code_of(conflict), "conflict");
  auto forbidden = agent->post("/api/v1/tickets/" + std::to_string(id) + "/dispatch", R"({"lead_unit":"440106"})");
  EXPECT_EQ(forbidden.status, 403);

  auto history = supervisor->get("/api/v1/tickets/" + std::to_string(id) + "/history");
  ASSERT_EQ(history.status, 200);
  auto items = parse(history).at("items").as_array();
  ASSERT_EQ(items.size(), 18u);
  EXPECT_EQ(items.front().at("action").as_string(), "register");
  EXPECT_EQ(items.back().at("action").as_string(), "archive");
  // The caller asked for confidentiality: the supervisor sees a masked contact.
  EXPECT_EQ(items.front().at("payload").at("caller_phone").as_string(), "138****8000");

  auto ticket = parse(supervisor->get("/api/v1/tickets/" + std::to_string(id)));
  EXPECT_EQ(ticket.at("redo_count").as_int64(), 1);
  EXPECT_EQ(ticket.at("rating").as_string(), "satisfied");
  EXPECT_EQ(ticket.at("category").as_string(), "城乡建设/住房保障");
}

TEST_F(ServerTest, ListsFilterAndPage) {
  auto agent = client_for("agent1");
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(register_ticket(*agent));
  auto first = agent->get("/api/v1/tickets?limit=2");
  ASSERT_EQ(first.status, 200) << first.body;
  auto page = parse(first);
  ASSERT_EQ(page.at("items").as_array().size(), 2u);
  EXPECT_EQ(page.at("items").as_array()[0].at("id").as_int64(), ids[2]);
  ASSERT_TRUE(page.at("next_after").is_int64());
  auto second = parse(agent->get("/api/v1/tickets?limit=2&after=" + std::to_string(page.at("next_after").as_int64())));
  ASSERT_EQ(second.at("items").as_array().size(), 1u);
  EXPECT_EQ(second.at("items").as_array()[0].at("id").as_int64(), ids[0]);

  EXPECT_EQ(agent->get("/api/v1/tickets?state=registered&type=complaint&q=%E5%99%AA").status, 200);
  EXPECT_EQ(parse(agent->get("/api/v1/tickets?type=praise")).at("items").as_array().size(), 0u);
  auto bad = agent->get("/api/v1/tickets?limit=0");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_field_of(bad), "limit");
}

TEST_F(ServerTest, UnitHandlerSeesOnlyItsDistrict) {
  auto agent = client_for("agent1");
  auto dispatcher = client_for("dispatcher1");
  auto tianhe = client_for("tianhe1");
  auto yuexiu = client_for("yuexiu1");
  auto id = register_ticket(*agent);
  ASSERT_EQ(act(*agent, id, "submit"), "pending_review");
  ASSERT_EQ(act(*dispatcher, id, "dispatch", R"({"lead_unit":"440106"})"), "dispatched");
  std::string path = "/api/v1/tickets/" + std::to_string(id);

  EXPECT_EQ(tianhe->get(path).status, 200);
  EXPECT_EQ(parse(tianhe->get("/api/v1/tickets")).at("items").as_array().size(), 1u);

  auto hidden = yuexiu->get(path);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(error_code_of(hidden), "not_found");
  EXPECT_EQ(yuexiu->get(path + "/history").status, 404);
  EXPECT_EQ(yuexiu->post(path + "/acknowledge").status, 404);
  EXPECT_EQ(parse(yuexiu->get("/api/v1/tickets")).at("items").as_array().size(), 0u);
  EXPECT_EQ(parse(yuexiu->get("/api/v1/tickets?unit=440106")).at("items").as_array().size(), 0u);
  // The confidential caller's contact is masked for the handling unit.
  EXPECT_EQ(parse(tianhe->get(path)).at("caller").at("phone").as_string(), "138****8000");
}

TEST_F(ServerTest, ContactRevealIsAuditedAndConfidentialityHolds) {
  auto agent = client_for("agent1");
  auto dispatcher = client_for("dispatcher1");
  auto supervisor = client_for("supervisor1");
  std::int64_t id = register_ticket(*agent);  // a confidential caller
  std::string path = "/api/v1/tickets/" + std::to_string(id);
  EXPECT_EQ(parse(dispatcher->get(path)).at("caller").at("phone").as_string(), "138****8000");
  EXPECT_EQ(agent->get(path + "/contact?reason=x").status, 403);
  auto revealed = dispatcher->get(path + "/contact?reason=%E5%AE%A1%E6%A0%B8");  // 审核
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(parse(revealed).at("phone").as_string(), "13800138000");
  EXPECT_EQ(dispatcher->get(path + "/contact?why=x").status, 400);
  EXPECT_EQ(dispatcher->get("/api/v1/audit").status, 403);
  auto trail = supervisor->get("/api/v1/audit?ticket_id=" + std::to_string(id));
  ASSERT_EQ(trail.status, 200) << trail.body;
  auto items = parse(trail).at("items").as_array();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items.front().at("actor").as_string(), "dispatcher1");
  EXPECT_EQ(items.front().at("reason").as_string(), "审核");
  EXPECT_EQ(supervisor->get("/api/v1/audit?limit=0").status, 400);
}

TEST_F(ServerTest, KpiRecordsReportsAndEvaluationOverHttp) {
  auto manager = client_for("manager1");
  auto agent = client_for("agent1");
  auto supervisor = client_for("supervisor1");
  std::string calls = R"([
    {"offered_at":"2024-03-04T09:00:00+08:00","answered_at":"2024-03-04T09:00:12+08:00","ended_at":"2024-03-04T09:03:00+08:00","agent":"a1"},
    {"offered_at":"2024-03-04T09:01:00+08:00","ended_at":"2024-03-04T09:01:40+08:00"}])";
  EXPECT_EQ(agent->post("/api/v1/records/call", calls).status, 403);
  auto imported = manager->post("/api/v1/records/call", calls);
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(parse(imported).at("imported").as_int64(), 2);
  auto bad = manager->post("/api/v1/records/call", R"([{"offered_at":"yesterday","ended_at":"2024-03-04T09:01:40+08:00"}])");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_field_of(bad), "records[0].offered_at");
  EXPECT_EQ(manager->post("/api/v1/records/phonecall", "[]").status, 404);

  auto report = supervisor->get("/api/v1/reports/kpi?year=2024");
  ASSERT_EQ(report.status, 200) << report.body;
  auto report_doc = parse(report);
  const auto& answer = report_doc.at("kpis").at("call_answer_rate");
  EXPECT_EQ(answer.at("year").at("numerator").as_int64(), 1);
  EXPECT_EQ(answer.at("year").at("denominator").as_int64(), 2);
  EXPECT_EQ(answer.at("numerator").as_array().at(2).as_int64(), 1);  // March
  EXPECT_EQ(agent->get("/api/v1/reports/kpi?year=2024").status, 403);
  EXPECT_EQ(supervisor->get("/api/v1/reports/kpi").status, 400);
  EXPECT_EQ(supervisor->get("/api/v1/reports/kpi?year=2024&month=13").status, 400);

  EXPECT_EQ(supervisor->get("/api/v1/reports/evaluation?year=2024").status, 404);  // nothing entered yet
  std::string inputs = R"({"budget_initial":1000,"budget_final":990,"management":{
      "立项依据充分性":10,"立项必要性":10,"项目可行性":10,"预算细化度":10,"预算规范性":10,
      "项目管理制度健全性":10,"项目风险管理":10,"完成进度及质量":10,"监管有效性":9}})";
  EXPECT_EQ(supervisor->put("/api/v1/evaluation-inputs/2024", inputs).status, 403);
  auto stored = manager->put("/api/v1/evaluation-inputs/2024", inputs);
  ASSERT_EQ(stored.status, 200) << stored.body;
  auto too_high = manager->put("/api/v1/evaluation-inputs/2024",
                               R"({"budget_initial":1000,"budget_final":990,"management":{"立项必要性":11}})");
  EXPECT_EQ(too_high.status, 400);
  auto evaluation = supervisor->get("/api/v1/reports/evaluation?year=2024");
  ASSERT_EQ(evaluation.status, 200) << evaluation.body;
  EXPECT_DOUBLE_EQ(parse(evaluation).at("management").at("total").to_number<double>(), 98.9);
}

TEST_F(ServerTest, MalformedInputGetsTheJsonErrorAndTheServerKeepsServing) {
  auto agent = client_for("agent1");
  struct Case {
    std::string body;
    std::string field;
  };
  const std::vector<Case> cases{
      {"{", "body"},
      {"not json at all", "body"},
      {"[]", "body"},
      {std::string(R"({"type":"complaint","channel":"phone","title":")") + "\xC3\x28" + "\"}", "body"},
      {R"({"type":"complaint","channel":"phone","title":"a","colour":"red"})", "colour"},
      {R"({"type":"complaint","channel":"phone","title":["a"]})", "title"},
      {R"({"type":"complaint","title":"a"})", "channel"},
      {R"({"type":"complaint","channel":"phone","title":"a","caller":{"name":1}})", "caller.name"},
      // Issue #11: a repeated key, a NUL character and a title of white space only.
      {R"({"type":"complaint","channel":"phone","title":"a","type":"inquiry"})", "type"},
      {R"({"type":"complaint","channel":"phone","title":"a","caller":{"name":"张\u0000"}})", "caller.name"},
      {R"({"type":"complaint","channel":"phone","title":" \u3000\t"})", "title"},
      {R"({"type":"complaint","channel":"phone","title":"a","category":"噪音扰民"})", "category"},
  };
  for (const auto& c : cases) {
    auto result = agent->post("/api/v1/tickets", c.body);
    EXPECT_EQ(result.status, 400) << c.body;
    EXPECT_EQ(error_code_of(result), "invalid_argument") << c.body;
    EXPECT_EQ(error_field_of(result), c.field) << c.body;
  }
  // The same connection is still usable after each refusal.
  EXPECT_EQ(agent->get("/api/v1/me").status, 200);

  auto unknown = agent->get("/api/v1/no/such/thing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_code_of(unknown), "not_found");
  auto method = agent->request("PATCH", "/api/v1/tickets", "{}");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(error_code_of(method), "method_not_allowed");
  EXPECT_EQ(method.header("Allow"), "POST, GET");
  auto action_body = agent->post("/api/v1/tickets/1/submit", R"({"reasn":"typo"})");
  EXPECT_EQ(action_body.status, 400);
  EXPECT_EQ(error_field_of(action_body), "reasn");
  expect_still_serving();
}

TEST_F(ServerTest, OversizedBodyIs413) {
  auto agent = client_for("agent1");
  std::string huge =
      R"({"type":"complaint","channel":"phone","title":"a","text":")" + std::string(kTestBodyLimit + 10, 'x') + "\"}";
  auto result = agent->post("/api/v1/tickets", huge);
  EXPECT_EQ(result.status, 413) << result.body;
  EXPECT_EQ(error_code_of(result), "payload_too_large");
  EXPECT_FALSE(result.keep_alive);
  // The client reconnects on demand.
  EXPECT_EQ(agent->get("/api/v1/me").status, 200);

  TestClient raw(port_);
  auto announced = raw.send_raw("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n");
  EXPECT_EQ(announced.status, 413);
  expect_still_serving();
}

TEST_F(ServerTest, GarbageOnTheWireIs400) {
  TestClient raw(port_);
  auto garbage = raw.send_raw("\x16\x03\x01 definitely not http\r\n\r\n");
  EXPECT_EQ(garbage.status, 400);
  EXPECT_EQ(error_code_of(garbage), "bad_request");
  auto bad_target = raw.send_raw("GET http://example.com/ HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(bad_target.status, 400);
  auto huge_header = raw.send_raw("GET / HTTP/1.1\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(huge_header.status, 431);
  expect_still_serving();
}

TEST_F(ServerTest, HandlerExceptionBecomes500AndServingContinues) {
  auto agent = client_for("agent1");
  auto id = register_ticket(*agent);
  world_.ticket_repo.throw_on_next_get();
  auto result = agent->get("/api/v1/tickets/" + std::to_string(id));
  EXPECT_EQ(result.status, 500);
  EXPECT_EQ(error_code_of(result), "internal");
  EXPECT_EQ(agent->get("/api/v1/tickets/" + std::to_string(id)).status, 200);
}

TEST_F(ServerTest, AdminsManageReferenceDataAndUsers) {
  auto admin = client_for("admin1");
  auto agent = client_for("agent1");
  std::string unit = R"({"parent_id":"440100","kind":"department","name":"市交通运输局"})";
  EXPECT_EQ(agent->put("/api/v1/units/dept-transport", unit).status, 403);
  auto saved = admin->put("/api/v1/units/dept-transport", unit);
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(parse(saved).at("name").as_string(), "市交通运输局");
  auto bad_parent = admin->put("/api/v1/units/x1", R"({"parent_id":"nowhere","kind":"department","name":"x"})");
  EXPECT_EQ(bad_parent.status, 400);

  auto created = admin->post("/api/v1/users", R"({"username":"haizhu1","password":"password-789",
      "role":"unit_handler","unit_id":"dept-transport"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(parse(created).at("unit_id").as_string(), "dept-transport");
  auto no_unit = admin->post("/api/v1/users", R"({"username":"x2","password":"password-789","role":"unit_handler"})");
  EXPECT_EQ(no_unit.status, 400);
  EXPECT_EQ(error_field_of(no_unit), "unit_id");
  EXPECT_EQ(agent->get("/api/v1/users").status, 403);
  auto listed = admin->get("/api/v1/users");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_NE(listed.body.find("haizhu1"), std::string::npos);
  EXPECT_EQ(listed.body.find("argon2"), std::string::npos);  // hashes never leave the server
  EXPECT_EQ(listed.body.find("password"), std::string::npos);
}

TEST_F(ServerTest, StartThrowsAClearErrorWhenThePortIsTaken) {
  ServerOptions options;
  options.port = port_;
  Server second(options, world_.services());
  try {
    second.start();
    FAIL() << "second server bound a port that is in use";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot bind 127.0.0.1:" + std::to_string(port_)), std::string::npos)
        << e.what();
  }
  expect_still_serving();
}

TEST_F(ServerTest, GracefulStopFinishesTheRequestInFlight) {
  auto agent = client_for("agent1");
  auto id = register_ticket(*agent);
  TestClient idle(port_);
  ASSERT_EQ(idle.get("/healthz").status, 200);  // an idle keep-alive connection must not delay the stop

  std::promise<void> entered;
  std::promise<void> release;
  world_.ticket_repo.hold_next_get(&entered, release.get_future().share());
  auto in_flight = std::async(std::launch::async, [&] { return agent->get("/api/v1/tickets/" + std::to_string(id)); });
  entered.get_future().wait();  // the request is now inside a core call on the blocking pool

  auto stopped = std::async(std::launch::async, [&] { server_->stop(std::chrono::seconds{30}); });
  // Stop closes the listener first; new connections are refused from then on.
  for (;;) {
    TestClient probe(port_, "127.0.0.1", std::chrono::seconds{5});
    if (!probe.connect()) break;
    std::this_thread::yield();
  }
  release.set_value();
  auto response = in_flight.get();
  EXPECT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(parse(response).at("id").as_int64(), id);
  EXPECT_FALSE(response.keep_alive);
  stopped.get();
  server_->wait();
  TestClient after(port_);
  EXPECT_FALSE(after.connect());
}

}  // namespace
}  // namespace hotline::net
