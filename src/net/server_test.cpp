#include <gtest/gtest.h>

#include <future>
#include <thread>

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/buffers_iterator.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
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

// Every answer a ServerTest's clients get is checked against the served OpenAPI document.
const OpenApiValidator& validator() {
  static const OpenApiValidator instance(openapi_document());
  return instance;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    TestClient::set_response_check([](std::string_view method, std::string_view target, const HttpResult& result) {
      for (const auto& problem : validator().check_response(method, target, result.status, result.body))
        ADD_FAILURE() << "OpenAPI: " << problem;
    });
    ServerOptions options;
    options.port = 0;
    options.worker_threads = 4;
    options.max_body_bytes = kTestBodyLimit;
    server_ = std::make_unique<Server>(options, world_.services());
    port_ = server_->start();
  }
  void TearDown() override {
    server_->stop();
    TestClient::set_response_check({});
  }

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

  std::int64_t register_ticket(TestClient& agent, const std::string& district = "440106",
                               const std::string& street = "440106001") {
    auto created = agent.post("/api/v1/tickets", R"({"type":"complaint","channel":"phone","title":"夜间施工噪音",
        "text":"每晚十一点后仍在施工","caller":{"name":"张三","phone":"13800138000","confidential":true},
        "place":{"district":")" + district + R"(","street":")" + street + R"(","address":"五山路1号"}})");
    EXPECT_EQ(created.status, 201) << created.body;
    return parse(created).at("id").as_int64();
  }

  // Drives a registered ticket to callback_pending.
  void to_callback(std::int64_t id) {
    auto agent = client_for("agent1");
    auto dispatcher = client_for("dispatcher1");
    auto handler = client_for("tianhe1");
    ASSERT_EQ(act(*agent, id, "submit"), "pending_review");
    ASSERT_EQ(act(*dispatcher, id, "dispatch", R"({"lead_unit":"440106"})"), "dispatched");
    ASSERT_EQ(act(*handler, id, "acknowledge"), "acknowledged");
    ASSERT_EQ(act(*handler, id, "reply", R"({"reply":"已责令夜间停工"})"), "replied");
    ASSERT_EQ(act(*dispatcher, id, "review_reply", R"({"approve":true})"), "callback_pending");
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
  auto housing = client_for("housing1");
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
  EXPECT_EQ(act(*housing, id, "co_acknowledge"), "in_progress");  // the co-unit's part, not the state
  EXPECT_EQ(act(*housing, id, "co_opinion", R"({"opinion":"已核查施工许可"})"), "in_progress");
  EXPECT_EQ(act(*handler, id, "reply", R"({"reply":"已责令夜间停工"})"), "replied");
  EXPECT_EQ(act(*dispatcher, id, "review_reply", R"({"approve":true})"), "callback_pending");
  EXPECT_EQ(act(*callback, id, "callback", R"({"rating":"dissatisfied","reason":"夜间仍有噪音"})"), "closed");
  EXPECT_EQ(act(*callback, id, "redo", R"({"reason":"市民反映仍有噪音"})"), "dispatched");
  EXPECT_EQ(act(*handler, id, "acknowledge"), "acknowledged");
  EXPECT_EQ(act(*handler, id, "reply", R"({"reply":"已查处","reason":"住建局已于首轮出具意见"})"), "replied");
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
  ASSERT_EQ(items.size(), 20u);
  EXPECT_EQ(items.front().at("action").as_string(), "register");
  EXPECT_EQ(items.back().at("action").as_string(), "archive");
  // The caller asked for confidentiality: the supervisor sees no digit of the contact.
  EXPECT_EQ(items.front().at("payload").at("caller_phone").as_string(), "***********");
  EXPECT_EQ(items.front().at("payload").at("caller_name").as_string(), "**");

  auto ticket = parse(supervisor->get("/api/v1/tickets/" + std::to_string(id)));
  EXPECT_EQ(ticket.at("redo_count").as_int64(), 1);
  EXPECT_EQ(ticket.at("rating").as_string(), "satisfied");
  EXPECT_EQ(ticket.at("category").as_string(), "城乡建设/住房保障");
}

TEST_F(ServerTest, ForwardRecallCoHandlingAndCorrectionThroughHttp) {
  auto agent = client_for("agent1");
  auto dispatcher = client_for("dispatcher1");
  auto tianhe = client_for("tianhe1");
  auto wushan = client_for("wushan1");
  auto yuexiu = client_for("yuexiu1");
  auto housing = client_for("housing1");
  auto id = register_ticket(*agent);
  std::string path = "/api/v1/tickets/" + std::to_string(id);

  // Rejected in review: corrected before it goes back.
  ASSERT_EQ(act(*agent, id, "submit"), "pending_review");
  ASSERT_EQ(act(*dispatcher, id, "review", R"({"approve":false,"reason":"地址不全"})"), "registered");
  auto rejected = parse(agent->get(path));
  EXPECT_TRUE(rejected.at("needs_correction").as_bool());
  EXPECT_EQ(rejected.at("correction_reason").as_string(), "地址不全");
  auto early = agent->post(path + "/submit");
  EXPECT_EQ(early.status, 409);
  EXPECT_NE(early.body.find("correct the ticket first"), std::string::npos);
  auto bad_category = agent->post(path + "/correct", R"({"reason":"更正","category":"不存在"})");
  EXPECT_EQ(bad_category.status, 400);
  EXPECT_EQ(bad_category.error_field(), "category");
  auto corrected =
      agent->post(path + "/correct", R"({"reason":"补全地址","place":{"address":"五山路1号2栋"},"type":"help"})");
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_FALSE(parse(corrected).at("needs_correction").as_bool());
  EXPECT_EQ(parse(corrected).at("place").at("address").as_string(), "五山路1号2栋");
  ASSERT_EQ(act(*agent, id, "submit"), "pending_review");

  // Dispatched, then recalled before anyone signed for it.
  ASSERT_EQ(act(*dispatcher, id, "dispatch", R"({"lead_unit":"440104"})"), "dispatched");
  auto no_reason = dispatcher->post(path + "/recall");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.error_field(), "reason");
  ASSERT_EQ(act(*dispatcher, id, "recall", R"({"reason":"派错区"})"), "pending_review");
  EXPECT_EQ(yuexiu->get(path).status, 404);
  EXPECT_EQ(parse(dispatcher->get(path)).at("wrong_dispatch_count").as_int64(), 0);

  // To Tianhe with the housing bureau co-handling; Tianhe forwards to its street.
  ASSERT_EQ(act(*dispatcher, id, "dispatch", R"({"lead_unit":"440106","co_units":["dept-housing"]})"), "dispatched");
  auto outside = tianhe->post(path + "/forward", R"({"unit":"440104001"})");
  EXPECT_EQ(outside.status, 400);
  EXPECT_EQ(outside.error_field(), "unit");
  ASSERT_EQ(act(*tianhe, id, "forward", R"({"unit":"440106001","note":"请五山街道办理"})"), "dispatched");
  auto forwarded = parse(tianhe->get(path));  // the district still sees it
  EXPECT_EQ(forwarded.at("lead_unit").as_string(), "440106001");
  EXPECT_EQ(forwarded.at("forwarded_from").as_array().at(0).as_string(), "440106");
  ASSERT_EQ(act(*wushan, id, "acknowledge"), "acknowledged");

  auto co_handle = housing->post(path + "/handle", R"({"note":"协办"})");
  EXPECT_EQ(co_handle.status, 403);
  auto waiting = wushan->post(path + "/reply", R"({"reply":"已处理"})");
  EXPECT_EQ(waiting.status, 409);
  EXPECT_NE(waiting.body.find("dept-housing"), std::string::npos);
  ASSERT_EQ(act(*housing, id, "co_acknowledge"), "acknowledged");
  auto blank = housing->post(path + "/co_opinion", R"({"opinion":""})");
  EXPECT_EQ(blank.status, 400);
  EXPECT_EQ(blank.error_field(), "opinion");
  ASSERT_EQ(act(*housing, id, "co_opinion", R"({"opinion":"施工许可已核查"})"), "acknowledged");
  auto seen = parse(dispatcher->get(path));
  const auto& co = seen.at("co_handling").as_array().at(0);
  EXPECT_EQ(co.at("unit").as_string(), "dept-housing");
  EXPECT_EQ(co.at("opinion").as_string(), "施工许可已核查");
  EXPECT_TRUE(co.at("acknowledged_at").is_string());
  EXPECT_EQ(act(*wushan, id, "reply", R"({"reply":"已处理"})"), "replied");

  auto history = parse(tianhe->get(path + "/history")).at("items").as_array();
  bool found_forward = false;
  for (const auto& item : history) {
    if (item.at("action").as_string() == "forward") {
      found_forward = true;
      EXPECT_EQ(item.at("actor").as_string(), "tianhe1");
      EXPECT_EQ(item.at("payload").at("to_unit").as_string(), "440106001");
      EXPECT_EQ(item.at("payload").at("acknowledge_deadline").as_string().size(), 25u);  // ISO 8601 on the wire
    }
    if (item.at("action").as_string() == "correct") {
      EXPECT_EQ(item.at("payload").at("before_type").as_string(), "complaint");
      EXPECT_EQ(item.at("payload").at("after_type").as_string(), "help");
      EXPECT_TRUE(item.at("payload").at("after_deadline").as_string().ends_with("+08:00"));
    }
  }
  EXPECT_TRUE(found_forward);
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
  EXPECT_EQ(bad.error_field(), "limit");
}

TEST_F(ServerTest, DeskFiltersCallerHistoryAndDeadlineOrder) {
  auto agent = client_for("agent1");
  auto supervisor = client_for("supervisor1");
  auto post = [&](const std::string& fields, const std::string& type = "inquiry") {
    auto created = agent->post("/api/v1/tickets", R"({"type":")" + type + R"(","title":"咨询",)" + fields + "}");
    EXPECT_EQ(created.status, 201) << created.body;
    return parse(created).at("id").as_int64();
  };
  auto housing = post(R"("channel":"wechat","category":"城乡建设/住房保障","urgency":"urgent",
      "caller":{"name":"李四","phone":"+86 139-0013-9000"},"place":{"district":"440106","street":"440106001"})");
  auto transport = post(R"("channel":"phone","category":"交通运输","caller":{"name":"王五","phone":"13900139000"})");
  auto hidden = post(R"("channel":"phone","caller":{"name":"赵六","phone":"13900139000","confidential":true})", "complaint");
  auto ids = [&](TestClient& client, const std::string& query) {
    auto listed = client.get("/api/v1/tickets?" + query);
    EXPECT_EQ(listed.status, 200) << query << ": " << listed.body;
    std::vector<std::int64_t> out;
    if (listed.status != 200) return out;
    const auto page = parse(listed);
    for (const auto& item : page.at("items").as_array()) out.push_back(item.at("id").as_int64());
    return out;
  };
  using Ids = std::vector<std::int64_t>;
  EXPECT_EQ(ids(*agent, "category=%E5%9F%8E%E4%B9%A1%E5%BB%BA%E8%AE%BE"), Ids{housing});  // 城乡建设
  EXPECT_EQ(ids(*agent, "category=%E5%9F%8E%E4%B9%A1"), Ids{});  // 城乡: not a whole level
  EXPECT_EQ(ids(*agent, "urgency=urgent"), Ids{housing});
  EXPECT_EQ(ids(*agent, "channel=phone"), (Ids{hidden, transport}));
  EXPECT_EQ(ids(*agent, "street=440106001"), Ids{housing});
  EXPECT_EQ(agent->get("/api/v1/tickets?channel=fax").error_field(), "channel");
  EXPECT_EQ(agent->get("/api/v1/tickets?urgency=now").error_field(), "urgency");

  // The caller-history search: the number however it was typed; the confidential caller is left
  // out for an agent; each search is in the audit trail with the phone masked.
  EXPECT_EQ(ids(*agent, "caller_phone=139%200013%209000"), (Ids{transport, housing}));
  EXPECT_EQ(ids(*agent, "caller_phone=%2B86-13900139000&channel=wechat"), Ids{housing});
  auto refused = supervisor->get("/api/v1/tickets?caller_phone=13900139000");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.error_field(), "caller_phone");
  auto trail = parse(supervisor->get("/api/v1/audit"));
  std::vector<std::string> searches;
  for (const auto& entry : trail.at("items").as_array()) {
    if (entry.at("action").as_string() != "caller_history_search") continue;
    EXPECT_EQ(entry.at("actor").as_string(), "agent1");
    searches.emplace_back(entry.at("reason").as_string());
  }
  EXPECT_EQ(searches, (std::vector<std::string>{"phone 139****9000, 1 ticket(s) on this page",
                                                "phone 139****9000, 2 ticket(s) on this page"}));

  // sort=deadline: inquiries (2 working days) before the complaint (15); ties by id; cursor pages.
  EXPECT_EQ(ids(*agent, "sort=deadline"), (Ids{housing, transport, hidden}));
  auto first = parse(agent->get("/api/v1/tickets?sort=deadline&limit=1"));
  EXPECT_TRUE(first.at("next_after").is_null());
  ASSERT_TRUE(first.at("next_cursor").is_string());
  std::string cursor(first.at("next_cursor").as_string());
  EXPECT_EQ(ids(*agent, "sort=deadline&limit=5&cursor=" + cursor), (Ids{transport, hidden}));
  EXPECT_EQ(agent->get("/api/v1/tickets?sort=deadline&after=3").error_field(), "after");
  EXPECT_EQ(agent->get("/api/v1/tickets?cursor=" + cursor).error_field(), "cursor");  // another sort's
  auto newest = parse(agent->get("/api/v1/tickets?limit=1"));
  EXPECT_EQ(ids(*agent, "limit=5&cursor=" + std::string(newest.at("next_cursor").as_string())), (Ids{transport, housing}));
}

TEST_F(ServerTest, EveryTicketResponseListsTheActorsAllowedActions) {
  auto agent = client_for("agent1");
  auto dispatcher = client_for("dispatcher1");
  auto tianhe = client_for("tianhe1");
  auto actions = [](const bj::value& ticket) {
    std::vector<std::string> out;
    for (const auto& a : ticket.at("allowed_actions").as_array()) out.emplace_back(a.as_string());
    return out;
  };
  using Names = std::vector<std::string>;
  auto created = agent->post("/api/v1/tickets", R"({"type":"complaint","channel":"phone","title":"噪音"})");
  ASSERT_EQ(created.status, 201);
  EXPECT_EQ(actions(parse(created)), (Names{"resolve_at_intake", "submit", "merge", "correct", "rate_intake", "attach"}));
  auto id = parse(created).at("id").as_int64();
  std::string path = "/api/v1/tickets/" + std::to_string(id);
  EXPECT_EQ(actions(parse(dispatcher->get(path))), (Names{"merge", "correct", "attach"}));
  auto submitted = agent->post(path + "/submit");
  EXPECT_EQ(actions(parse(submitted)), (Names{"merge", "correct", "attach"}));
  EXPECT_EQ(actions(parse(dispatcher->get(path))), (Names{"review", "dispatch", "merge", "correct", "attach"}));
  auto dispatched = dispatcher->post(path + "/dispatch", R"({"lead_unit":"440106"})");
  EXPECT_EQ(actions(parse(dispatched)), (Names{"recall", "attach"}));
  auto listed = parse(tianhe->get("/api/v1/tickets"));
  EXPECT_EQ(actions(listed.at("items").as_array().at(0)), (Names{"acknowledge", "request_return", "forward", "attach"}));
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
  // The confidential caller's contact shows the handling unit no digit and no name at all.
  auto seen = parse(tianhe->get(path));
  EXPECT_EQ(seen.at("caller").at("phone").as_string(), "***********");
  EXPECT_EQ(seen.at("caller").at("name").as_string(), "**");
  auto history = tianhe->get(path + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_EQ(parse(history).at("items").at(0).at("payload").at("caller_phone").as_string(), "***********");
  EXPECT_EQ(history.body.find("张"), std::string::npos) << history.body;
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
  ASSERT_EQ(items.size(), 2u);  // newest first; the agent's refused attempt is on record too
  EXPECT_EQ(items.at(0).at("actor").as_string(), "dispatcher1");
  EXPECT_EQ(items.at(0).at("reason").as_string(), "审核");
  EXPECT_EQ(items.at(1).at("actor").as_string(), "agent1");
  EXPECT_EQ(items.at(1).at("action").as_string(), "reveal_contact_refused");
  EXPECT_EQ(items.at(1).at("reason").as_string(), "x (refused: the caller asked for confidentiality)");
  EXPECT_EQ(supervisor->get("/api/v1/audit?limit=0").status, 400);
}

TEST_F(ServerTest, PersonalNumbersInFreeTextAreMaskedForRolesThatMayNotSeeContacts) {
  auto agent = client_for("agent1");
  auto supervisor = client_for("supervisor1");
  auto created = agent->post("/api/v1/tickets", R"({"type":"help","channel":"phone","title":"回电13912345678",
      "text":"卡号6217 0012 3456 7893，订单2023120512345678","caller":{"name":"李四","phone":"13800138000"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/tickets/" + std::to_string(parse(created).at("id").as_int64());
  auto agents = parse(agent->get(path));
  EXPECT_EQ(agents.at("title").as_string(), "回电13912345678");
  auto supervisors = parse(supervisor->get(path));
  EXPECT_EQ(supervisors.at("title").as_string(), "回电***********");
  EXPECT_EQ(supervisors.at("text").as_string(), "卡号**** **** **** ****，订单2023120512345678");
  auto history = supervisor->get(path + "/history");
  ASSERT_EQ(history.status, 200) << history.body;
  EXPECT_EQ(history.body.find("13912345678"), std::string::npos) << history.body;
  EXPECT_EQ(history.body.find("3456 7893"), std::string::npos) << history.body;
  auto listed = supervisor->get("/api/v1/tickets");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.body.find("13912345678"), std::string::npos) << listed.body;
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
  EXPECT_EQ(bad.error_field(), "records[0].offered_at");
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

TEST_F(ServerTest, CallbackOutcomesUnreachableRetriedRefusedAndReasonsOverHttp) {
  auto agent = client_for("agent1");
  auto callback = client_for("callback1");
  auto id = register_ticket(*agent);
  to_callback(id);
  std::string path = "/api/v1/tickets/" + std::to_string(id);
  auto pending = parse(agent->get(path));
  EXPECT_EQ(pending.at("callback_due").as_string(), "2024-05-08T23:59:59+08:00");  // 2 working days
  EXPECT_EQ(act(*callback, id, "callback", R"({"outcome":"unreachable"})"), "callback_pending");
  auto once = parse(agent->get(path));
  EXPECT_EQ(once.at("callback_attempts").as_int64(), 1);
  EXPECT_EQ(once.at("next_callback_at").as_string(), "2024-05-07T00:00:00+08:00");
  EXPECT_TRUE(once.at("callback_result").is_null());
  auto no_reason = callback->post(path + "/callback", R"({"rating":"dissatisfied"})");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_EQ(no_reason.error_field(), "reason");
  auto bad_outcome = callback->post(path + "/callback", R"({"outcome":"busy"})");
  EXPECT_EQ(bad_outcome.status, 400);
  EXPECT_EQ(bad_outcome.error_field(), "outcome");
  EXPECT_EQ(act(*callback, id, "callback", R"({"outcome":"refused"})"), "closed");
  auto refused = parse(agent->get(path));
  EXPECT_EQ(refused.at("callback_result").as_string(), "refused");
  EXPECT_TRUE(refused.at("rating").is_null());

  auto other = register_ticket(*agent);
  to_callback(other);
  EXPECT_EQ(act(*callback, other, "callback", R"({"outcome":"unreachable"})"), "callback_pending");
  EXPECT_EQ(act(*callback, other, "callback", R"({"outcome":"unreachable"})").substr(0, 4), "!409");  // too early
  world_.clock.advance(std::chrono::hours{24});  // the next working day (signed in again: sessions expire)
  callback = client_for("callback1");
  EXPECT_EQ(act(*callback, other, "callback", R"({"outcome":"unreachable"})"), "callback_pending");
  world_.clock.advance(std::chrono::hours{24});
  callback = client_for("callback1");
  agent = client_for("agent1");
  EXPECT_EQ(act(*callback, other, "callback", R"({"outcome":"unreachable"})"), "closed");
  auto closed = parse(agent->get("/api/v1/tickets/" + std::to_string(other)));
  EXPECT_EQ(closed.at("callback_result").as_string(), "unreachable");
  EXPECT_EQ(closed.at("callback_attempts").as_int64(), 3);
  auto history = parse(agent->get("/api/v1/tickets/" + std::to_string(other) + "/history")).at("items").as_array();
  EXPECT_EQ(history.back().at("payload").at("attempt").as_string(), "3");
}

TEST_F(ServerTest, MergingIsRecordedOnBothTicketsFilteredAndTheTargetsCallbackCoversTheMergedCallers) {
  auto agent = client_for("agent1");
  auto dispatcher = client_for("dispatcher1");
  auto callback = client_for("callback1");
  auto target = register_ticket(*agent);
  auto duplicate = register_ticket(*agent);
  auto elsewhere = register_ticket(*agent, "440104", "440104001");
  auto merge = [&](std::int64_t id, const std::string& body) {
    return dispatcher->post("/api/v1/tickets/" + std::to_string(id) + "/merge", body);
  };
  const std::string into = std::to_string(target);
  auto across = merge(elsewhere, R"({"merge_into":)" + into + R"(,"reason":"同一工地"})");
  EXPECT_EQ(across.status, 409);
  EXPECT_EQ(across.error_field(), "force");
  ASSERT_EQ(merge(duplicate, R"({"merge_into":)" + into + R"(,"reason":"同一工地"})").status, 200);
  ASSERT_EQ(merge(elsewhere, R"({"merge_into":)" + into + R"(,"reason":"同一工地跨区","force":true})").status, 200);
  auto third = register_ticket(*agent);
  auto into_merged = merge(third, R"({"merge_into":)" + std::to_string(duplicate) + R"(,"reason":"重复"})");
  EXPECT_EQ(into_merged.status, 409);
  EXPECT_EQ(merge(third, R"({"merge_into":999999,"reason":"重复"})").status, 400);

  auto shown = parse(dispatcher->get("/api/v1/tickets/" + into));
  const auto& merged_from = shown.at("merged_from").as_array();
  ASSERT_EQ(merged_from.size(), 2u);
  EXPECT_EQ(merged_from[0].as_int64(), duplicate);
  EXPECT_EQ(merged_from[1].as_int64(), elsewhere);
  // The merged callers' contacts are masked exactly like the caller's.
  EXPECT_EQ(shown.at("merged_callers").as_array()[0].at("phone").as_string(), "138****8000");
  EXPECT_EQ(shown.at("merged_callers").as_array()[0].at("name").as_string(), "张**");
  auto target_history = parse(dispatcher->get("/api/v1/tickets/" + into + "/history")).at("items").as_array();
  ASSERT_EQ(target_history.size(), 3u);
  EXPECT_EQ(target_history[1].at("action").as_string(), "merge");
  EXPECT_EQ(target_history[1].at("payload").at("merged_from").as_string(), std::to_string(duplicate));
  auto listed = parse(dispatcher->get("/api/v1/tickets?merged_into=" + into)).at("items").as_array();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].at("id").as_int64(), elsewhere);
  EXPECT_EQ(dispatcher->get("/api/v1/tickets?merged_into=x").status, 400);

  to_callback(target);
  EXPECT_EQ(act(*callback, target, "callback", R"({"rating":"satisfied"})"), "closed");
  auto merged = parse(dispatcher->get("/api/v1/tickets/" + std::to_string(duplicate)));
  EXPECT_EQ(merged.at("state").as_string(), "merged");
  EXPECT_EQ(merged.at("merged_into").as_int64(), target);
  EXPECT_EQ(merged.at("reply").as_string(), "已责令夜间停工");
  EXPECT_EQ(merged.at("rating").as_string(), "satisfied");
  EXPECT_EQ(merged.at("callback_result").as_string(), "rated");
}

// Tickets of the live system move the KPI records of tables 14 and 15: an intake rating, and a
// dissatisfied result called back in time.
TEST_F(ServerTest, IntakeAnswersIntakeRatingsAndCallbacksReachTheKpiReport) {
  auto agent = client_for("agent1");
  auto callback = client_for("callback1");
  auto manager = client_for("manager1");
  auto inquiry = agent->post("/api/v1/tickets", R"({"type":"inquiry","channel":"phone","title":"社保卡补办"})");
  ASSERT_EQ(inquiry.status, 201);
  auto inquiry_id = parse(inquiry).at("id").as_int64();
  auto no_answer = agent->post("/api/v1/tickets/" + std::to_string(inquiry_id) + "/resolve_at_intake");
  EXPECT_EQ(no_answer.status, 400);
  EXPECT_EQ(no_answer.error_field(), "answer");
  EXPECT_EQ(act(*agent, inquiry_id, "resolve_at_intake", R"({"answer":"可到街道服务中心补办","knowledge_article":"KB-12"})"),
            "resolved_at_intake");
  EXPECT_EQ(act(*agent, inquiry_id, "rate_intake", R"({"rating":"very_satisfied"})"), "resolved_at_intake");
  auto resolved = parse(agent->get("/api/v1/tickets/" + std::to_string(inquiry_id)));
  EXPECT_EQ(resolved.at("intake_answer").as_string(), "可到街道服务中心补办");
  EXPECT_EQ(resolved.at("knowledge_article").as_string(), "KB-12");
  EXPECT_EQ(resolved.at("intake_rating").as_string(), "very_satisfied");
  EXPECT_EQ(act(*agent, inquiry_id, "rate_intake", R"({"rating":"satisfied"})").substr(0, 4), "!409");

  auto complaint = register_ticket(*agent);
  to_callback(complaint);
  EXPECT_EQ(act(*callback, complaint, "callback", R"({"rating":"dissatisfied","reason":"噪音仍在"})"), "closed");

  auto report = manager->get("/api/v1/reports/kpi?year=2024");
  ASSERT_EQ(report.status, 200) << report.body;
  auto kpis = parse(report).at("kpis");
  EXPECT_EQ(kpis.at("intake_satisfaction").at("year").at("denominator").as_int64(), 1);
  EXPECT_EQ(kpis.at("intake_satisfaction").at("year").at("numerator").as_int64(), 1);
  EXPECT_EQ(kpis.at("dissatisfied_callback_rate").at("year").at("denominator").as_int64(), 1);
  EXPECT_EQ(kpis.at("dissatisfied_callback_rate").at("year").at("numerator").as_int64(), 1);
  EXPECT_EQ(kpis.at("dissatisfied_callback_rate").at("numerator").as_array().at(4).as_int64(), 1);  // May
}

TEST_F(ServerTest, CtiCallEventsWriteTheAnswerRateOncePerCall) {
  auto admin = client_for("admin1");
  auto agent = client_for("agent1");
  auto manager = client_for("manager1");
  std::string events = R"({"events":[
    {"call_id":"pbx-1","event":"offered","at":"2024-05-06T09:00:00+08:00","queue":"consult"},
    {"call_id":"pbx-2","event":"offered","at":"2024-05-06T09:00:05+08:00","queue":"consult"},
    {"call_id":"pbx-1","event":"answered","at":"2024-05-06T09:00:12+08:00","agent":"A07"},
    {"call_id":"pbx-3","event":"offered","at":"2024-05-06T09:01:00+08:00"},
    {"call_id":"pbx-2","event":"abandoned","at":"2024-05-06T09:00:40+08:00"},
    {"call_id":"pbx-3","event":"answered","at":"2024-05-06T09:01:09+08:00","agent":"A08"}]})";
  EXPECT_EQ(agent->post("/api/v1/calls", events).status, 403);
  auto posted = admin->post("/api/v1/calls", events);
  ASSERT_EQ(posted.status, 201) << posted.body;
  ASSERT_EQ(admin->post("/api/v1/calls", events).status, 201);  // the PBX sent it again: idempotent
  auto bad = admin->post("/api/v1/calls", R"({"events":[{"call_id":"pbx-9","event":"offered","at":"2024-05-06T09:00:00+08:00"},
    {"call_id":"pbx-9","event":"answered","at":"soon"}]})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.error_field(), "events[1].at");
  auto unpaired = admin->post("/api/v1/calls", R"({"events":[{"call_id":"pbx-9","event":"offered","at":"2024-05-06T09:00:00+08:00"}]})");
  EXPECT_EQ(unpaired.status, 400);
  EXPECT_EQ(unpaired.error_field(), "events[0].call_id");
  EXPECT_EQ(admin->post("/api/v1/calls", R"({"events":[{"call_id":"x","event":"ringing","at":"2024-05-06T09:00:00+08:00"}]})")
                .error_field(),
            "events[0].event");

  auto report = manager->get("/api/v1/reports/kpi?year=2024&month=5");
  ASSERT_EQ(report.status, 200) << report.body;
  auto answer = parse(report).at("kpis").at("call_answer_rate").at("year");
  EXPECT_EQ(answer.at("denominator").as_int64(), 3);
  EXPECT_EQ(answer.at("numerator").as_int64(), 2);
  EXPECT_DOUBLE_EQ(answer.at("rate").to_number<double>(), 66.67);
}

TEST_F(ServerTest, AYearWithoutDataIsNotFoundNamingTheYear) {
  auto manager = client_for("manager1");
  auto report = manager->get("/api/v1/reports/kpi?year=2031");
  EXPECT_EQ(report.status, 404);
  EXPECT_EQ(error_code_of(report), "not_found");
  EXPECT_EQ(report.error_field(), "year");
}

// Every key of a ticket response (single read and list item) is a property of the OpenAPI Ticket
// schema, which refuses additional properties.
TEST_F(ServerTest, TicketResponsesStayWithinTheOpenApiTicketSchema) {
  auto document = bj::parse(openapi_document());
  const auto& properties = document.at("components").at("schemas").at("Ticket").at("properties").as_object();
  auto agent = client_for("agent1");
  auto id = register_ticket(*agent);
  auto single = parse(agent->get("/api/v1/tickets/" + std::to_string(id))).as_object();
  auto item = parse(agent->get("/api/v1/tickets")).at("items").as_array().at(0).as_object();
  for (const auto* ticket : {&single, &item})
    for (const auto& [key, value] : *ticket) EXPECT_TRUE(properties.contains(key)) << key;
  EXPECT_TRUE(single.contains("merged_from"));
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
    EXPECT_EQ(result.error_field(), c.field) << c.body;
  }
  // The same connection is still usable after each refusal.
  EXPECT_EQ(agent->get("/api/v1/me").status, 200);

  auto unknown = agent->get("/api/v1/no/such/thing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_code_of(unknown), "not_found");
  auto method = agent->request("PATCH", "/api/v1/tickets", "{}");
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(error_code_of(method), "method_not_allowed");
  EXPECT_EQ(method.header("Allow"), "POST, GET, HEAD");
  auto action_body = agent->post("/api/v1/tickets/1/submit", R"({"reasn":"typo"})");
  EXPECT_EQ(action_body.status, 400);
  EXPECT_EQ(action_body.error_field(), "reasn");
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

TEST_F(ServerTest, HeadAnswersWhereverGetDoesWithTheSameHeadersAndNoBody) {
  auto agent = client_for("agent1");
  register_ticket(*agent);
  for (const char* target : {"/healthz", "/api/v1/openapi.json", "/api/v1/tickets", "/api/v1/tickets/1", "/api/v1/me"}) {
    auto get = agent->get(target);
    auto head = agent->request("HEAD", target);
    EXPECT_EQ(head.status, get.status) << target;
    EXPECT_TRUE(head.body.empty()) << target;
    EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size())) << target;
    EXPECT_EQ(head.header("Content-Type"), get.header("Content-Type")) << target;
    EXPECT_TRUE(head.keep_alive) << target;
  }
  EXPECT_EQ(agent->request("HEAD", "/api/v1/tickets/99").status, 404);
  // The event stream without an upgrade: 426, in the documented error shape (its code was missing).
  EXPECT_EQ(agent->get("/api/v1/events").status, 426);
  EXPECT_EQ(agent->request("HEAD", "/api/v1/events").status, 426);
  auto not_allowed = agent->request("HEAD", "/api/v1/auth/logout");
  EXPECT_EQ(not_allowed.status, 405);
  auto allow = agent->request("PUT", "/api/v1/tickets", "{}").header("Allow");
  EXPECT_NE(allow.find("HEAD"), std::string::npos) << allow;
  expect_still_serving();  // and the connection reads the next request right after a HEAD
  EXPECT_EQ(agent->get("/healthz").body, R"({"status":"ok"})");
}

// A blocking socket with a receive timeout, for exchanges TestClient cannot make (interim answers).
class RawConnection {
 public:
  explicit RawConnection(unsigned short port) : socket_(io_) {
    socket_.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    timeval timeout{5, 0};
    setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  void send(std::string_view bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes)); }
  // Everything up to and including the next blank line (one response head), or what came before
  // a timeout or close.
  std::string read_head() {
    boost::system::error_code ec;
    auto end = boost::asio::read_until(socket_, buffer_, "\r\n\r\n", ec);
    std::string all(boost::asio::buffers_begin(buffer_.data()), boost::asio::buffers_end(buffer_.data()));
    if (ec) return all;
    buffer_.consume(end);
    return all.substr(0, end);
  }

 private:
  boost::asio::io_context io_;
  boost::asio::ip::tcp::socket socket_;
  boost::asio::streambuf buffer_;
};

TEST_F(ServerTest, ExpectContinueGets100BeforeTheBodyIsSent) {
  const std::string body = std::string(R"({"username":"agent1","password":")") + kTestPassword + R"("})";
  RawConnection connection(port_);
  connection.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Expect: 100-continue\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n");
  EXPECT_TRUE(connection.read_head().starts_with("HTTP/1.1 100 Continue\r\n"));
  connection.send(body);
  EXPECT_TRUE(connection.read_head().starts_with("HTTP/1.1 200 OK\r\n"));
}

TEST_F(ServerTest, ExpectContinueWithATooLargeBodyIs413WithoutReadingIt) {
  RawConnection connection(port_);
  connection.send("POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Expect: 100-continue\r\nContent-Length: " + std::to_string(kTestBodyLimit + 1) + "\r\n\r\n");
  auto head = connection.read_head();
  EXPECT_TRUE(head.starts_with("HTTP/1.1 413 ")) << head;
  EXPECT_EQ(head.find("100 Continue"), std::string::npos);
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
  EXPECT_EQ(no_unit.error_field(), "unit_id");
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
