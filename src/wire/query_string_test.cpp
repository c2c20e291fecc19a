#include "wire/query_string.hpp"

#include <gtest/gtest.h>

namespace hotline::wire {
namespace {

TEST(QueryString, DecodesSegmentsAndParametersInOrder) {
  auto target = decode_target("/api/v1/tickets/%E5%B0%8F?state=dispatched,closed&q=%E5%99%AA%E9%9F%B3&q=2");
  ASSERT_TRUE(target) << target.error().message;
  EXPECT_EQ(target->segments, (std::vector<std::string>{"api", "v1", "tickets", "小"}));
  EXPECT_EQ(target->query, (QueryParams{{"state", "dispatched,closed"}, {"q", "噪音"}, {"q", "2"}}));
  EXPECT_EQ(find_param(target->query, "q"), "噪音");
  EXPECT_FALSE(find_param(target->query, "limit"));
}

// curl sends Chinese filter values unencoded: raw UTF-8 reads like its percent-encoding, and raw
// bytes that are not UTF-8 are refused like their encoded form.
TEST(QueryString, RawUtf8ReadsLikeItsPercentEncoding) {
  auto raw = decode_target("/api/v1/tickets?text=噪音&district=天河区");
  ASSERT_TRUE(raw) << raw.error().message;
  EXPECT_EQ(raw->query, (QueryParams{{"text", "噪音"}, {"district", "天河区"}}));
  auto encoded = decode_target("/api/v1/tickets?text=%E5%99%AA%E9%9F%B3&district=%E5%A4%A9%E6%B2%B3%E5%8C%BA");
  ASSERT_TRUE(encoded);
  EXPECT_EQ(raw->query, encoded->query);
  auto path = decode_target("/api/v1/units/小");
  ASSERT_TRUE(path);
  EXPECT_EQ(path->segments.back(), "小");
  auto gbk = decode_target("/a?q=\xC7\xF8");
  ASSERT_FALSE(gbk);
  EXPECT_EQ(gbk.error().field, "target");
}

TEST(QueryString, RefusesMalformedTargetsAndInvalidUtf8) {
  for (const char* text : {"api/v1", "/a%zz", "/%D0%A1%C7%F8", "/a?q=%C7%F8", "/a?%FF=1"}) {
    auto target = decode_target(text);
    ASSERT_FALSE(target) << text;
    EXPECT_EQ(target.error().code, core::ErrorCode::invalid_argument);
    EXPECT_EQ(target.error().field, "target");
  }
}

TEST(QueryString, RefusesNulCharactersNamingTheParameter) {
  auto in_value = decode_target("/api/v1/tickets?q=%E5%99%AA%00");
  ASSERT_FALSE(in_value);
  EXPECT_EQ(in_value.error().code, core::ErrorCode::invalid_argument);
  EXPECT_EQ(in_value.error().field, "q");
  EXPECT_NE(in_value.error().message.find("NUL"), std::string::npos);
  for (const char* text : {"/api/v1/tickets/1%00", "/a?%00=1"}) {
    auto target = decode_target(text);
    ASSERT_FALSE(target) << text;
    EXPECT_EQ(target.error().field, "target") << text;
  }
  EXPECT_TRUE(decode_target("/a?q=%01"));
}

TEST(QueryString, ReadsIntegersListsAndRefusesUnknownParameters) {
  EXPECT_EQ(parse_integer("42"), 42);
  EXPECT_EQ(parse_integer("-7"), -7);
  for (const char* text : {"", "4x", "+1", " 1", "99999999999999999999"}) EXPECT_FALSE(parse_integer(text)) << text;
  EXPECT_EQ(split_list("a,,b,"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(split_list("").empty());
  EXPECT_TRUE(only_params({{"from", "1"}, {"to", "2"}}, {"from", "to"}));
  auto unknown = only_params({{"from", "1"}, {"colour", "red"}}, {"from", "to"});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "colour: unknown parameter");
  EXPECT_EQ(unknown.error().field, "colour");
}

}  // namespace
}  // namespace hotline::wire
