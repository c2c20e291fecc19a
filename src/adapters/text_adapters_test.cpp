#include "adapters/text_adapters.hpp"

#include "core/dispatch_service.hpp"
#include "storage/memory/ticket_repository.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace hotline::adapters {
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

// Stores a ticket in `repo` and hands it to `finder` as the dispatch service does.
core::TicketId store(storage::memory::InMemoryTicketRepository& repo, IndexDuplicateFinder& finder,
                     core::Timestamp at, const std::string& title, const std::string& text,
                     core::TicketState state = core::TicketState::registered) {
  core::Ticket ticket;
  ticket.title = title;
  ticket.text = text;
  ticket.created_at = at;
  ticket.state = state;
  auto stored = repo.create(ticket, core::TicketEvent{});
  EXPECT_TRUE(stored.has_value());
  if (core::open_for_merge(state)) finder.add(stored->ticket.id, at, core::message_of(title, text));
  return stored->ticket.id;
}

std::vector<core::TicketId> ids_of(const std::vector<core::DuplicateCandidate>& found) {
  std::vector<core::TicketId> ids;
  for (const auto& candidate : found) ids.push_back(candidate.id);
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(IndexDuplicateFinder, FindsTheTicketsItHadNoRoomForInStorage) {
  storage::memory::InMemoryTicketRepository repo;
  IndexDuplicateFinder finder({}, 2);
  const core::Timestamp day = sys_days{year{2024} / 3 / 4};
  const std::string title = "石牌街道华师附中旁工地夜间施工噪音扰民";
  const auto old = store(repo, finder, day - days{40}, title, "每晚十一点后仍在打桩");  // outside 30 days
  const auto a = store(repo, finder, day, title, "每晚十一点后仍在打桩，居民无法休息");
  const auto closed = store(repo, finder, day + hours{1}, title, "每晚打桩", core::TicketState::closed);
  const auto b = store(repo, finder, day + hours{2}, "华师附中旁工地半夜施工", "石牌街道工地噪音扰民，晚上无法入睡");
  // Unrelated tickets fill the index: a and b are now only in storage.
  const auto c = store(repo, finder, day + hours{3}, "天河路公交站台广告牌破损", "存在安全隐患");
  const auto d = store(repo, finder, day + hours{4}, "岗顶地铁站出口占道经营", "影响通行");
  const std::string query = core::message_of(title, "工地夜间打桩噪音扰民，请处理");
  EXPECT_TRUE(ids_of(finder.find(query, day + hours{5}, -1)).empty());

  finder.set_archive(&repo);
  const auto found = finder.find(query, day + hours{5}, -1);
  EXPECT_EQ(ids_of(found), (std::vector<core::TicketId>{a, b}));
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front().id, a);  // the same title scores highest
  EXPECT_TRUE(std::is_sorted(found.begin(), found.end(),
                             [](const auto& x, const auto& y) { return x.similarity > y.similarity; }));
  // The ticket itself is never its own duplicate; old, closed and unrelated tickets never are.
  EXPECT_EQ(ids_of(finder.find(query, day + hours{5}, a)), (std::vector<core::TicketId>{b}));
  (void)old;
  (void)closed;
  (void)c;
  (void)d;
}

}  // namespace
}  // namespace hotline::adapters
