#include "core/notifier.hpp"

#include <gtest/gtest.h>

#include "storage/memory/audit_repository.hpp"
#include "storage/memory/outbox_repository.hpp"

namespace hotline::core {
namespace {

class NotifierTest : public ::testing::Test {
 protected:
  std::vector<AuditEntry> audit_entries() { return *audit_.list(AuditQuery{}); }

  storage::memory::InMemoryOutboxRepository outbox_;
  storage::memory::InMemoryAuditRepository audit_;
  FixedClock clock_{from_epoch(1714960800)};
  Notifier notifier_{outbox_, audit_, clock_};
  Actor admin_{1, "admin", Role::admin, {}};
  Actor supervisor_{2, "supervisor", Role::supervisor, {}};
  Actor agent_{3, "agent", Role::agent, {}};
};

TEST_F(NotifierTest, EnqueueStoresAMessageDueNow) {
  auto stored = notifier_.enqueue(MessageKind::ticket_registered, "13800138000", "您的诉求已登记，编号 12", 12);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_EQ(stored->state, MessageState::pending);
  EXPECT_EQ(stored->created_at, clock_.now());
  EXPECT_EQ(stored->next_attempt_at, clock_.now());
  auto read = outbox_.get(stored->id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->recipient, "13800138000");  // stored in full: the gateway needs it
  EXPECT_EQ(read->ticket_id, std::optional<TicketId>{12});
}

TEST_F(NotifierTest, EnqueueRejectsBadPhonesTextsAndTickets) {
  EXPECT_EQ(notifier_.enqueue(MessageKind::other, "02083333333", "hi").error().field, "recipient");
  EXPECT_EQ(notifier_.enqueue(MessageKind::other, "13800138000", "").error().field, "text");
  EXPECT_EQ(notifier_.enqueue(MessageKind::other, "13800138000", std::string(501, 'a')).error().field, "text");
  EXPECT_EQ(notifier_.enqueue(MessageKind::other, "13800138000", "hi", 0).error().field, "ticket_id");
  EXPECT_TRUE(outbox_.list({})->empty());
}

TEST_F(NotifierTest, AgentsMayNotReadTheOutboxAndTheRefusalIsAudited) {
  ASSERT_TRUE(notifier_.enqueue(MessageKind::other, "13800138000", "hi"));
  EXPECT_EQ(notifier_.messages(agent_, {}).error().code, ErrorCode::forbidden);
  EXPECT_EQ(notifier_.message(agent_, 1).error().code, ErrorCode::forbidden);
  auto entries = audit_entries();
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& e : entries) {
    EXPECT_EQ(e.action, "outbox_view_refused");
    EXPECT_EQ(e.actor, "agent");
  }
}

TEST_F(NotifierTest, AdminsReadCodesInFullButNeverTheFullNumber) {
  ASSERT_TRUE(notifier_.enqueue(MessageKind::one_time_code, "13800138000", "验证码 482913，勿告诉他人"));
  auto page = notifier_.messages(admin_, {});
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].recipient, "138****8000");
  EXPECT_EQ(page->items[0].text, "验证码 482913，勿告诉他人");
  auto one = notifier_.message(supervisor_, page->items[0].id);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->recipient, "138****8000");
  EXPECT_EQ(one->text, "验证码 ******，勿告诉他人");  // supervisors do not see codes
}

TEST_F(NotifierTest, PersonalNumbersInTextsAreMaskedForEveryReader) {
  ASSERT_TRUE(notifier_.enqueue(MessageKind::ticket_replied, "13800138000", "承办人电话 13912345678", 5));
  auto one = notifier_.message(admin_, 1);
  ASSERT_TRUE(one);
  EXPECT_EQ(one->text, "承办人电话 ***********");
}

TEST_F(NotifierTest, ReadsAreAuditedWithFiltersAndSubject) {
  ASSERT_TRUE(notifier_.enqueue(MessageKind::ticket_replied, "13800138000", "已答复", 5));
  ASSERT_TRUE(notifier_.messages(admin_, OutboxQuery{MessageState::pending, MessageKind::ticket_replied, {}, 10}));
  ASSERT_TRUE(notifier_.message(supervisor_, 1));
  auto entries = audit_entries();
  ASSERT_EQ(entries.size(), 2u);
  // Newest first.
  EXPECT_EQ(entries[0].action, "notification_viewed");
  EXPECT_EQ(entries[0].subject, "notification:1");
  EXPECT_EQ(entries[0].ticket_id, 5);
  EXPECT_EQ(entries[0].role, Role::supervisor);
  EXPECT_EQ(entries[1].action, "outbox_viewed");
  EXPECT_EQ(entries[1].reason, "state=pending kind=ticket_replied, 1 message(s)");
}

TEST_F(NotifierTest, PagesCarryACursorUntilTheLast) {
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(notifier_.enqueue(MessageKind::other, "13800138000", "m" + std::to_string(i)));
  auto first = notifier_.messages(admin_, OutboxQuery{{}, {}, {}, 2});
  ASSERT_TRUE(first);
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].id, 5);
  ASSERT_EQ(first->next_cursor, std::optional<std::int64_t>{4});
  auto second = notifier_.messages(admin_, OutboxQuery{{}, {}, first->next_cursor, 2});
  EXPECT_EQ(second->next_cursor, std::optional<std::int64_t>{2});
  auto last = notifier_.messages(admin_, OutboxQuery{{}, {}, second->next_cursor, 2});
  ASSERT_EQ(last->items.size(), 1u);
  EXPECT_EQ(last->next_cursor, std::nullopt);
  EXPECT_EQ(notifier_.messages(admin_, OutboxQuery{{}, {}, {}, 0}).error().field, "limit");
  EXPECT_EQ(notifier_.message(admin_, 99).error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace hotline::core
