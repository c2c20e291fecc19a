#include "text/word_segmenter.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hotline::text {
namespace {

std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string_view> views;
  segment_words(text, views);
  return {views.begin(), views.end()};
}

TEST(WordSegmenter, SplitsChineseIntoDictionaryWords) {
  const auto words = words_of("我们小区的物业管理混乱");
  ASSERT_GE(words.size(), 4U);
  std::string joined;
  for (const auto& w : words) joined += w;
  EXPECT_EQ(joined, "我们小区的物业管理混乱");
  EXPECT_NE(std::find(words.begin(), words.end(), "小区"), words.end());
}

TEST(WordSegmenter, DropsPunctuationAndSpaces) {
  EXPECT_EQ(words_of("hello, world! 123"), (std::vector<std::string>{"hello", "world", "123"}));
}

TEST(WordSegmenter, EmptyInput) { EXPECT_TRUE(words_of("").empty()); }

}  // namespace
}  // namespace hotline::text
