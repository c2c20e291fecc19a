#include "text/feature_extractor.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace hotline::text {
namespace {

std::vector<std::uint64_t> bag(std::string_view text, FeatureOptions options) {
  std::vector<std::uint64_t> features;
  FeatureExtractor(options).extract(text, features);
  std::sort(features.begin(), features.end());
  return features;
}

constexpr FeatureOptions kCharsOnly{3, false, false, false};

TEST(FeatureExtractor, TokenisedAndRawTextGiveTheSameCharacterNgrams) {
  EXPECT_EQ(bag("小区 物业 管理", kCharsOnly), bag("小区物业管理", kCharsOnly));
}

TEST(FeatureExtractor, CountsOneToThreeGrams) {
  // 4 unigrams + 3 bigrams + 2 trigrams.
  EXPECT_EQ(bag("小区物业", kCharsOnly).size(), 9U);
}

TEST(FeatureExtractor, StopCharactersAreNotUnigramsButStayInNgrams) {
  // 的 is a stop character: 2 unigrams + 2 bigrams + 1 trigram.
  EXPECT_EQ(bag("我的家", {3, false, false, false}).size(), 4U);
}

TEST(FeatureExtractor, SingleLatinLettersAreDropped) {
  EXPECT_EQ(bag("a市", kCharsOnly), bag("市", kCharsOnly));
  EXPECT_NE(bag("a3区", kCharsOnly), bag("区", kCharsOnly));
}

TEST(FeatureExtractor, PunctuationIsSkippedOrBreaksRuns) {
  EXPECT_EQ(bag("小区,物业", kCharsOnly), bag("小区物业", kCharsOnly));
  FeatureOptions breaks = kCharsOnly;
  breaks.punctuation_breaks = true;
  EXPECT_LT(bag("小区,物业", breaks).size(), bag("小区物业", breaks).size());
}

TEST(FeatureExtractor, WordFeaturesAreAddedAndDistinctFromCharacterGrams) {
  const FeatureOptions with_words{3, true, false, false};
  const auto chars = bag("小区物业管理混乱", kCharsOnly);
  const auto both = bag("小区物业管理混乱", with_words);
  EXPECT_GT(both.size(), chars.size());
  EXPECT_TRUE(std::includes(both.begin(), both.end(), chars.begin(), chars.end()));
}

TEST(FeatureExtractor, EmptyTextHasNoFeatures) { EXPECT_TRUE(bag("", {}).empty()); }

}  // namespace
}  // namespace hotline::text
