#include "text/text_normalizer.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>

namespace hotline::text {
namespace {

const TextNormalizer& normalizer() {
  static const TextNormalizer instance;  // loading OpenCC once keeps the suite fast
  return instance;
}

TEST(TextNormalizer, FullWidthBecomesHalfWidthAndLowerCase) {
  EXPECT_EQ(normalizer().normalize("ＡＢＣ１２３，！"), "abc123,!");
}

TEST(TextNormalizer, TraditionalBecomesSimplified) {
  EXPECT_EQ(normalizer().normalize("漢字轉換，臺灣"), "汉字转换,台湾");
}

TEST(TextNormalizer, SimplifiedTextIsUnchanged) {
  EXPECT_EQ(normalizer().normalize("小区物业管理混乱"), "小区物业管理混乱");
}

TEST(TextNormalizer, EmptyAndInvalidUtf8) {
  EXPECT_EQ(normalizer().normalize(""), "");
  EXPECT_EQ(normalizer().normalize("a\xFF"), "a\xEF\xBF\xBD");  // U+FFFD
}

TEST(TextNormalizer, ConcurrentCallsAgree) {
  std::string results[2];
  std::thread a([&] { for (int k = 0; k < 200; ++k) results[0] = normalizer().normalize("學校亂收費ＡＢ"); });
  std::thread b([&] { for (int k = 0; k < 200; ++k) results[1] = normalizer().normalize("學校亂收費ＡＢ"); });
  a.join();
  b.join();
  EXPECT_EQ(results[0], "学校乱收费ab");
  EXPECT_EQ(results[1], results[0]);
}

TEST(TextNormalizer, MissingOpenccConfigIsAClearError) {
  EXPECT_THROW(TextNormalizer("no-such-config.json"), std::runtime_error);
}

}  // namespace
}  // namespace hotline::text
