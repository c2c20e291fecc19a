#include "app/text_adapters.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace hotline::app {
namespace {

using namespace std::chrono;

TEST(IndexDuplicateFinder, KeepsOnlyTheNewestTicketsWithinItsCapacity) {
  IndexDuplicateFinder finder({}, 2);
  core::Timestamp day = sys_days{year{2024} / 3 / 4};
  const std::string text = "天河区石牌街道某工地夜间施工噪音扰民，请尽快处理";
  finder.add(1, day, text);
  finder.add(2, day + hours{1}, text);
  finder.add(3, day + hours{2}, text);   // evicts ticket 1, the oldest
  finder.add(0, day - hours{5}, text);   // older than everything held: not added
  auto found = finder.find(text, day + hours{3}, -1);
  std::vector<core::TicketId> ids;
  for (const auto& candidate : found) ids.push_back(candidate.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<core::TicketId>{2, 3}));
  finder.remove(3);
  finder.add(4, day + hours{4}, text);  // room again without evicting 2
  ids.clear();
  for (const auto& candidate : finder.find(text, day + hours{5}, -1)) ids.push_back(candidate.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<core::TicketId>{2, 4}));
}

TEST(IndexDuplicateFinder, ShrinkingTheCapacityDropsTheOldest) {
  IndexDuplicateFinder finder({}, 3);
  core::Timestamp day = sys_days{year{2024} / 3 / 4};
  const std::string text = "天河区石牌街道某工地夜间施工噪音扰民，请尽快处理";
  for (core::TicketId id = 1; id <= 3; ++id) finder.add(id, day + hours{id}, text);
  finder.set_capacity(1);
  EXPECT_EQ(finder.capacity(), 1U);
  auto found = finder.find(text, day + hours{4}, -1);
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0].id, 3);
  finder.set_capacity(0);  // at least one
  EXPECT_EQ(finder.capacity(), 1U);
}

}  // namespace
}  // namespace hotline::app
