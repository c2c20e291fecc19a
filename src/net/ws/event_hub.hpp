#pragma once
// The event hub: one subscription to core's `EventFeed` for the whole server, fanned out to the
// WebSocket sessions (`EventSink`s) whose actor may read each event's ticket: the same rule as the
// REST reads (`core::may_read_ticket`), in the view the REST reads give that actor (redacted for
// those who may not reveal the contact, `core::redact_event`). Each view of an event is encoded
// once, as JSON text shared by every session that gets it. Also keeps the per-user connection count. Beast-free.
//
// Ownership: borrows the feed, the ticket and reference services (they outlive the hub); holds
// sinks weakly. Thread-safety: every method may be called from any thread; `mutex_` guards the
// sink table and the counts. The feed calls `on_event` on the publishing thread, which calls the
// sinks' `deliver` (without `mutex_` held), so `deliver` must only hand the message to another
// thread.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/event_publisher.hpp"
#include "core/reference_service.hpp"
#include "core/result.hpp"
#include "core/ticket_service.hpp"

namespace hotline::net::ws {

// One encoded frame of the stream and the global id of its event.
struct EncodedEvent {
  std::int64_t id = 0;
  std::string text;
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  // Any thread, quickly (see the class comment of `EventHub`).
  virtual void deliver(std::shared_ptr<const EncodedEvent> event) = 0;
};

class EventHub {
 public:
  EventHub(core::EventFeed& feed, core::TicketService& tickets, core::ReferenceService& reference,
           std::size_t max_connections_per_user);
  ~EventHub();
  EventHub(const EventHub&) = delete;
  EventHub& operator=(const EventHub&) = delete;

  // Starts delivering the events `actor` may read to `sink`; returns the key for `detach`.
  // Errors: conflict when the user already holds `max_connections_per_user` connections.
  [[nodiscard]] core::Result<std::uint64_t> attach(const core::Actor& actor, std::weak_ptr<EventSink> sink);
  void detach(std::uint64_t key);  // idempotent

  std::size_t connection_count();
  std::size_t max_connections_per_user() const { return max_per_user_; }

 private:
  struct Entry {
    core::Actor actor;
    std::weak_ptr<EventSink> sink;
  };
  void on_event(const std::shared_ptr<const core::PublishedEvent>& event);

  core::TicketService& tickets_;
  core::ReferenceService& reference_;
  std::size_t max_per_user_;
  std::mutex mutex_;  // guards entries_, per_user_, next_key_
  std::map<std::uint64_t, Entry> entries_;
  std::map<std::int64_t, std::size_t> per_user_;  // user id -> attached sessions
  std::uint64_t next_key_ = 0;
  core::Subscription subscription_;  // last: ended first, before the table it feeds goes
};

}  // namespace hotline::net::ws
