#include "text/aho_corasick.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

namespace hotline::text {
namespace {

using Found = std::vector<std::tuple<std::size_t, std::size_t, std::uint32_t>>;

Found find(const AhoCorasick& automaton, std::string_view text) {
  std::vector<PatternMatch> matches;
  automaton.find_all(text, matches);
  Found out;
  for (const auto& m : matches) out.emplace_back(m.begin, m.end, m.pattern);
  return out;
}

TEST(AhoCorasick, FindsOverlappingAndNestedPatterns) {
  const AhoCorasick automaton({"he", "she", "his", "hers"});
  const Found found = find(automaton, "ushers");
  EXPECT_TRUE(std::find(found.begin(), found.end(), std::make_tuple(std::size_t{1}, std::size_t{4}, 1u)) != found.end());  // she
  EXPECT_TRUE(std::find(found.begin(), found.end(), std::make_tuple(std::size_t{2}, std::size_t{4}, 0u)) != found.end());  // he
  EXPECT_TRUE(std::find(found.begin(), found.end(), std::make_tuple(std::size_t{2}, std::size_t{6}, 3u)) != found.end());  // hers
  EXPECT_EQ(found.size(), 3u);
}

TEST(AhoCorasick, MatchesUtf8NamesOnCharacterBoundaries) {
  const AhoCorasick automaton({"天河", "天河区", "石牌"});
  const std::string text = "广州天河区石牌桥";
  const Found found = find(automaton, text);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0], std::make_tuple(std::size_t{6}, std::size_t{12}, 0u));  // 天河
  EXPECT_EQ(found[1], std::make_tuple(std::size_t{6}, std::size_t{15}, 1u));  // 天河区
  EXPECT_EQ(found[2], std::make_tuple(std::size_t{15}, std::size_t{21}, 2u)); // 石牌
}

TEST(AhoCorasick, EmptyPatternsAndTextFindNothing) {
  const AhoCorasick automaton({"", "x"});
  EXPECT_TRUE(find(automaton, "").empty());
  EXPECT_EQ(find(automaton, "axa"), (Found{{1, 2, 1}}));
}

}  // namespace
}  // namespace hotline::text
