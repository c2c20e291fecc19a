#include "app/outbox_worker.hpp"

#include <gtest/gtest.h>

#include <future>

#include "storage/memory/outbox_repository.hpp"

namespace hotline::app {
namespace {

using std::chrono::seconds;

// Accepts everything; fulfils `all_sent` at the `expected`-th send.
class CountingSender final : public core::MessageSender {
 public:
  explicit CountingSender(int expected, bool delivers = true) : expected_(expected), delivers_(delivers) {}
  bool delivers() const override { return delivers_; }
  core::SendOutcome send(const core::OutboundMessage& message) override {
    if (++sends_ == expected_) all_sent.set_value();
    return core::SendOutcome{"gw-" + std::to_string(message.id)};
  }
  std::promise<void> all_sent;

 private:
  int expected_;
  bool delivers_;
  int sends_ = 0;
};

core::OutboundMessage message() {
  core::OutboundMessage m;
  m.recipient = "13800138000";
  m.text = "您的诉求已答复";
  m.created_at = core::from_epoch(1714960800);
  m.next_attempt_at = m.created_at;
  return m;
}

TEST(OutboxWorker, ItsThreadSendsTheDueMessagesAndStopsCleanly) {
  storage::memory::InMemoryOutboxRepository outbox;
  core::FixedClock clock(core::from_epoch(1714960800));
  constexpr int kMessages = 25;  // more than one batch
  for (int i = 0; i < kMessages; ++i) ASSERT_TRUE(outbox.enqueue(message()));
  CountingSender sender(kMessages);
  auto sent = sender.all_sent.get_future();
  OutboxWorker worker(outbox, sender, clock, core::DeliveryOptions{outbox_worker_name(), seconds{60}, 10, {}},
                      std::chrono::hours{1});
  worker.start();
  // A full batch is followed at once by the next round, so the hour-long poll is never waited.
  ASSERT_EQ(sent.wait_for(std::chrono::seconds{30}), std::future_status::ready);
  worker.stop();
  EXPECT_EQ(outbox.list({core::MessageState::sent, {}, {}, 100})->size(), static_cast<std::size_t>(kMessages));
}

TEST(OutboxWorker, WithoutASenderNoThreadRunsAndMessagesWait) {
  storage::memory::InMemoryOutboxRepository outbox;
  core::FixedClock clock(core::from_epoch(1714960800));
  auto stored = outbox.enqueue(message());
  CountingSender none(1, false);
  OutboxWorker worker(outbox, none, clock, core::DeliveryOptions{outbox_worker_name(), seconds{60}, 10, {}});
  worker.start();
  EXPECT_FALSE(worker.run_round());
  worker.stop();
  EXPECT_EQ(outbox.get(stored->id)->state, core::MessageState::pending);
}

TEST(OutboxWorker, NamesAreUniquePerCall) { EXPECT_NE(outbox_worker_name(), outbox_worker_name()); }

}  // namespace
}  // namespace hotline::app
