#include "text/duplicate_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace hotline::text {
namespace {

using std::chrono::days;
using std::chrono::sys_seconds;

const sys_seconds kDay0{std::chrono::seconds{1'700'000'000}};

// A small index of unrelated messages plus one matter reported twice.
DuplicateIndex sample_index(DuplicateOptions options = {}) {
  DuplicateIndex index(options);
  index.add(1, kDay0, "丽发新城小区旁边的搅拌站每天晚上施工，噪音和粉尘严重扰民，请相关部门处理");
  index.add(2, kDay0 + days(1), "孩子入学报名需要哪些材料，户口不在本区可以报名吗");
  index.add(3, kDay0 + days(2), "公交车司机开车时打电话，乘客安全没有保障");
  index.add(4, kDay0 + days(3), "社保卡丢失后如何补办，需要本人到场吗");
  index.add(5, kDay0 + days(4), "小区物业乱收停车费，业主意见很大");
  return index;
}

TEST(DuplicateIndex, FindsTheSameMatterInOtherWords) {
  const auto index = sample_index();
  const auto found = index.query("丽发新城搅拌站噪音扰民，晚上施工粉尘大，希望尽快处理", kDay0 + days(5));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front().id, 1);
  EXPECT_GT(found.front().score, 0.3);
  for (const auto& match : found) EXPECT_NE(match.id, 2);
}

TEST(DuplicateIndex, IdenticalTextScoresOne) {
  const auto index = sample_index();
  const auto found = index.query("社保卡丢失后如何补办，需要本人到场吗", kDay0 + days(5));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front().id, 4);
  EXPECT_NEAR(found.front().score, 1.0, 1e-9);
  EXPECT_NEAR(index.similarity(4, 4), 1.0, 1e-9);
  EXPECT_LT(index.similarity(4, 2), 0.2);
}

TEST(DuplicateIndex, OnlyEntriesWithinTheWindowAreCandidates) {
  const auto index = sample_index();
  const std::string text = "丽发新城小区旁边的搅拌站每天晚上施工，噪音和粉尘严重扰民，请相关部门处理";
  EXPECT_FALSE(index.query(text, kDay0 + days(30)).empty());
  EXPECT_TRUE(index.query(text, kDay0 + days(31)).empty());
}

TEST(DuplicateIndex, RemoveReplaceExcludeAndExpire) {
  auto index = sample_index();
  const std::string text = "社保卡丢失后如何补办，需要本人到场吗";
  EXPECT_TRUE(index.query(text, kDay0, 4).empty());  // the message itself is excluded
  EXPECT_TRUE(index.remove(4));
  EXPECT_FALSE(index.remove(4));
  EXPECT_TRUE(index.query(text, kDay0).empty());
  index.add(2, kDay0, text);  // replaces entry 2
  EXPECT_EQ(index.size(), 4u);
  ASSERT_FALSE(index.query(text, kDay0).empty());
  EXPECT_EQ(index.query(text, kDay0).front().id, 2);
  EXPECT_EQ(index.expire_before(kDay0 + days(3)), 3u);  // 1, 2 and 3
  EXPECT_EQ(index.size(), 1u);
  EXPECT_DOUBLE_EQ(index.similarity(1, 5), 0.0);  // 1 is gone
}

TEST(DuplicateIndex, ShinglesIgnorePunctuationSpacingAndStopCharacters) {
  const DuplicateIndex index;
  EXPECT_EQ(index.shingles("小区 物业，乱收费！"), index.shingles("小区物业乱收费"));
  EXPECT_TRUE(index.shingles("你好").empty());
}

TEST(DuplicateIndex, ResultsAreCappedAndSorted) {
  DuplicateOptions options;
  options.max_results = 2;
  options.min_score = 0.0;
  DuplicateIndex index(options);
  for (int k = 0; k < 5; ++k) index.add(k, kDay0, "垃圾站臭味扰民" + std::to_string(k));
  const auto found = index.query("垃圾站臭味扰民", kDay0);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_GE(found[0].score, found[1].score);
}

TEST(DuplicateIndex, SummaryIsAShortFirstLine) {
  const DuplicateIndex index;
  const std::string title = "魅力之城小区油烟扰民";
  const auto summary = index.summary_shingles(title + "\n楼下餐馆每天营业到凌晨，烧烤油烟飘进住户家里");
  EXPECT_EQ(summary, index.shingles(title));
  const auto all = index.shingles(title + "\n楼下餐馆每天营业到凌晨，烧烤油烟飘进住户家里");
  EXPECT_TRUE(std::includes(all.begin(), all.end(), summary.begin(), summary.end()));
  EXPECT_TRUE(index.summary_shingles("没有标题的一段话，只有正文内容").empty());  // no line break: the whole text
  EXPECT_TRUE(index.summary_shingles(title + "\n").empty());               // same shingles as the whole text
  DuplicateOptions short_titles;
  short_titles.max_summary_chars = 4;
  EXPECT_TRUE(DuplicateIndex(short_titles).summary_shingles(title + "\n楼下餐馆营业到凌晨").empty());  // a paragraph, not a title
}

// Two citizens report one restaurant's fumes in their own words; a third message names the same
// estate for another problem. Titles name place and problem, bodies share little.
DuplicateIndex same_matter_index(double summary_weight) {
  DuplicateOptions options;
  options.summary_weight = summary_weight;
  options.min_score = 0.0;
  DuplicateIndex index = sample_index(options);
  index.add(10, kDay0, "魅力之城小区底层餐馆油烟扰民\n我家住在三楼，楼下临街门面的厨房从早到晚排烟，烟都往窗户里钻，衣服不敢晾在外面，老人咳嗽不止，投诉多次没有结果");
  index.add(11, kDay0 + days(2), "魅力之城临街门面油烟直排\n本小区楼下几家餐馆没有专用烟道，烧烤摊深夜营业，油烟扰民，居民苦不堪言，希望环保和城管部门联合执法");
  index.add(12, kDay0 + days(3), "魅力之城小区电梯经常故障\n物业维修不及时，多次困人，业主出行很不方便，请质监部门督促整改");
  return index;
}

TEST(DuplicateIndex, SummaryTermFindsTheSameMatterInOtherWords) {
  const auto cosine_only = same_matter_index(0.0);
  const auto mixed = same_matter_index(0.5);
  EXPECT_LT(cosine_only.similarity(10, 11), 0.2);
  EXPECT_GE(mixed.similarity(10, 11), DuplicateOptions{}.min_score);
  EXPECT_GT(mixed.similarity(10, 11), mixed.similarity(10, 12));  // same estate, other problem
  EXPECT_GT(mixed.similarity(11, 10), mixed.similarity(11, 12));
  EXPECT_NEAR(mixed.similarity(10, 11), mixed.similarity(11, 10), 1e-12);
}

TEST(DuplicateIndex, QueryScoresLikeSimilarity) {
  const auto index = same_matter_index(0.5);
  const auto found = index.query("魅力之城临街门面油烟直排\n本小区楼下几家餐馆没有专用烟道，烧烤摊深夜营业，油烟扰民，居民苦不堪言，希望环保和城管部门联合执法",
                                 kDay0 + days(2), 11);
  const auto match = std::find_if(found.begin(), found.end(), [](const DuplicateMatch& m) { return m.id == 10; });
  ASSERT_NE(match, found.end());
  EXPECT_NEAR(match->score, index.similarity(10, 11), 1e-9);
  EXPECT_EQ(found.front().id, 10);
}

TEST(DuplicateIndex, WithoutSummaryLinesTheScoreIsTheCosine) {
  DuplicateOptions cosine_only;
  cosine_only.summary_weight = 0.0;
  DuplicateOptions mixed;
  mixed.summary_weight = 0.5;
  const auto a = sample_index(cosine_only);
  const auto b = sample_index(mixed);
  for (const std::int64_t other : {2, 3, 4, 5}) EXPECT_NEAR(a.similarity(1, other), b.similarity(1, other), 1e-12);
  const std::string text = "丽发新城搅拌站噪音扰民，晚上施工粉尘大，希望尽快处理";
  ASSERT_FALSE(a.query(text, kDay0).empty());
  EXPECT_NEAR(a.query(text, kDay0).front().score, b.query(text, kDay0).front().score, 1e-12);
}

TEST(DuplicateIndex, OnlyTheStartOfALongTextIsShingled) {
  DuplicateOptions options;
  options.max_content_chars = 6;
  const DuplicateIndex index(options);
  // Six content characters: punctuation and the stop character 的 do not count.
  EXPECT_EQ(index.shingles("丽发新城，小区的油烟扰民问题"), index.shingles("丽发新城小区"));
  EXPECT_EQ(index.shingles("丽发新城小区").size(), 5U);
  EXPECT_EQ(DuplicateIndex().shingles("丽发新城，小区的油烟扰民问题").size(), 11U);  // default: 300
}

TEST(DuplicateIndex, RarePhrasesAreTheLeastHeldHanBigramsOfTheText) {
  DuplicateIndex index;
  const auto t = std::chrono::sys_seconds{std::chrono::sys_days{std::chrono::year{2024} / 3 / 4}};
  index.add(1, t, "小区物业乱收费");
  index.add(2, t, "小区物业不作为");
  // 华师 and 师小 are held by no entry, 业乱 (before 乱收, 收费) by one, 小区 and 物业 by two; 的
  // ends a run (no 区物), and Latin letters and digits are no phrase.
  EXPECT_EQ(index.rare_phrases("华师小区的物业乱收费A3", 3), (std::vector<std::string>{"华师", "师小", "业乱"}));
  EXPECT_EQ(index.rare_phrases("华师小区的物业乱收费A3", 9),
            (std::vector<std::string>{"华师", "师小", "业乱", "乱收", "收费", "小区", "物业"}));
  EXPECT_TRUE(index.rare_phrases("ab 12 的", 3).empty());
  // Phrases as common as `max_posting` link nothing and are left out.
  DuplicateOptions options;
  options.max_posting = 1;
  DuplicateIndex small(options);
  small.add(1, t, "小区物业乱收费");
  small.add(2, t, "小区物业不作为");
  EXPECT_EQ(small.rare_phrases("小区物业乱收费", 9), (std::vector<std::string>{"业乱", "乱收", "收费"}));
  // A text with a title line: phrases of the title only.
  EXPECT_EQ(index.rare_phrases("华师附中\n小区乱收费", 9), (std::vector<std::string>{"华师", "师附", "附中"}));
  const auto scores = index.similarities("小区物业乱收费", {"小区物业乱收费", "公交站台广告牌破损"});
  ASSERT_EQ(scores.size(), 2U);
  EXPECT_GT(scores[0], 0.99);
  EXPECT_LT(scores[1], 0.01);
}

}  // namespace
}  // namespace hotline::text
