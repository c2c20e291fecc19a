#include "net/json/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdlib>
#include <string>
#include <limits>
#include <random>

namespace hotline::net::json {
namespace {

namespace bj = boost::json;

TEST(JsonWriter, WritesDoublesAsPeopleReadThem) {
  EXPECT_EQ(json::serialize(bj::value(0.94)), "0.94");
  EXPECT_EQ(json::serialize(bj::value(96.16)), "96.16");
  EXPECT_EQ(json::serialize(bj::value(1.0)), "1.0");
  EXPECT_TRUE(bj::parse(json::serialize(bj::value(1.0))).is_double());
  EXPECT_EQ(json::serialize(bj::value(-0.0)), "-0.0");
  EXPECT_EQ(json::serialize(bj::value(-0.5)), "-0.5");
  EXPECT_EQ(json::serialize(bj::value(1e300)), "1e+300");
  EXPECT_EQ(json::serialize(bj::value(std::nan(""))), "null");
  EXPECT_EQ(json::serialize(bj::value(std::numeric_limits<double>::infinity())), "null");
}

TEST(JsonWriter, WritesEveryKindCompactlyAndEscapesStrings) {
  const bj::object doc{{"a", 1},
                       {"b", bj::array{-2, true, nullptr, "x\"y\\z\n\t\x01"}},
                       {"c", std::uint64_t{18446744073709551615ULL}},
                       {"标题", "噪音扰民"},
                       {"e", bj::object{}},
                       {"f", bj::array{}}};
  EXPECT_EQ(json::serialize(doc),
            R"({"a":1,"b":[-2,true,null,"x\"y\\z\n\t\u0001"],"c":18446744073709551615,"标题":"噪音扰民","e":{},"f":[]})");
  EXPECT_EQ(json::serialize(bj::array{1, "a"}), R"([1,"a"])");
}

TEST(JsonWriter, DoublesReadBackExactly) {
  // Boost 1.81's parser is not correctly rounded, so read the numbers back with strtod.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> real(-1e6, 1e6);
  for (int i = 0; i < 5000; ++i) {
    const double d = real(rng) / std::pow(10.0, i % 12);
    const std::string text = json::serialize(bj::value(d));
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), d) << text;
  }
}

TEST(JsonWriter, AgreesWithBoostOnEverythingButNumberFormat) {
  // With a double, this writer does all of it; without, Boost does.
  bj::array values{0.5, "\u4e2d\u6587 \\ \"quoted\" \x1f \x7f", 12, -7, bj::object{{"k", bj::array{nullptr, false}}}};
  EXPECT_EQ(json::serialize(values), "[0.5," + bj::serialize(values).substr(std::string("[5E-1,").size()));
  values.erase(values.begin());
  EXPECT_EQ(json::serialize(values), bj::serialize(values));
}

}  // namespace
}  // namespace hotline::net::json
