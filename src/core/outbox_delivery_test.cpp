#include "core/outbox_delivery.hpp"

#include <gtest/gtest.h>

#include <deque>

#include "storage/memory/outbox_repository.hpp"

namespace hotline::core {
namespace {

using std::chrono::seconds;

// Answers each send with the next scripted outcome (sent with a gateway id when the script is empty).
class ScriptedSender final : public MessageSender {
 public:
  bool delivers() const override { return delivers_; }
  SendOutcome send(const OutboundMessage& message) override {
    sent_ids.push_back(message.id);
    if (script.empty()) return SendOutcome{"gw-" + std::to_string(message.id)};
    auto next = script.front();
    script.pop_front();
    return next;
  }
  std::deque<SendOutcome> script;
  std::vector<std::int64_t> sent_ids;
  bool delivers_ = true;
};

class OutboxDeliveryTest : public ::testing::Test {
 protected:
  std::int64_t enqueue() {
    OutboundMessage m;
    m.recipient = "13800138000";
    m.text = "您的诉求已登记";
    m.created_at = clock_.now();
    m.next_attempt_at = clock_.now();
    return outbox_.enqueue(m)->id;
  }
  OutboxDelivery delivery(RetryPolicy retry = {seconds{30}, seconds{600}, 3}) {
    return OutboxDelivery(outbox_, sender_, clock_, DeliveryOptions{"w1", seconds{60}, 20, retry}, [] { return 1.0; });
  }

  storage::memory::InMemoryOutboxRepository outbox_;
  ScriptedSender sender_;
  FixedClock clock_{from_epoch(1714960800)};
};

TEST_F(OutboxDeliveryTest, SentMessagesKeepTheGatewayId) {
  auto id = enqueue();
  auto round = delivery().run_once();
  ASSERT_TRUE(round) << round.error().message;
  EXPECT_EQ(round->claimed, 1);
  EXPECT_EQ(round->sent, 1);
  auto m = outbox_.get(id);
  EXPECT_EQ(m->state, MessageState::sent);
  EXPECT_EQ(m->gateway_message_id, "gw-" + std::to_string(id));
  EXPECT_EQ(m->sent_at, clock_.now());
  // Nothing left: a second round claims nothing and sends nothing.
  EXPECT_EQ(delivery().run_once()->claimed, 0);
  EXPECT_EQ(sender_.sent_ids.size(), 1u);
}

TEST_F(OutboxDeliveryTest, RetryableFailuresWaitTheBackoffThenGiveUp) {
  auto id = enqueue();
  for (int i = 0; i < 3; ++i) sender_.script.push_back(SendOutcome{SendFailure{true, "HTTP 503"}});
  auto d = delivery();
  auto first = d.run_once();
  EXPECT_EQ(first->retried, 1);
  EXPECT_EQ(first->last_retry_reason, "HTTP 503");
  EXPECT_EQ(outbox_.get(id)->next_attempt_at, clock_.now() + seconds{30});
  clock_.advance(seconds{29});
  EXPECT_EQ(d.run_once()->claimed, 0);  // not due yet
  clock_.advance(seconds{1});
  EXPECT_EQ(d.run_once()->retried, 1);
  EXPECT_EQ(outbox_.get(id)->next_attempt_at, clock_.now() + seconds{60});
  clock_.advance(seconds{60});
  auto last = d.run_once();
  ASSERT_EQ(last->failed.size(), 1u);
  EXPECT_EQ(last->failed[0].id, id);
  auto m = outbox_.get(id);
  EXPECT_EQ(m->state, MessageState::failed);
  EXPECT_EQ(m->attempts, 3);
  EXPECT_EQ(m->last_error, "HTTP 503 (gave up after 3 attempts)");
}

TEST_F(OutboxDeliveryTest, APermanentRefusalFailsAtOnce) {
  auto id = enqueue();
  sender_.script.push_back(SendOutcome{SendFailure{false, "HTTP 400"}});
  auto round = delivery().run_once();
  ASSERT_EQ(round->failed.size(), 1u);
  EXPECT_EQ(outbox_.get(id)->state, MessageState::failed);
  EXPECT_EQ(outbox_.get(id)->last_error, "HTTP 400");
}

TEST_F(OutboxDeliveryTest, WithoutASenderMessagesStayPending) {
  auto id = enqueue();
  sender_.delivers_ = false;
  auto round = delivery().run_once();
  EXPECT_EQ(round->claimed, 0);
  EXPECT_TRUE(sender_.sent_ids.empty());
  EXPECT_EQ(outbox_.get(id)->state, MessageState::pending);
  EXPECT_EQ(outbox_.get(id)->attempts, 0);
}

TEST_F(OutboxDeliveryTest, AnAbandonedClaimIsSentAfterItsLease) {
  auto id = enqueue();
  // A worker claimed it and died before any outcome.
  ASSERT_EQ(outbox_.claim_due(clock_.now(), clock_.now() + seconds{60}, "dead", 10)->size(), 1u);
  EXPECT_EQ(delivery().run_once()->claimed, 0);
  clock_.advance(seconds{60});
  EXPECT_EQ(delivery().run_once()->sent, 1);
  EXPECT_EQ(outbox_.get(id)->state, MessageState::sent);
  EXPECT_EQ(outbox_.get(id)->attempts, 2);
}

}  // namespace
}  // namespace hotline::core
