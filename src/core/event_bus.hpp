#pragma once
// `InProcessEventBus`: the single-node `EventPublisher` + `EventFeed`. `publish` calls every
// subscriber's callback in turn on the publishing thread. Thread-safe: `mutex_` guards the
// subscriber table and is held while callbacks run, so an unsubscribe waits for a call in
// progress (which is why callbacks must not subscribe or unsubscribe themselves).

#include <cstdint>
#include <map>
#include <mutex>

#include "core/event_publisher.hpp"

namespace hotline::core {

class InProcessEventBus final : public EventPublisher, public EventFeed {
 public:
  InProcessEventBus() = default;
  InProcessEventBus(const InProcessEventBus&) = delete;
  InProcessEventBus& operator=(const InProcessEventBus&) = delete;

  // EventPublisher
  void publish(const PublishedEvent& event) override;
  // EventFeed; the subscription must end before the bus is destroyed.
  [[nodiscard]] Subscription subscribe(EventCallback callback) override;

  std::size_t subscriber_count();
  std::int64_t published_count();

 private:
  void unsubscribe(std::uint64_t key);

  std::mutex mutex_;  // guards subscribers_, next_key_, published_
  std::map<std::uint64_t, EventCallback> subscribers_;
  std::uint64_t next_key_ = 0;
  std::int64_t published_ = 0;
};

}  // namespace hotline::core
