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

}  // namespace
}  // namespace hotline::wire
