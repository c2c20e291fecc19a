#include "tools/demo_seed.hpp"

#include <gtest/gtest.h>

#include <set>

#include "tools/reference_data.hpp"
#include "core/workflow.hpp"
#include "storage/memory/reference_repository.hpp"
#include "storage/memory/ticket_repository.hpp"

namespace hotline::tools {
namespace {

class DemoSeedTest : public ::testing::Test {
 protected:
  DemoSeedTest() : reference_(reference_repo_) {
    store_reference_data(load_reference_data(HOTLINE_DATA_DIR), reference_repo_);
    EXPECT_TRUE(reference_.reload());
    std::int64_t id = 1;
    for (const auto& account : demo_accounts()) {
      core::Actor actor{id++, account.username, account.role, account.unit_id};
      if (account.role == core::Role::unit_handler) {
        actors_.handlers[account.unit_id] = actor;
      } else {
        actors_.by_role[account.role] = actor;
      }
    }
  }

  std::vector<core::ImportedTicket> build(int count, std::uint32_t seed) {
    DemoOptions options;
    options.ticket_count = count;
    options.seed = seed;
    options.now = core::from_epoch(1732406400);  // 2024-11-24
    auto messages = read_demo_messages(std::string(HOTLINE_DATA_DIR) + "/demo/messages.csv");
    return build_demo_tickets(messages, *reference_.snapshot(), core::DeadlinePolicy{}, actors_, options);
  }

  storage::memory::InMemoryReferenceRepository reference_repo_;
  core::ReferenceService reference_;
  DemoActors actors_;
};

TEST_F(DemoSeedTest, TicketsCoverTheLifecycleAndAreProjectionsOfTheirEvents) {
  auto tickets = build(1500, 7);
  ASSERT_EQ(tickets.size(), 1500u);
  std::set<core::TicketState> states;
  int returned = 0;
  int co_opinions = 0;
  int co_handled_replied = 0;
  for (const auto& imported : tickets) {
    states.insert(imported.ticket.state);
    for (const auto& co : imported.ticket.co_handling) co_opinions += co.opinion.empty() ? 0 : 1;
    // The lead's reply waits for its co-handling units' opinions: co-handled tickets get replied too.
    if (!imported.ticket.co_handling.empty() && !imported.ticket.reply.empty()) ++co_handled_replied;
    returned += imported.ticket.wrong_dispatch_count;
    core::Ticket rebuilt = core::project(imported.events);
    EXPECT_EQ(rebuilt.state, imported.ticket.state);
    EXPECT_EQ(rebuilt.version, static_cast<std::int64_t>(imported.events.size()));
    EXPECT_FALSE(imported.ticket.title.empty());
  }
  for (auto expected : {core::TicketState::closed, core::TicketState::archived, core::TicketState::dispatched,
                        core::TicketState::in_progress, core::TicketState::replied, core::TicketState::callback_pending}) {
    EXPECT_TRUE(states.count(expected)) << core::to_string(expected);
  }
  EXPECT_GT(returned, 0);
  EXPECT_GT(co_opinions, 0);
  EXPECT_GT(co_handled_replied, 0);
}

TEST_F(DemoSeedTest, DeterministicForASeedAndImportable) {
  auto a = build(200, 42);
  auto b = build(200, 42);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].ticket.state, b[i].ticket.state);
    EXPECT_EQ(a[i].ticket.caller.phone, b[i].ticket.caller.phone);
  }
  storage::memory::InMemoryTicketRepository repo;
  auto ids = repo.import_tickets(a);
  ASSERT_TRUE(ids);
  EXPECT_EQ(ids->size(), 200u);
  auto history = repo.history(ids->back());
  ASSERT_TRUE(history);
  EXPECT_EQ(history->size(), a.back().events.size());
}

}  // namespace
}  // namespace hotline::tools
