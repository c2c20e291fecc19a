#include "core/outbox_repository.hpp"

#include <mutex>
#include <set>
#include <thread>

#include "storage/conformance/backends.hpp"

namespace hotline::storage::conformance {
namespace {

using core::MessageKind;
using core::MessageState;

const core::Timestamp kT0 = core::from_epoch(1714960800);  // 2024-05-06 10:00 China time

class OutboxConformance : public ConformanceTest {
 protected:
  core::OutboundMessage enqueue(MessageKind kind = MessageKind::other, core::Timestamp due = kT0,
                                std::optional<core::TicketId> ticket = std::nullopt) {
    core::OutboundMessage m;
    m.kind = kind;
    m.recipient = "13800138000";
    m.text = "您的诉求已登记，编号 " + std::to_string(++made_);
    m.ticket_id = ticket;
    m.created_at = kT0;
    m.next_attempt_at = due;
    auto stored = outbox().enqueue(m);
    EXPECT_TRUE(stored) << stored.error().message;
    return stored ? *stored : m;
  }
  std::vector<core::OutboundMessage> claim(core::Timestamp now, const char* worker, int limit = 10,
                                           std::chrono::seconds lease = std::chrono::seconds{60}) {
    auto claimed = outbox().claim_due(now, now + lease, worker, limit);
    EXPECT_TRUE(claimed) << claimed.error().message;
    return claimed ? *claimed : std::vector<core::OutboundMessage>{};
  }
  static std::vector<std::int64_t> ids(const std::vector<core::OutboundMessage>& messages) {
    std::vector<std::int64_t> out;
    for (const auto& m : messages) out.push_back(m.id);
    return out;
  }

 private:
  int made_ = 0;
};

TEST_P(OutboxConformance, EnqueueStoresAPendingMessageWithTheNextId) {
  core::OutboundMessage m;
  m.kind = MessageKind::one_time_code;
  m.recipient = "13912345678";
  m.text = "验证码 482913，5 分钟内有效";
  m.ticket_id = 42;
  m.created_at = kT0;
  m.next_attempt_at = kT0;
  // Result fields in the input are not stored: a new message starts clean.
  m.state = MessageState::sent;
  m.attempts = 3;
  m.last_error = "x";
  m.gateway_message_id = "g";
  auto first = outbox().enqueue(m);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_GT(first->id, 0);
  EXPECT_EQ(first->state, MessageState::pending);
  EXPECT_EQ(first->attempts, 0);
  EXPECT_EQ(first->last_error, "");
  EXPECT_EQ(first->gateway_message_id, "");
  auto read = outbox().get(first->id);
  ASSERT_TRUE(read);
  EXPECT_EQ(*read, *first);
  EXPECT_EQ(read->text, "验证码 482913，5 分钟内有效");
  EXPECT_EQ(read->ticket_id, std::optional<core::TicketId>{42});
  auto second = enqueue();
  EXPECT_GT(second.id, first->id);
  EXPECT_EQ(outbox().get(second.id)->ticket_id, std::nullopt);
  EXPECT_EQ(outbox().get(9999).error().code, core::ErrorCode::not_found);
}

TEST_P(OutboxConformance, ClaimTakesDueMessagesOldestFirstUpToTheLimit) {
  auto a = enqueue();
  auto later = enqueue(MessageKind::other, kT0 + std::chrono::seconds{30});
  auto b = enqueue();
  auto c = enqueue();
  auto claimed = claim(kT0, "w1", 2);
  EXPECT_EQ(ids(claimed), (std::vector<std::int64_t>{a.id, b.id}));
  for (const auto& m : claimed) {
    EXPECT_EQ(m.state, MessageState::sending);
    EXPECT_EQ(m.attempts, 1);
    EXPECT_EQ(m.lease_owner, "w1");
    EXPECT_EQ(m.lease_until, kT0 + std::chrono::seconds{60});
    EXPECT_EQ(*outbox().get(m.id), m);
  }
  // The one due later is not due yet; the rest is.
  EXPECT_EQ(ids(claim(kT0, "w2")), (std::vector<std::int64_t>{c.id}));
  EXPECT_TRUE(claim(kT0 + std::chrono::seconds{29}, "w2").empty());
  EXPECT_EQ(ids(claim(kT0 + std::chrono::seconds{30}, "w2")), (std::vector<std::int64_t>{later.id}));
}

TEST_P(OutboxConformance, ALeasedMessageIsClaimedAgainOnlyAfterItsLease) {
  auto m = enqueue();
  ASSERT_EQ(claim(kT0, "crashed").size(), 1u);
  EXPECT_TRUE(claim(kT0 + std::chrono::seconds{59}, "w2").empty());
  auto again = claim(kT0 + std::chrono::seconds{60}, "w2");
  ASSERT_EQ(ids(again), (std::vector<std::int64_t>{m.id}));
  EXPECT_EQ(again[0].attempts, 2);
  EXPECT_EQ(again[0].lease_owner, "w2");
  // The worker that lost its lease cannot record an outcome any more; the new holder can.
  auto stale = outbox().mark_sent(m.id, "crashed", "gw-1", kT0 + std::chrono::seconds{61});
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code, core::ErrorCode::conflict);
  EXPECT_EQ(outbox().get(m.id)->state, MessageState::sending);
  ASSERT_TRUE(outbox().mark_sent(m.id, "w2", "gw-2", kT0 + std::chrono::seconds{62}));
  auto sent = outbox().get(m.id);
  EXPECT_EQ(sent->state, MessageState::sent);
  EXPECT_EQ(sent->gateway_message_id, "gw-2");
  EXPECT_EQ(sent->sent_at, kT0 + std::chrono::seconds{62});
  EXPECT_EQ(sent->lease_owner, "");
  EXPECT_EQ(sent->lease_until, std::nullopt);
  // Sent is final: never claimed again, never marked again.
  EXPECT_TRUE(claim(kT0 + std::chrono::hours{24}, "w3").empty());
  EXPECT_EQ(outbox().mark_failed(m.id, "w2", "late").error().code, core::ErrorCode::conflict);
}

TEST_P(OutboxConformance, RetryMakesItPendingAgainUntilItsNextAttempt) {
  auto m = enqueue();
  ASSERT_EQ(claim(kT0, "w1").size(), 1u);
  ASSERT_TRUE(outbox().mark_retry(m.id, "w1", kT0 + std::chrono::seconds{40}, "HTTP 503"));
  auto pending = outbox().get(m.id);
  EXPECT_EQ(pending->state, MessageState::pending);
  EXPECT_EQ(pending->next_attempt_at, kT0 + std::chrono::seconds{40});
  EXPECT_EQ(pending->last_error, "HTTP 503");
  EXPECT_EQ(pending->attempts, 1);
  EXPECT_EQ(pending->lease_owner, "");
  EXPECT_EQ(pending->lease_until, std::nullopt);
  // A retry outcome needs the lease too.
  EXPECT_EQ(outbox().mark_retry(m.id, "w1", kT0, "x").error().code, core::ErrorCode::conflict);
  EXPECT_TRUE(claim(kT0 + std::chrono::seconds{39}, "w1").empty());
  auto again = claim(kT0 + std::chrono::seconds{40}, "w1");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2);
  EXPECT_EQ(again[0].last_error, "HTTP 503");  // kept until the next outcome
  ASSERT_TRUE(outbox().mark_failed(m.id, "w1", "HTTP 400"));
  auto failed = outbox().get(m.id);
  EXPECT_EQ(failed->state, MessageState::failed);
  EXPECT_EQ(failed->last_error, "HTTP 400");
  EXPECT_EQ(failed->sent_at, std::nullopt);
  EXPECT_TRUE(claim(kT0 + std::chrono::hours{24}, "w1").empty());
}

TEST_P(OutboxConformance, MarksOnUnknownMessagesAreNotFound) {
  EXPECT_EQ(outbox().mark_sent(77, "w", "", kT0).error().code, core::ErrorCode::not_found);
  EXPECT_EQ(outbox().mark_retry(77, "w", kT0, "").error().code, core::ErrorCode::not_found);
  EXPECT_EQ(outbox().mark_failed(77, "w", "").error().code, core::ErrorCode::not_found);
  auto pending = enqueue();
  // Not claimed: nobody holds it.
  EXPECT_EQ(outbox().mark_sent(pending.id, "w", "", kT0).error().code, core::ErrorCode::conflict);
}

TEST_P(OutboxConformance, ListFiltersByStateAndKindNewestFirstWithACursor) {
  auto code = enqueue(MessageKind::one_time_code);
  auto registered = enqueue(MessageKind::ticket_registered, kT0, 7);
  auto replied = enqueue(MessageKind::ticket_replied, kT0 + std::chrono::hours{1}, 7);
  auto code2 = enqueue(MessageKind::one_time_code);
  // code and registered are claimed; code is sent.
  ASSERT_EQ(claim(kT0, "w", 2).size(), 2u);
  ASSERT_TRUE(outbox().mark_sent(code.id, "w", "g", kT0));
  auto all = outbox().list({});
  ASSERT_TRUE(all);
  EXPECT_EQ(ids(*all), (std::vector<std::int64_t>{code2.id, replied.id, registered.id, code.id}));
  EXPECT_EQ(ids(*outbox().list({MessageState::pending, {}, {}, 50})),
            (std::vector<std::int64_t>{code2.id, replied.id}));
  EXPECT_EQ(ids(*outbox().list({MessageState::sending, {}, {}, 50})), (std::vector<std::int64_t>{registered.id}));
  EXPECT_EQ(ids(*outbox().list({{}, MessageKind::one_time_code, {}, 50})),
            (std::vector<std::int64_t>{code2.id, code.id}));
  EXPECT_EQ(ids(*outbox().list({MessageState::sent, MessageKind::one_time_code, {}, 50})),
            (std::vector<std::int64_t>{code.id}));
  EXPECT_EQ(ids(*outbox().list({{}, {}, {}, 2})), (std::vector<std::int64_t>{code2.id, replied.id}));
  EXPECT_EQ(ids(*outbox().list({{}, {}, replied.id, 2})), (std::vector<std::int64_t>{registered.id, code.id}));
  EXPECT_TRUE(outbox().list({MessageState::failed, {}, {}, 50})->empty());
}

TEST_P(OutboxConformance, ConcurrentWorkersNeverClaimOneMessageTwice) {
  constexpr int kMessages = 60;
  for (int i = 0; i < kMessages; ++i) enqueue();
  std::mutex mutex;
  std::multiset<std::int64_t> seen;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      const std::string name = "worker-" + std::to_string(w);
      for (;;) {
        auto claimed = outbox().claim_due(kT0, kT0 + std::chrono::seconds{60}, name, 3);
        ASSERT_TRUE(claimed);
        if (claimed->empty()) return;
        std::lock_guard lock(mutex);
        for (const auto& m : *claimed) {
          EXPECT_EQ(m.lease_owner, name);
          seen.insert(m.id);
        }
      }
    });
  }
  for (auto& t : workers) t.join();
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kMessages));
  EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()).size(), static_cast<std::size_t>(kMessages));
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxConformance, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace hotline::storage::conformance
