#include "wire/json_line.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hotline::wire {
namespace {

TEST(JsonLine, ParsesStringsWithEscapesAndLiterals) {
  const auto object = parse_json_string_object(R"( {"title":"a\"b\\c\n","text":"\u5c0f\ud83d\ude00","id":12,"ok":true} )");
  EXPECT_EQ(object.at("title"), "a\"b\\c\n");
  EXPECT_EQ(object.at("text"), "小\xF0\x9F\x98\x80");
  EXPECT_EQ(object.at("id"), "12");
  EXPECT_EQ(object.at("ok"), "true");
}

TEST(JsonLine, RejectsMalformedInput) {
  EXPECT_THROW((void)parse_json_string_object(R"({"a":"x")"), std::runtime_error);
  EXPECT_THROW((void)parse_json_string_object(R"({"a":["x"]})"), std::runtime_error);
  EXPECT_THROW((void)parse_json_string_object(R"({"a":"\ud83d"})"), std::runtime_error);
  EXPECT_THROW((void)parse_json_string_object(R"({"a":"x"} extra)"), std::runtime_error);
}

}  // namespace
}  // namespace hotline::wire
