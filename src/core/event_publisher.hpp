#pragma once
// Ports for live ticket events (issue #10): `EventPublisher`, which `TicketService` feeds after
// each durable commit, and `EventFeed`, which hands every published event to its subscribers (the
// WebSocket event hub). `InProcessEventBus` (event_bus.hpp) implements both for a single node; a
// cross-node implementation (PostgreSQL LISTEN/NOTIFY) can implement both without changing
// `TicketService` or the subscribers.

#include <cstdint>
#include <functional>
#include <memory>

#include "core/ticket.hpp"
#include "core/ticket_event.hpp"

namespace hotline::core {

// One committed event and the ticket as it is after it. Both are masked (the two `mask_contact`
// of ticket_service.hpp) before they are published: no subscriber ever holds a full contact.
// What a viewer who may not reveal the contact reads is redacted further by each subscriber
// (`redact_ticket`, `redact_event` of core/visibility.hpp), as the REST reads do.
struct PublishedEvent {
  TicketEvent event;  // `event.id` is the global id storage assigned
  Ticket ticket;
};

class EventPublisher {
 public:
  virtual ~EventPublisher() = default;
  // Called from the thread that made the commit, after the write is durable; never throws. Must
  // return quickly: it runs inside the request that made the change.
  virtual void publish(const PublishedEvent& event) = 0;
};

using EventCallback = std::function<void(const std::shared_ptr<const PublishedEvent>&)>;

// Ends a subscription when reset or destroyed; move-only. After `reset` has returned, the
// callback is not running and will not be called again.
class Subscription {
 public:
  Subscription() = default;
  explicit Subscription(std::function<void()> cancel) : cancel_(std::move(cancel)) {}
  ~Subscription() { reset(); }
  Subscription(Subscription&& other) noexcept : cancel_(std::move(other.cancel_)) { other.cancel_ = nullptr; }
  Subscription& operator=(Subscription&& other) noexcept;
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  void reset();
  bool active() const { return static_cast<bool>(cancel_); }

 private:
  std::function<void()> cancel_;
};

class EventFeed {
 public:
  virtual ~EventFeed() = default;
  // `callback` receives every event published from now on, on the publishing thread, and must be
  // quick and thread-safe (hand the event to another thread; do not block, do not subscribe or
  // unsubscribe from inside it). Events come in publish order, which is commit order except
  // between commits that race on different threads.
  // TODO(events): a resume from the larger of two such ids misses the smaller; publishing from
  // the storage's commit in id order (as LISTEN/NOTIFY will) would close that window.
  [[nodiscard]] virtual Subscription subscribe(EventCallback callback) = 0;
};

}  // namespace hotline::core
