#include "text/feature_extractor.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>

namespace hotline::text {
namespace {

std::vector<std::uint64_t> bag(std::string_view text, FeatureOptions options) {
  std::vector<std::uint64_t> features;
  FeatureExtractor(options).extract(text, features);
  std::sort(features.begin(), features.end());
  return features;
}

constexpr FeatureOptions kCharsOnly{3, false, false, false, false, 0, 0};

TEST(FeatureExtractor, TokenisedAndRawTextGiveTheSameCharacterNgrams) {
  EXPECT_EQ(bag("小区 物业 管理", kCharsOnly), bag("小区物业管理", kCharsOnly));
}

TEST(FeatureExtractor, CountsOneToThreeGrams) {
  // 4 unigrams + 3 bigrams + 2 trigrams.
  EXPECT_EQ(bag("小区物业", kCharsOnly).size(), 9U);
}

TEST(FeatureExtractor, StopCharactersAreNotUnigramsButStayInNgrams) {
  // 的 is a stop character: 2 unigrams + 2 bigrams + 1 trigram.
  EXPECT_EQ(bag("我的家", kCharsOnly).size(), 4U);
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
  const FeatureOptions with_words{3, true, false, false, false, 0, 0};  // ICU words
  const auto chars = bag("小区物业管理混乱", kCharsOnly);
  const auto both = bag("小区物业管理混乱", with_words);
  EXPECT_GT(both.size(), chars.size());
  EXPECT_TRUE(std::includes(both.begin(), both.end(), chars.begin(), chars.end()));
}

TEST(FeatureExtractor, EmptyTextHasNoFeatures) { EXPECT_TRUE(bag("", {}).empty()); }

TEST(FeatureExtractor, TheLeadsBigramsCountAgainAsFeaturesOfTheirOwn) {
  FeatureOptions lead = kCharsOnly;
  lead.lead_units = 3;
  lead.lead_ngram_max = 2;
  // 小区物业管理: 6 unigrams + 5 bigrams + 4 trigrams, plus the bigrams starting at units 0-2
  // (小区, 区物, 物业) again as lead features.
  const auto plain = bag("小区物业管理", kCharsOnly);
  const auto with_lead = bag("小区物业管理", lead);
  EXPECT_EQ(plain.size(), 15U);
  EXPECT_EQ(with_lead.size(), 18U);
  EXPECT_TRUE(std::includes(with_lead.begin(), with_lead.end(), plain.begin(), plain.end()));
  // The same bigram later in the text is not a lead feature: 管理 first vs last.
  EXPECT_NE(bag("管理小区物业", lead), bag("物业小区管理", lead));
  EXPECT_EQ(bag("管理小区物业", kCharsOnly).size(), bag("物业小区管理", kCharsOnly).size());
  // Words of the title stay lead features when the title is joined to the text.
  EXPECT_EQ(bag("小区\n物业管理", lead).size(), with_lead.size());
}

std::shared_ptr<const WordDictionary> dictionary_of(const std::vector<std::string>& tokenised) {
  WordDictionary::Counts counts;
  for (const auto& text : tokenised) FeatureExtractor::count_tokens(text, counts);
  return std::make_shared<const WordDictionary>(WordDictionary::build(counts, 2));
}

std::vector<std::string> words_of(const FeatureExtractor& extractor, std::string_view text) {
  std::vector<std::string_view> views;
  extractor.dictionary_words(text, views);
  return {views.begin(), views.end()};
}

TEST(FeatureExtractor, TellsTokenisedFromRunningText) {
  EXPECT_TRUE(FeatureExtractor::looks_tokenized("小区 物业 管理 混乱 业主 投诉"));
  EXPECT_FALSE(FeatureExtractor::looks_tokenized("小区物业管理混乱，业主多次投诉无果。"));
  EXPECT_FALSE(FeatureExtractor::looks_tokenized("A3 区"));
}

TEST(FeatureExtractor, DictionarySegmentsRunningTextIntoTheLearnedWords) {
  const auto dictionary = dictionary_of({"小区 物业 管理 混乱", "小区 物业 收费", "物业 管理 公司", "管理 混乱"});
  EXPECT_EQ(dictionary->word_count(), 4U);  // 小区, 物业, 管理, 混乱: seen twice or more (收费, 公司 once)
  const FeatureExtractor extractor({}, dictionary);
  EXPECT_EQ(words_of(extractor, "小区物业管理"), (std::vector<std::string>{"小区", "物业", "管理"}));
  // Unknown characters stay single; punctuation ends a word.
  EXPECT_EQ(words_of(extractor, "的小区，物业"), (std::vector<std::string>{"的", "小区", "物业"}));
  // A token boundary in the input is kept: "区物" is never a word across the space.
  EXPECT_EQ(words_of(extractor, "小 区物业"), (std::vector<std::string>{"小", "区", "物业"}));
}

TEST(FeatureExtractor, PrefersTheMostProbableSegmentation) {
  // 研究生 is a frequent word and 研究 + 生命 too; "研究生命" has two readings.
  const auto dictionary = dictionary_of({"研究 生命 起源", "研究 生命", "研究生 招生", "研究生 考试", "研究 方向", "研究 生命"});
  const FeatureExtractor extractor({}, dictionary);
  EXPECT_EQ(words_of(extractor, "研究生命"), (std::vector<std::string>{"研究", "生命"}));
}

TEST(FeatureExtractor, DictionaryWordsAndPairsAreFeatures) {
  const auto dictionary = dictionary_of({"小区 物业 管理", "小区 物业 管理"});
  const FeatureOptions chars_only{3, false, false, false, true, 0, 0};
  const FeatureOptions words{3, true, false, false, true, 0, 0};
  const FeatureOptions pairs{3, true, true, false, true, 0, 0};
  const FeatureOptions lead_words{3, true, false, false, true, 2, 0};
  std::vector<std::uint64_t> a;
  std::vector<std::uint64_t> b;
  std::vector<std::uint64_t> c;
  FeatureExtractor(chars_only, dictionary).extract("小区物业管理", a);
  FeatureExtractor(words, dictionary).extract("小区物业管理", b);
  FeatureExtractor(pairs, dictionary).extract("小区物业管理", c);
  EXPECT_EQ(b.size(), a.size() + 3);      // 小区, 物业, 管理
  EXPECT_EQ(c.size(), a.size() + 3 + 2);  // and two pairs
  // Only 小区 starts within a lead of two units: it counts once more.
  std::vector<std::uint64_t> lead;
  FeatureExtractor(lead_words, dictionary).extract("小区物业管理", lead);
  EXPECT_EQ(lead.size(), b.size() + 1);
  // The same features whether the message came tokenised or not.
  std::vector<std::uint64_t> tokenised;
  FeatureExtractor(pairs, dictionary).extract("小区 物业 管理", tokenised);
  std::sort(c.begin(), c.end());
  std::sort(tokenised.begin(), tokenised.end());
  EXPECT_EQ(c, tokenised);
  // Without a dictionary there are no word features.
  std::vector<std::uint64_t> none;
  FeatureExtractor(pairs).extract("小区物业管理", none);
  EXPECT_EQ(none.size(), a.size());
}

TEST(WordDictionary, SurvivesSaveAndLoadAndRejectsDamage) {
  const auto dictionary = dictionary_of({"小区 物业", "小区 物业"});
  BinaryWriter out;
  dictionary->save(out);
  BinaryReader in(out.bytes());
  const auto loaded = WordDictionary::load(in);
  EXPECT_EQ(loaded.word_count(), dictionary->word_count());
  EXPECT_EQ(words_of(FeatureExtractor({}, std::make_shared<const WordDictionary>(loaded)), "小区物业"),
            (std::vector<std::string>{"小区", "物业"}));
  std::string damaged = out.bytes();
  damaged.resize(damaged.size() - 3);
  BinaryReader short_in(damaged);
  EXPECT_THROW((void)WordDictionary::load(short_in), std::runtime_error);
}

}  // namespace
}  // namespace hotline::text
