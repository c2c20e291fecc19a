#include "wire/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cmath>
#include <cstdlib>
#include <string>
#include <limits>
#include <random>

namespace hotline::wire {
namespace {

namespace bj = boost::json;

TEST(JsonWriter, WritesDoublesAsPeopleReadThem) {
  EXPECT_EQ(wire::serialize(bj::value(0.94)), "0.94");
  EXPECT_EQ(wire::serialize(bj::value(96.16)), "96.16");
  EXPECT_EQ(wire::serialize(bj::value(1.0)), "1.0");
  EXPECT_TRUE(bj::parse(wire::serialize(bj::value(1.0))).is_double());
  EXPECT_EQ(wire::serialize(bj::value(-0.0)), "-0.0");
  EXPECT_EQ(wire::serialize(bj::value(-0.5)), "-0.5");
  EXPECT_EQ(wire::serialize(bj::value(1e300)), "1e+300");
  EXPECT_EQ(wire::serialize(bj::value(std::nan(""))), "null");
  EXPECT_EQ(wire::serialize(bj::value(std::numeric_limits<double>::infinity())), "null");
}

TEST(JsonWriter, WritesEveryKindCompactlyAndEscapesStrings) {
  const bj::object doc{{"a", 1},
                       {"b", bj::array{-2, true, nullptr, "x\"y\\z\n\t\x01"}},
                       {"c", std::uint64_t{18446744073709551615ULL}},
                       {"标题", "噪音扰民"},
                       {"e", bj::object{}},
                       {"f", bj::array{}}};
  EXPECT_EQ(wire::serialize(doc),
            R"({"a":1,"b":[-2,true,null,"x\"y\\z\n\t\u0001"],"c":18446744073709551615,"标题":"噪音扰民","e":{},"f":[]})");
  EXPECT_EQ(wire::serialize(bj::array{1, "a"}), R"([1,"a"])");
}

TEST(JsonWriter, DoublesReadBackExactly) {
  // Boost 1.81's parser is not correctly rounded, so read the numbers back with strtod.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> real(-1e6, 1e6);
  for (int i = 0; i < 5000; ++i) {
    const double d = real(rng) / std::pow(10.0, i % 12);
    const std::string text = wire::serialize(bj::value(d));
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), d) << text;
  }
}

TEST(JsonWriter, AgreesWithBoostOnEverythingButNumberFormat) {
  // With a double, this writer does all of it; without, Boost does.
  bj::array values{0.5, "\u4e2d\u6587 \\ \"quoted\" \x1f \x7f", 12, -7, bj::object{{"k", bj::array{nullptr, false}}}};
  EXPECT_EQ(wire::serialize(values), "[0.5," + bj::serialize(values).substr(std::string("[5E-1,").size()));
  values.erase(values.begin());
  EXPECT_EQ(wire::serialize(values), bj::serialize(values));
}

TEST(JsonWriter, EscapesStrings) {
  JsonWriter out;
  out.string("a\"b\\\n\x01中");
  EXPECT_EQ(out.text(), "\"a\\\"b\\\\\\n\\u0001中\"");
}

TEST(JsonWriter, BuildsDocumentsWithCommasAndFixedDecimals) {
  JsonWriter out;
  out.begin_object().key("year").integer(2023).key("rate").fixed(96.42, 2).key("full").fixed(100, 2);
  out.key("months").begin_array().string("2023-01").null().begin_object().end_object().end_array();
  out.key("score").number(0.94).key("big").unsigned_integer(18446744073709551615ULL).key("ok").boolean(true);
  out.key("nan").fixed(std::nan(""), 2).key("tree").value(bj::object{{"a", bj::array{1, 0.5}}}).end_object();
  EXPECT_EQ(out.take(),
            R"({"year":2023,"rate":96.42,"full":100.00,"months":["2023-01",null,{}],"score":0.94,)"
            R"("big":18446744073709551615,"ok":true,"nan":null,"tree":{"a":[1,0.5]}})");
  EXPECT_EQ(out.text(), "");
  out.string("next");
  EXPECT_EQ(out.text(), R"("next")");
}

}  // namespace
}  // namespace hotline::wire
