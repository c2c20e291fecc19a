#include "text/duplicate_index.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace hotline::text
