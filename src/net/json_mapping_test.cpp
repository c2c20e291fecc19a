#include <gtest/gtest.h>

#include <set>

#include <boost/json/parse.hpp>

#include "net/json/reference_json.hpp"
#include "net/json/ticket_json.hpp"
#include "net/json/user_json.hpp"
#include "net/openapi.hpp"
#include "net/ticket_query_params.hpp"

namespace hotline::net {
namespace {

using namespace std::chrono;
namespace bj = boost::json;

core::Timestamp at_utc(int y, unsigned m, unsigned d, int h, int min = 0, int s = 0) {
  return core::Timestamp{sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min} + seconds{s}};
}

void expect_invalid(const core::Error& error, const std::string& field) {
  EXPECT_EQ(error.code, core::ErrorCode::invalid_argument) << error.message;
  EXPECT_EQ(error.field, field) << error.message;
}

constexpr const char* kMinimalTicket = R"({"type":"complaint","channel":"phone","title":"噪音扰民"})";

TEST(TicketJson, DecodesFullNewTicket) {
  auto ticket = json::decode_new_ticket(R"({
    "type":"complaint","channel":"wechat","title":"噪音","text":"晚上施工",
    "caller":{"name":"张三","phone":"13800138000","confidential":true},
    "place":{"district":"440106","street":"440106001","address":"五山路1号","latitude":23.1,"longitude":113},
    "category":"城乡建设/住房保障","urgency":"urgent"})");
  ASSERT_TRUE(ticket) << ticket.error().message;
  EXPECT_EQ(ticket->type, core::TicketType::complaint);
  EXPECT_EQ(ticket->channel, core::Channel::wechat);
  EXPECT_EQ(ticket->caller.name, "张三");
  EXPECT_TRUE(ticket->caller.confidential);
  EXPECT_EQ(ticket->place.street, "440106001");
  EXPECT_DOUBLE_EQ(*ticket->place.latitude, 23.1);
  EXPECT_DOUBLE_EQ(*ticket->place.longitude, 113.0);
  EXPECT_EQ(ticket->urgency, core::Urgency::urgent);
}

TEST(TicketJson, MinimalNewTicketTakesDefaults) {
  auto ticket = json::decode_new_ticket(kMinimalTicket);
  ASSERT_TRUE(ticket);
  EXPECT_EQ(ticket->urgency, core::Urgency::normal);
  EXPECT_FALSE(ticket->place.latitude);
}

TEST(TicketJson, RefusesEachMalformedInputNamingTheField) {
  expect_invalid(json::decode_new_ticket("{").error(), "body");
  expect_invalid(json::decode_new_ticket("[1,2]").error(), "body");
  expect_invalid(json::decode_new_ticket("").error(), "body");
  expect_invalid(json::decode_new_ticket(R"({"type":"complaint","channel":"phone","title":"a)"
                                         "\xff"
                                         R"("})")
                     .error(),
                 "body");  // invalid UTF-8
  expect_invalid(json::decode_new_ticket(R"({"type":"complaint","channel":"phone","title":"a","bogus":1})").error(),
                 "bogus");
  expect_invalid(json::decode_new_ticket(R"({"type":"complaint","channel":"phone","title":5})").error(), "title");
  expect_invalid(json::decode_new_ticket(R"({"type":"complaint","channel":"phone"})").error(), "title");
  expect_invalid(json::decode_new_ticket(R"({"type":"rant","channel":"phone","title":"a"})").error(), "type");
  expect_invalid(
      json::decode_new_ticket(R"({"type":"help","channel":"phone","title":"a","caller":{"mobile":"1"}})").error(),
      "caller.mobile");
  expect_invalid(
      json::decode_new_ticket(R"({"type":"help","channel":"phone","title":"a","place":{"latitude":"north"}})").error(),
      "place.latitude");
  expect_invalid(json::decode_new_ticket(R"({"type":"help","channel":"phone","title":"a","caller":[]})").error(),
                 "caller");
}

TEST(TicketJson, RefusesDeepNesting) {
  std::string deep =
      R"({"type":"help","channel":"phone","title":"a","text":)" + std::string(100, '[') + std::string(100, ']') + "}";
  expect_invalid(json::decode_new_ticket(deep).error(), "body");
}

TEST(TicketJson, DecodesActionRequest) {
  auto request = json::decode_action_request(
      core::Action::dispatch, R"({"lead_unit":"440106","co_units":["dept-housing"],"reason":"r","approve":false})");
  ASSERT_TRUE(request) << request.error().message;
  EXPECT_EQ(request->action, core::Action::dispatch);
  EXPECT_EQ(request->lead_unit, "440106");
  EXPECT_EQ(request->co_units, std::vector<std::string>{"dept-housing"});
  EXPECT_FALSE(request->approve);

  auto empty = json::decode_action_request(core::Action::acknowledge, "");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->approve);

  auto callback = json::decode_action_request(core::Action::callback, R"({"rating":"satisfied","merge_into":7})");
  ASSERT_TRUE(callback);
  EXPECT_EQ(callback->rating, core::Rating::satisfied);
  EXPECT_EQ(callback->merge_into, 7);
}

TEST(TicketJson, DecodesCallbackOutcomesIntakeAnswersAndForcedMerges) {
  auto unreachable = json::decode_action_request(core::Action::callback, R"({"outcome":"unreachable"})");
  ASSERT_TRUE(unreachable);
  EXPECT_EQ(unreachable->outcome, core::CallbackOutcome::unreachable);
  EXPECT_EQ(json::decode_action_request(core::Action::callback, "")->outcome, core::CallbackOutcome::rated);
  expect_invalid(json::decode_action_request(core::Action::callback, R"({"outcome":"busy"})").error(), "outcome");
  auto resolve = json::decode_action_request(core::Action::resolve_at_intake,
                                             R"({"answer":"可在线办理","knowledge_article":"KB-1"})");
  ASSERT_TRUE(resolve);
  EXPECT_EQ(resolve->answer, "可在线办理");
  EXPECT_EQ(resolve->knowledge_article, "KB-1");
  auto merge = json::decode_action_request(core::Action::merge, R"({"merge_into":3,"force":true,"reason":"r"})");
  ASSERT_TRUE(merge);
  EXPECT_TRUE(merge->force);
  expect_invalid(json::decode_action_request(core::Action::merge, R"({"force":"yes"})").error(), "force");
}

TEST(TicketJson, RefusesBadActionFields) {
  expect_invalid(json::decode_action_request(core::Action::submit, R"({"lead":"x"})").error(), "lead");
  expect_invalid(json::decode_action_request(core::Action::dispatch, R"({"co_units":["a",3]})").error(), "co_units[1]");
  expect_invalid(json::decode_action_request(core::Action::callback, R"({"rating":"meh"})").error(), "rating");
  expect_invalid(json::decode_action_request(core::Action::request_extension, R"({"extension_days":1.5})").error(),
                 "extension_days");
  expect_invalid(
      json::decode_action_request(core::Action::request_extension, R"({"extension_days":99999999999})").error(),
      "extension_days");
  expect_invalid(json::decode_action_request(core::Action::review, R"({"approve":"yes"})").error(), "approve");
}

TEST(TicketJson, EncodesTicketWithChinaTimesAndNulls) {
  core::Ticket ticket;
  ticket.id = 42;
  ticket.type = core::TicketType::complaint;
  ticket.title = "噪音";
  ticket.state = core::TicketState::dispatched;
  ticket.created_at = at_utc(2024, 5, 6, 2);
  ticket.deadline = at_utc(2024, 5, 27, 16);
  ticket.co_units = {"a", "b"};
  auto value = bj::parse(json::encode_ticket(ticket, at_utc(2024, 5, 20, 0), {core::Action::acknowledge})).as_object();
  EXPECT_FALSE(value.at("overdue").as_bool());
  EXPECT_TRUE(bj::parse(json::encode_ticket(ticket, at_utc(2024, 5, 28, 0), {})).at("overdue").as_bool());
  EXPECT_EQ(value.at("id").as_int64(), 42);
  EXPECT_EQ(value.at("type").as_string(), "complaint");
  EXPECT_EQ(value.at("state").as_string(), "dispatched");
  EXPECT_EQ(value.at("title").as_string(), "噪音");
  EXPECT_EQ(value.at("created_at").as_string(), "2024-05-06T10:00:00+08:00");
  EXPECT_EQ(value.at("deadline").as_string(), "2024-05-28T00:00:00+08:00");
  EXPECT_TRUE(value.at("closed_at").is_null());
  EXPECT_TRUE(value.at("rating").is_null());
  EXPECT_TRUE(value.at("place").as_object().at("latitude").is_null());
  EXPECT_EQ(value.at("co_units").as_array().size(), 2u);
  EXPECT_EQ(value.at("allowed_actions"), bj::parse(R"(["acknowledge"])"));
}

TEST(TicketJson, EncodesPageAndHistory) {
  const json::AllowedActionsOf no_actions = [](const core::Ticket&) { return std::vector<core::Action>{}; };
  core::TicketPage page;
  page.tickets.resize(2);
  page.next_after_id = 9;
  auto value = bj::parse(json::encode_ticket_page(page, core::Timestamp{}, no_actions)).as_object();
  EXPECT_EQ(value.at("items").as_array().size(), 2u);
  EXPECT_EQ(value.at("next_after").as_int64(), 9);
  EXPECT_TRUE(bj::parse(json::encode_ticket_page({}, core::Timestamp{}, no_actions)).as_object().at("next_after").is_null());

  core::TicketEvent event;
  event.action = core::Action::dispatch;
  event.seq = 3;
  event.payload = {{"lead_unit", "440106"},
                   {"acknowledge_deadline", std::to_string(core::to_epoch(at_utc(2024, 5, 7, 16)))}};
  auto history = bj::parse(json::encode_history({event})).as_object();
  const auto& item = history.at("items").as_array().at(0).as_object();
  EXPECT_EQ(item.at("action").as_string(), "dispatch");
  EXPECT_EQ(item.at("payload").as_object().at("acknowledge_deadline").as_string(), "2024-05-08T00:00:00+08:00");
  EXPECT_EQ(item.at("payload").as_object().at("lead_unit").as_string(), "440106");
}

TEST(TicketJson, DecodesTheDispatchSideWorkflowFields) {
  auto forward = json::decode_action_request(core::Action::forward, R"({"unit":"440106001","note":"请办理"})");
  ASSERT_TRUE(forward) << forward.error().message;
  EXPECT_EQ(forward->unit, "440106001");
  EXPECT_EQ(forward->note, "请办理");
  auto opinion = json::decode_action_request(core::Action::co_opinion, R"({"unit":"440104","opinion":"同意"})");
  ASSERT_TRUE(opinion);
  EXPECT_EQ(opinion->opinion, "同意");
  auto correct = json::decode_action_request(
      core::Action::correct, R"({"reason":"r","text_addition":"补充","place":{"street":"","address":"五山路2号"},
        "category":"城乡建设","type":"inquiry","urgency":"urgent"})");
  ASSERT_TRUE(correct) << correct.error().message;
  EXPECT_EQ(correct->correction.text_addition, "补充");
  EXPECT_FALSE(correct->correction.district);
  EXPECT_EQ(correct->correction.street, "");
  EXPECT_EQ(correct->correction.address, "五山路2号");
  EXPECT_EQ(correct->correction.category, "城乡建设");
  EXPECT_EQ(correct->correction.type, core::TicketType::inquiry);
  EXPECT_EQ(correct->correction.urgency, core::Urgency::urgent);
  auto review = json::decode_action_request(core::Action::review, R"({"category":"城乡建设"})");
  ASSERT_TRUE(review);
  EXPECT_FALSE(review->correction.category);  // a reviewer's category is the review's own field
  expect_invalid(json::decode_action_request(core::Action::correct, R"({"place":{"town":"x"}})").error(), "place.town");
  expect_invalid(json::decode_action_request(core::Action::correct, R"({"type":"rumour"})").error(), "type");
  expect_invalid(json::decode_action_request(core::Action::forward, R"({"unit":7})").error(), "unit");
}

TEST(TicketJson, EncodesCoHandlingForwardsAndCorrection) {
  core::Ticket ticket;
  ticket.co_units = {"440104"};
  ticket.co_handling = {{"440104", at_utc(2024, 5, 6, 2), "同意", std::nullopt}};
  ticket.forwarded_from = {"440106"};
  ticket.needs_correction = true;
  ticket.correction_reason = "地址不全";
  auto value = bj::parse(json::encode_ticket(ticket, at_utc(2024, 5, 20, 0), {})).as_object();
  const auto& co = value.at("co_handling").as_array().at(0).as_object();
  EXPECT_EQ(co.at("unit").as_string(), "440104");
  EXPECT_EQ(co.at("acknowledged_at").as_string(), "2024-05-06T10:00:00+08:00");
  EXPECT_EQ(co.at("opinion").as_string(), "同意");
  EXPECT_TRUE(co.at("opinion_at").is_null());
  EXPECT_EQ(value.at("forwarded_from").as_array().at(0).as_string(), "440106");
  EXPECT_TRUE(value.at("needs_correction").as_bool());
  EXPECT_EQ(value.at("correction_reason").as_string(), "地址不全");
}

// additionalProperties is false in the document: every key the server writes must be in it.
TEST(TicketJson, TicketKeysAreExactlyTheDocumentedOnes) {
  auto document = bj::parse(openapi_document());
  const auto& schemas = document.at("components").at("schemas");
  auto keys_of = [](const bj::object& object) {
    std::set<std::string> keys;
    for (const auto& [key, value] : object) keys.insert(std::string(key));
    return keys;
  };
  core::Ticket ticket;
  ticket.co_units = {"440104"};
  ticket.co_handling = {{"440104", std::nullopt, "", std::nullopt}};
  auto value = bj::parse(json::encode_ticket(ticket, at_utc(2024, 5, 20, 0), {})).as_object();
  EXPECT_EQ(keys_of(value), keys_of(schemas.at("Ticket").at("properties").as_object()));
  EXPECT_EQ(keys_of(value.at("co_handling").as_array().at(0).as_object()),
            keys_of(schemas.at("CoHandling").at("properties").as_object()));
}

TEST(TicketJson, DocumentedActionsAreEveryAction) {
  auto document = bj::parse(openapi_document());
  std::set<std::string> in_path;
  const auto& route = document.at("paths").at("/api/v1/tickets/{id}/{action}").at("post");
  for (const auto& parameter : route.at("parameters").as_array()) {
    if (parameter.at("name").as_string() != "action") continue;
    for (const auto& name : parameter.at("schema").at("enum").as_array()) in_path.insert(std::string(name.as_string()));
  }
  std::set<std::string> in_events;
  for (const auto& name :
       document.at("components").at("schemas").at("TicketEvent").at("properties").at("action").at("enum").as_array())
    in_events.insert(std::string(name.as_string()));
  for (core::Action action : core::all_actions()) {
    std::string name{core::to_string(action)};
    EXPECT_TRUE(in_events.contains(name)) << name;
    if (action != core::Action::register_ticket) {
      EXPECT_TRUE(in_path.contains(name)) << name;
    }
  }
}

TEST(UserJson, NeverEncodesThePasswordHash) {
  core::User user;
  user.id = 3;
  user.username = "agent1";
  user.password_hash = "secret-hash";
  user.role = core::Role::dispatcher;
  std::string text = json::encode_login({"tok", user, at_utc(2024, 5, 6, 14)});
  EXPECT_EQ(text.find("secret-hash"), std::string::npos);
  auto value = bj::parse(text).as_object();
  EXPECT_EQ(value.at("token").as_string(), "tok");
  EXPECT_EQ(value.at("expires_at").as_string(), "2024-05-06T22:00:00+08:00");
  EXPECT_EQ(value.at("user").as_object().at("role").as_string(), "dispatcher");
}

TEST(UserJson, DecodesCredentialsAndNewUsersStrictly) {
  ASSERT_TRUE(json::decode_credentials(R"({"username":"a","password":"b"})"));
  expect_invalid(json::decode_credentials(R"({"username":"a"})").error(), "password");
  auto user = json::decode_new_user(R"({"username":"h","password":"p","role":"unit_handler","unit_id":"440106"})");
  ASSERT_TRUE(user);
  EXPECT_EQ(user->role, core::Role::unit_handler);
  expect_invalid(json::decode_new_user(R"({"username":"h","password":"p","role":"boss"})").error(), "role");
  expect_invalid(json::decode_new_user(R"({"username":"h","password":"p","role":"agent","admin":true})").error(),
                 "admin");
}

TEST(ReferenceJson, DecodesUnitAgainstPathId) {
  auto unit = json::decode_unit("440106", R"({"parent_id":"440100","kind":"district","name":"天河区"})");
  ASSERT_TRUE(unit);
  EXPECT_EQ(unit->id, "440106");
  EXPECT_TRUE(unit->active);
  expect_invalid(json::decode_unit("440106", R"({"id":"x","kind":"district","name":"n"})").error(), "id");
  expect_invalid(json::decode_unit("440106", R"({"kind":"planet","name":"n"})").error(), "kind");
}

TEST(ReferenceJson, DecodesCalendarDays) {
  auto days = json::decode_calendar_days(R"({"days":[{"date":"2024-10-01","off_day":true,"name":"国庆节"}]})");
  ASSERT_TRUE(days);
  ASSERT_EQ(days->size(), 1u);
  EXPECT_EQ(days->front().date, year{2024} / October / 1);
  expect_invalid(json::decode_calendar_days(R"({"days":[{"date":"2024-13-01","off_day":true}]})").error(),
                 "days[0].date");
  expect_invalid(json::decode_calendar_days(R"({"days":[{"date":"2024-10-01"}]})").error(), "days[0].off_day");
  expect_invalid(json::decode_calendar_days(R"({"days":[1]})").error(), "days[0]");
}

TEST(TicketQueryParams, DecodesEveryParameter) {
  auto request = make_request("GET",
                              "/api/v1/tickets?state=dispatched,acknowledged&type=complaint&unit=440106&district=440106"
                              "&overdue=true&created_from=2024-05-01T00:00:00%2B08:00&created_to=2024-06-01T00:00:00Z"
                              "&q=%E5%99%AA%E9%9F%B3&after=10&limit=20",
                              "", "");
  ASSERT_TRUE(request);
  auto query = decode_ticket_query(*request);
  ASSERT_TRUE(query) << query.error().message;
  EXPECT_EQ(query->states.size(), 2u);
  EXPECT_EQ(query->type, core::TicketType::complaint);
  EXPECT_EQ(query->units, std::vector<std::string>{"440106"});
  EXPECT_EQ(query->overdue, true);
  EXPECT_EQ(query->created_from, at_utc(2024, 4, 30, 16));
  EXPECT_EQ(query->created_to, at_utc(2024, 6, 1, 0));
  EXPECT_EQ(query->text_contains, "噪音");
  EXPECT_EQ(query->after_id, 10);
  EXPECT_EQ(query->limit, 20);
}

TEST(TicketQueryParams, RefusesUnknownAndMalformedParameters) {
  for (const auto& [target, field] :
       std::vector<std::pair<std::string, std::string>>{{"/t?state=sleeping", "state"},
                                                        {"/t?overdue=yes", "overdue"},
                                                        {"/t?created_from=yesterday", "created_from"},
                                                        {"/t?limit=0", "limit"},
                                                        {"/t?limit=501", "limit"},
                                                        {"/t?after=x", "after"},
                                                        {"/t?colour=red", "colour"}}) {
    auto request = make_request("GET", target, "", "");
    ASSERT_TRUE(request);
    auto query = decode_ticket_query(*request);
    ASSERT_FALSE(query) << target;
    expect_invalid(query.error(), field);
  }
}

}  // namespace
}  // namespace hotline::net
