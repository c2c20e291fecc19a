#include "core/event_bus.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace hotline::core {
namespace {

PublishedEvent event_with_id(std::int64_t id) {
  PublishedEvent e;
  e.event.id = id;
  e.event.ticket_id = 100 + id;
  e.ticket.id = 100 + id;
  return e;
}

TEST(InProcessEventBus, EverySubscriberGetsEachEventInPublishOrder) {
  InProcessEventBus bus;
  std::vector<std::int64_t> first;
  std::vector<std::int64_t> second;
  auto a = bus.subscribe([&](const auto& e) { first.push_back(e->event.id); });
  bus.publish(event_with_id(1));
  auto b = bus.subscribe([&](const auto& e) { second.push_back(e->event.id); });
  bus.publish(event_with_id(2));
  bus.publish(event_with_id(3));
  EXPECT_EQ(first, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_EQ(second, (std::vector<std::int64_t>{2, 3}));  // only what came after subscribing
  EXPECT_EQ(bus.subscriber_count(), 2u);
  EXPECT_EQ(bus.published_count(), 3);
}

TEST(InProcessEventBus, SubscribersShareOneCopyOfAnEvent) {
  InProcessEventBus bus;
  const PublishedEvent* seen_a = nullptr;
  const PublishedEvent* seen_b = nullptr;
  auto a = bus.subscribe([&](const auto& e) { seen_a = e.get(); });
  auto b = bus.subscribe([&](const auto& e) { seen_b = e.get(); });
  bus.publish(event_with_id(7));
  ASSERT_NE(seen_a, nullptr);
  EXPECT_EQ(seen_a, seen_b);
}

TEST(InProcessEventBus, ResetOrDestroyedSubscriptionGetsNothingMore) {
  InProcessEventBus bus;
  int calls = 0;
  {
    auto scoped = bus.subscribe([&](const auto&) { ++calls; });
    bus.publish(event_with_id(1));
  }
  bus.publish(event_with_id(2));
  auto explicit_end = bus.subscribe([&](const auto&) { ++calls; });
  Subscription moved = std::move(explicit_end);
  EXPECT_FALSE(explicit_end.active());
  EXPECT_TRUE(moved.active());
  bus.publish(event_with_id(3));
  moved.reset();
  moved.reset();  // idempotent
  bus.publish(event_with_id(4));
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(bus.subscriber_count(), 0u);
}

TEST(InProcessEventBus, ConcurrentPublishersAndSubscribersLoseNothing) {
  InProcessEventBus bus;
  std::atomic<int> received{0};
  auto counting = bus.subscribe([&](const auto&) { received.fetch_add(1); });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&bus, t] {
      for (int i = 0; i < 500; ++i) {
        bus.publish(event_with_id(t * 1000 + i));
        if (i % 50 == 0) {
          auto churn = bus.subscribe([](const auto&) {});  // subscribe and end while others publish
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(received.load(), 2000);
  EXPECT_EQ(bus.subscriber_count(), 1u);
}

}  // namespace
}  // namespace hotline::core
