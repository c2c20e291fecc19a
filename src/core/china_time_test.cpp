#include "core/china_time.hpp"

#include <gtest/gtest.h>

namespace hotline::core {
namespace {

using namespace std::chrono;

Timestamp at_utc(int y, unsigned m, unsigned d, int h, int min = 0, int s = 0) {
  return Timestamp{sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{min} + seconds{s}};
}

TEST(ChinaTime, DatesAndMidnightsAreUtcPlusEight) {
  EXPECT_EQ(china_date(at_utc(2023, 12, 31, 15, 59, 59)), year{2023} / 12 / 31);
  EXPECT_EQ(china_date(at_utc(2023, 12, 31, 16)), year{2024} / 1 / 1);
  EXPECT_EQ(china_midnight(year{2024} / 1 / 1), at_utc(2023, 12, 31, 16));
}

TEST(TimeFormat, FormatsInChinaTime) {
  EXPECT_EQ(format_timestamp(at_utc(2024, 5, 6, 2)), "2024-05-06T10:00:00+08:00");
  EXPECT_EQ(format_timestamp(at_utc(2023, 12, 31, 20, 5, 9)), "2024-01-01T04:05:09+08:00");
}

TEST(TimeFormat, ParsesOffsetsZuluAndFractions) {
  EXPECT_EQ(parse_timestamp("2024-05-06T10:00:00+08:00"), at_utc(2024, 5, 6, 2));
  EXPECT_EQ(parse_timestamp("2024-05-06T02:00:00Z"), at_utc(2024, 5, 6, 2));
  EXPECT_EQ(parse_timestamp("2024-05-05T21:30:00.250-04:30"), at_utc(2024, 5, 6, 2));
  auto round_trip = at_utc(2025, 2, 28, 23, 59, 59);
  EXPECT_EQ(parse_timestamp(format_timestamp(round_trip)), round_trip);
}

TEST(TimeFormat, RefusesMalformedOrOffsetless) {
  for (const char* text : {"2024-05-06T10:00:00", "2024-02-30T10:00:00Z", "2024-05-06 10:00:00Z", "2024-5-6T10:00:00Z",
                           "2024-05-06T24:00:00Z", "2024-05-06T10:00:00+0800", "2024-05-06T10:00:00Zjunk", ""}) {
    EXPECT_FALSE(parse_timestamp(text)) << text;
  }
}

TEST(TimeFormat, RecordSyntaxReadsChinaTimeLeapSecondsAndSpaces) {
  EXPECT_EQ(parse_timestamp("2024-05-06 10:00:00", TimestampSyntax::record), at_utc(2024, 5, 6, 2));
  EXPECT_EQ(parse_timestamp("2024-05-06T10:00:00", TimestampSyntax::record), at_utc(2024, 5, 6, 2));
  EXPECT_EQ(parse_timestamp("2024-05-06 02:00:00Z", TimestampSyntax::record), at_utc(2024, 5, 6, 2));
  EXPECT_EQ(parse_timestamp("2024-05-06T01:59:60Z", TimestampSyntax::record), at_utc(2024, 5, 6, 2));
  for (const char* text : {"2024-05-06t10:00:00", "2024-05-06T10:00:00.5", "2024-05-06T10:00:00z", "2024-05-06T10:00"})
    EXPECT_FALSE(parse_timestamp(text, TimestampSyntax::record)) << text;
}

}  // namespace
}  // namespace hotline::core
