#include "net/openapi_validator_test_support.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

#include "core/lifecycle_docs.hpp"
#include "net/json/ticket_json.hpp"
#include "net/openapi.hpp"

namespace hotline::net {
namespace {

namespace bj = boost::json;

const bj::value& schema(const bj::value& document, const char* name) {
  return document.at("components").at("schemas").at(name);
}

TEST(OpenApiValidator, ChecksTheSubsetTheDocumentUses) {
  OpenApiValidator validator(R"({"paths":{},"components":{"schemas":{
    "Thing":{"type":"object","required":["id"],"additionalProperties":false,"properties":{
      "id":{"type":"integer"},"kind":{"type":"string","enum":["a","b"]},"at":{"type":"string","format":"date-time"},
      "note":{"type":"string","nullable":true},"tags":{"type":"array","items":{"type":"string"}}}}}}})");
  auto thing = bj::parse(R"({"$ref":"#/components/schemas/Thing"})");
  EXPECT_TRUE(
      validator
          .check_value(bj::parse(R"({"id":1,"kind":"a","at":"2024-05-06T10:00:00+08:00","note":null,"tags":["x"]})"),
                       thing)
          .empty());
  EXPECT_EQ(validator.check_value(bj::parse(R"({"kind":"a"})"), thing).size(), 1u);         // required
  EXPECT_EQ(validator.check_value(bj::parse(R"({"id":1,"extra":1})"), thing).size(), 1u);   // additional
  EXPECT_EQ(validator.check_value(bj::parse(R"({"id":"1"})"), thing).size(), 1u);           // type
  EXPECT_EQ(validator.check_value(bj::parse(R"({"id":1,"kind":"c"})"), thing).size(), 1u);  // enum
  EXPECT_EQ(validator.check_value(bj::parse(R"({"id":1,"at":"yesterday"})"), thing).size(), 1u);
  EXPECT_EQ(validator.check_value(bj::parse(R"({"id":1,"kind":null})"), thing).size(), 1u);   // not nullable
  EXPECT_EQ(validator.check_value(bj::parse(R"({"id":1,"tags":[1]})"), thing).size(), 1u);    // items
  EXPECT_EQ(validator.check_value(bj::parse("1"), bj::parse(R"({"oneOf":[]})")).size(), 1u);  // unsupported
}

// The document once forbade the `overdue` field every ticket carries (additionalProperties false).
TEST(OpenApiValidator, EncodedTicketsMatchTheDocumentedTicket) {
  auto document = bj::parse(committed_openapi_document());
  OpenApiValidator validator(committed_openapi_document());
  core::Ticket ticket;
  ticket.id = 3;
  ticket.co_units = {"440106"};
  ticket.rating = core::Rating::satisfied;
  ticket.attachments = {{std::string(64, 'a'), "现场.jpg", "image/jpeg", 10, "agent1", core::Timestamp{}}};
  auto encoded = bj::parse(json::encode_ticket(ticket, core::Timestamp{}, {core::Action::archive}));
  auto problems = validator.check_value(encoded, schema(document, "Ticket"));
  EXPECT_TRUE(problems.empty()) << problems.front();
  core::TicketPage page;
  page.tickets = {ticket};
  page.next_after_id = 3;
  auto listed = bj::parse(json::encode_ticket_page(page, core::Timestamp{},
                                                   [](const core::Ticket&) { return std::vector<core::Action>{}; }));
  problems = validator.check_value(listed, schema(document, "TicketPage"));
  EXPECT_TRUE(problems.empty()) << problems.front();
}

TEST(OpenApiValidator, ResponsesAreCheckedByOperationAndStatus) {
  OpenApiValidator validator(openapi_document());
  EXPECT_TRUE(validator.check_response("GET", "/healthz", 200, R"({"status":"ok"})").empty());
  EXPECT_EQ(validator.check_response("GET", "/healthz", 200, R"({"status":1})").size(), 1u);
  EXPECT_EQ(validator.check_response("GET", "/healthz", 418, "{}").size(), 1u);  // undocumented status
  EXPECT_TRUE(validator.check_response("HEAD", "/healthz", 200, "").empty());
  EXPECT_EQ(validator.check_response("HEAD", "/healthz", 200, "{}").size(), 1u);
  EXPECT_TRUE(validator.check_response("GET", "/no/such/path", 404, "x").empty());  // the router's own
  auto error = R"({"error":{"code":"not_found","message":"ticket not found"}})";
  EXPECT_TRUE(validator.check_response("GET", "/api/v1/tickets/9?x=1", 404, error).empty());
}

TEST(OpenApi, ActionOperationStatesTheTransitionTable) {
  auto document = bj::parse(openapi_document());
  const auto& operation = document.at("paths").at(kActionOperationPath).at("post");
  std::string description(operation.at("description").as_string());
  EXPECT_NE(description.find(core::lifecycle_action_lines()), std::string::npos) << description;
  std::vector<std::string> documented;
  for (const auto& parameter : operation.at("parameters").as_array()) {
    if (parameter.at("name").as_string() != "action") continue;
    for (const auto& name : parameter.at("schema").at("enum").as_array()) documented.emplace_back(name.as_string());
  }
  std::vector<std::string> table;
  for (const auto& row : core::transition_table()) {
    if (row.action != core::Action::register_ticket) table.emplace_back(core::to_string(row.action));
  }
  EXPECT_EQ(documented, table);
}

}  // namespace
}  // namespace hotline::net
