#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "net/error_response.hpp"
#include "net/openapi.hpp"
#include "net/router.hpp"
#include "net/test_services.hpp"

namespace hotline::net {
namespace {

namespace bj = boost::json;

Request make(std::string method, std::string_view target, std::string authorization = {}, std::string body = {}) {
  auto request = make_request(std::move(method), target, std::move(authorization), std::move(body));
  EXPECT_TRUE(request) << target;
  return request ? *request : Request{};
}

std::string error_code_of(const Response& response) {
  return std::string(bj::parse(response.body).at("error").at("code").as_string());
}

class RouterTest : public ::testing::Test {
 protected:
  std::string token_for(const std::string& username) {
    auto login = world_.auth.login(username, kTestPassword, "");
    EXPECT_TRUE(login);
    return "Bearer " + login->token;
  }

  TestServices world_;
  Router router_{world_.services()};
};

TEST(HttpStatus, MapsEveryErrorCode) {
  EXPECT_EQ(http_status(core::ErrorCode::invalid_argument), 400);
  EXPECT_EQ(http_status(core::ErrorCode::unauthenticated), 401);
  EXPECT_EQ(http_status(core::ErrorCode::forbidden), 403);
  EXPECT_EQ(http_status(core::ErrorCode::not_found), 404);
  EXPECT_EQ(http_status(core::ErrorCode::conflict), 409);
  EXPECT_EQ(http_status(core::ErrorCode::unavailable), 503);
  EXPECT_EQ(http_status(core::ErrorCode::internal), 500);
}

TEST(ErrorResponse, HasTheOneShape) {
  auto response = error_response(core::make_error(core::ErrorCode::invalid_argument, "title is required", "title"));
  EXPECT_EQ(response.status, 400);
  auto error = bj::parse(response.body).at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), "invalid_argument");
  EXPECT_EQ(error.at("message").as_string(), "title is required");
  EXPECT_EQ(error.at("field").as_string(), "title");
  auto without = bj::parse(error_response(core::make_error(core::ErrorCode::conflict, "x")).body);
  EXPECT_FALSE(without.at("error").as_object().contains("field"));
}

TEST(MakeRequest, DecodesSegmentsAndQuery) {
  auto request = make("GET", "/api/v1/units/dept%2Dhousing?x=%E5%A4%A9&y=1");
  EXPECT_EQ(request.segments, (std::vector<std::string>{"api", "v1", "units", "dept-housing"}));
  EXPECT_EQ(request.query_value("x"), "天");
  EXPECT_EQ(request.query_value("y"), "1");
  EXPECT_FALSE(request.query_value("z"));
}

TEST(MakeRequest, RefusesInvalidUtf8AndAbsoluteTargets) {
  EXPECT_FALSE(make_request("GET", "/api/v1/tickets?q=%FF", "", ""));
  EXPECT_FALSE(make_request("GET", "/api/v1/%C0%AF", "", ""));
  EXPECT_FALSE(make_request("GET", "http://evil/", "", ""));
  EXPECT_FALSE(make_request("GET", "*", "", ""));
}

TEST(BearerToken, TakesOnlyTheBearerScheme) {
  EXPECT_EQ(bearer_token("Bearer abc"), "abc");
  EXPECT_EQ(bearer_token("bearer  abc "), "abc");
  EXPECT_EQ(bearer_token("Basic abc"), "");
  EXPECT_EQ(bearer_token("Bearer "), "");
  EXPECT_EQ(bearer_token(""), "");
}

TEST_F(RouterTest, UnknownPathIs404AndWrongMethodIs405WithAllow) {
  auto unknown = router_.handle(make("GET", "/api/v1/nothing"));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(error_code_of(unknown), "not_found");
  EXPECT_EQ(router_.handle(make("GET", "/api/v1/tickets/1/history/extra")).status, 404);

  auto wrong = router_.handle(make("DELETE", "/api/v1/tickets"));
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(error_code_of(wrong), "method_not_allowed");
  ASSERT_EQ(wrong.headers.size(), 1u);
  EXPECT_EQ(wrong.headers[0].first, "Allow");
  EXPECT_EQ(wrong.headers[0].second, "POST, GET, HEAD");  // HEAD wherever GET is
}

TEST_F(RouterTest, SignedInRoutesNeedAValidBearerToken) {
  EXPECT_EQ(router_.handle(make("GET", "/api/v1/me")).status, 401);
  EXPECT_EQ(router_.handle(make("GET", "/api/v1/me", "Bearer nope")).status, 401);
  EXPECT_EQ(router_.handle(make("GET", "/api/v1/me", "Basic abc")).status, 401);
  auto me = router_.handle(make("GET", "/api/v1/me", token_for("agent1")));
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(bj::parse(me.body).at("username").as_string(), "agent1");
  EXPECT_EQ(router_.handle(make("GET", "/healthz")).status, 200);
}

TEST_F(RouterTest, ActionRouteRefusesRegisterAndUnknownActions) {
  auto auth = token_for("agent1");
  EXPECT_EQ(router_.handle(make("POST", "/api/v1/tickets/1/register", auth)).status, 404);
  EXPECT_EQ(router_.handle(make("POST", "/api/v1/tickets/1/teleport", auth)).status, 404);
  EXPECT_EQ(router_.handle(make("GET", "/api/v1/tickets/abc", auth)).status, 404);
}

TEST_F(RouterTest, AdminOnlyEditsAreForbiddenToOthers) {
  auto agent = token_for("agent1");
  auto admin = token_for("admin1");
  std::string unit = R"({"parent_id":"440100","kind":"department","name":"市交通运输局"})";
  EXPECT_EQ(router_.handle(make("PUT", "/api/v1/units/dept-transport", agent, unit)).status, 403);
  EXPECT_EQ(router_.handle(make("PUT", "/api/v1/units/dept-transport", admin, unit)).status, 200);
  EXPECT_NE(world_.reference.snapshot()->units.find("dept-transport"), nullptr);

  std::string user = R"({"username":"agent2","password":"password-456","role":"agent"})";
  EXPECT_EQ(router_.handle(make("POST", "/api/v1/users", agent, user)).status, 403);
  EXPECT_EQ(router_.handle(make("POST", "/api/v1/users", admin, user)).status, 201);
  EXPECT_EQ(router_.handle(make("POST", "/api/v1/users", admin, user)).status, 409);

  std::string days = R"({"days":[{"date":"2024-05-13","off_day":true,"name":"test"}]})";
  EXPECT_EQ(router_.handle(make("PUT", "/api/v1/calendar/days", agent, days)).status, 403);
  EXPECT_EQ(router_.handle(make("PUT", "/api/v1/calendar/days", admin, days)).status, 200);
  auto calendar = router_.handle(make("GET", "/api/v1/calendar?from=2024-05-11&to=2024-05-13", agent));
  ASSERT_EQ(calendar.status, 200);
  auto list = bj::parse(calendar.body).at("days").as_array();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_TRUE(list[0].at("working").as_bool());   // make-up working Saturday
  EXPECT_FALSE(list[1].at("working").as_bool());  // Sunday
  EXPECT_FALSE(list[2].at("working").as_bool());  // the new holiday
}

TEST_F(RouterTest, ReferenceReadsAndDeadlinePreview) {
  auto auth = token_for("dispatcher1");
  auto units = router_.handle(make("GET", "/api/v1/units", auth));
  ASSERT_EQ(units.status, 200);
  EXPECT_EQ(bj::parse(units.body).at("items").as_array().size(), 6u);
  auto categories = router_.handle(make("GET", "/api/v1/categories", auth));
  ASSERT_EQ(categories.status, 200);
  EXPECT_EQ(bj::parse(categories.body).at("items").as_array().size(), 2u);
  auto preview = router_.handle(make("GET", "/api/v1/deadline-preview?type=inquiry", auth));
  ASSERT_EQ(preview.status, 200) << preview.body;
  EXPECT_EQ(std::string(bj::parse(preview.body).at("deadline").as_string()), "2024-05-08T23:59:59+08:00");
  EXPECT_EQ(router_.handle(make("GET", "/api/v1/deadline-preview?type=rant", auth)).status, 400);
  EXPECT_EQ(router_.handle(make("GET", "/api/v1/deadline-preview", auth)).status, 400);
  EXPECT_EQ(router_.handle(make("GET", "/api/v1/calendar?from=2024-05-13&to=2024-05-01", auth)).status, 400);
  EXPECT_EQ(router_.handle(make("GET", "/api/v1/calendar?from=2020-01-01&to=2024-05-01", auth)).status, 400);
}

TEST(OpenApi, DocumentsEveryRoute) {
  auto document = bj::parse(openapi_document());
  EXPECT_EQ(document.at("openapi").as_string(), "3.0.3");
  const auto& paths = document.at("paths").as_object();
  for (const Route& route : Router::routes()) {
    std::string method(route.method);
    for (auto& c : method) c = static_cast<char>(c - 'A' + 'a');
    auto path = paths.find(route.pattern);
    ASSERT_NE(path, paths.end()) << route.pattern;
    EXPECT_TRUE(path->value().as_object().contains(method)) << route.method << " " << route.pattern;
  }
}

TEST_F(RouterTest, HealthzWarnsWhenTheCalendarEndsWithinSixtyDays) {
  // The test calendar holds 2024 only; the clock is 2024-05-06.
  auto quiet = router_.handle(make("GET", "/healthz"));
  EXPECT_EQ(quiet.status, 200);
  EXPECT_EQ(quiet.body, R"({"status":"ok"})");
  world_.clock.set(core::WorkCalendar::local_midnight(core::Date{std::chrono::year{2024} / 11 / 15}));
  auto warned = router_.handle(make("GET", "/healthz"));
  EXPECT_EQ(warned.status, 200);
  EXPECT_EQ(warned.body, R"({"status":"ok","warnings":["calendar ends 2024-12-31"]})");
}

TEST_F(RouterTest, CalendarNoticeStoresTheYearAndEndsTheWarning) {
  auto agent = token_for("agent1");
  auto admin = token_for("admin1");
  std::string notice = R"({"year":2025,"text":"一、元旦：1月1日（周三）放假1天，不调休。\n)"
                       R"(二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。"})";
  EXPECT_EQ(router_.handle(make("PUT", "/api/v1/calendar/notice", agent, notice)).status, 403);
  auto stored = router_.handle(make("PUT", "/api/v1/calendar/notice", admin, notice));
  ASSERT_EQ(stored.status, 200) << stored.body;
  auto body = bj::parse(stored.body);
  EXPECT_EQ(body.at("count").as_int64(), 11);
  EXPECT_EQ(body.at("days").as_array()[9].at("date").as_string(), "2025-01-26");
  EXPECT_FALSE(body.at("days").as_array()[9].at("off_day").as_bool());
  auto calendar = router_.handle(make("GET", "/api/v1/calendar?from=2025-01-26&to=2025-01-28", agent));
  ASSERT_EQ(calendar.status, 200);
  auto list = bj::parse(calendar.body).at("days").as_array();
  EXPECT_TRUE(list[0].at("working").as_bool());   // make-up working Sunday
  EXPECT_TRUE(list[1].at("working").as_bool());   // Monday
  EXPECT_FALSE(list[2].at("working").as_bool());  // 除夕

  auto wrong = router_.handle(
      make("PUT", "/api/v1/calendar/notice", admin, R"({"year":2025,"text":"三、清明节：4月4日至6日放假，共4天。"})"));
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(bj::parse(wrong.body).at("error").at("field").as_string(), "text");
  auto no_year = router_.handle(make("PUT", "/api/v1/calendar/notice", admin, R"({"text":"x"})"));
  EXPECT_EQ(no_year.status, 400);
  EXPECT_EQ(bj::parse(no_year.body).at("error").at("field").as_string(), "year");
  // 2025 is loaded now: mid-November 2024 is more than 60 days before the calendar's end.
  world_.clock.set(core::WorkCalendar::local_midnight(core::Date{std::chrono::year{2024} / 11 / 15}));
  EXPECT_EQ(router_.handle(make("GET", "/healthz")).body, R"({"status":"ok"})");
}

}  // namespace
}  // namespace hotline::net
