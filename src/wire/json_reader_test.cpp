#include "wire/json_reader.hpp"

#include <gtest/gtest.h>

#include <boost/json/object.hpp>

namespace hotline::wire {
namespace {

TEST(JsonReader, ReadsKnownKeysAndRefusesUnknownOnes) {
  auto object = parse_object(R"({"title":"噪音","count":3,"urgent":true,"units":["a","b"],"extra":1})");
  ASSERT_TRUE(object) << object.error().message;
  ObjectReader reader(*object, "ticket.");
  EXPECT_EQ(reader.string("title", Need::required), "噪音");
  EXPECT_EQ(reader.integer("count"), 3);
  EXPECT_EQ(reader.boolean("urgent"), true);
  EXPECT_EQ(reader.string_array("units"), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(reader.string("missing"));
  auto done = reader.finish();
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().field, "ticket.extra");
  EXPECT_EQ(done.error().message, "ticket.extra: unknown field");
}

TEST(JsonReader, TheFirstProblemNamesItsField) {
  auto object = parse_object(R"({"title":7,"units":["a",2]})");
  ASSERT_TRUE(object);
  ObjectReader reader(*object);
  EXPECT_FALSE(reader.string("title"));
  EXPECT_FALSE(reader.string_array("units"));
  auto done = reader.finish();
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().field, "title");
  EXPECT_EQ(done.error().message, "title: must be a string");

  ObjectReader required(*object);
  (void)required.string("caller", Need::required);
  EXPECT_EQ(required.finish().error().message, "caller: is required");
}

TEST(JsonReader, RefusesNonObjectsMalformedJsonAndInvalidUtf8) {
  for (const char* body : {"[]", "{", "", "{\"a\":\"\xD0\xA1\xC7\xF8\"}"}) {
    auto object = parse_object(body);
    ASSERT_FALSE(object) << body;
    EXPECT_EQ(object.error().field, "body");
  }
  EXPECT_TRUE(parse_object("", true));
}

TEST(JsonReader, RefusesDuplicateKeysNamingTheField) {
  // Boost.JSON keeps the last of two equal keys; a request that says two things must say one.
  const std::pair<const char*, const char*> cases[] = {
      {R"({"title":"a","title":"b"})", "title"},
      {R"({"title":"a","caller":{"phone":"1","name":"x","phone":"2"}})", "caller.phone"},
      {R"({"items":[{"a":1},{"b":[{"c":1,"c":1}]}]})", "items[1].b[0].c"},
      {R"({"a":{},"b":{"a":1},"a":2})", "a"},
  };
  for (const auto& [body, field] : cases) {
    auto object = parse_object(body);
    ASSERT_FALSE(object) << body;
    EXPECT_EQ(object.error().code, core::ErrorCode::invalid_argument);
    EXPECT_EQ(object.error().field, field) << body;
    EXPECT_EQ(object.error().message, std::string(field) + ": duplicate key") << body;
  }
  // The same key in sibling objects is no duplicate.
  EXPECT_TRUE(parse_object(R"({"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":2}]})"));
}

TEST(JsonReader, RefusesNulCharactersInAnyString) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"title":"a\u0000b"})", "title"},
      {R"({"caller":{"name":"\u0000"}})", "caller.name"},
      {R"({"co_units":["a","b\u0000"]})", "co_units[1]"},
      {R"({"a\u0000":"b"})", "body"},
  };
  for (const auto& [body, field] : cases) {
    auto object = parse_object(body);
    ASSERT_FALSE(object) << body;
    EXPECT_EQ(object.error().code, core::ErrorCode::invalid_argument);
    EXPECT_EQ(object.error().field, field) << body;
    EXPECT_NE(object.error().message.find("NUL"), std::string::npos) << object.error().message;
  }
  // A raw NUL byte is no valid JSON string character either.
  EXPECT_FALSE(parse_object(std::string("{\"title\":\"a\0b\"}", 15)));
  EXPECT_TRUE(parse_object(R"({"title":"a\u0001b"})"));
}

}  // namespace
}  // namespace hotline::wire
