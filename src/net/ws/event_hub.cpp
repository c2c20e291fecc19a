#include "net/ws/event_hub.hpp"

#include <vector>

#include "core/visibility.hpp"
#include "net/json/ticket_json.hpp"

namespace hotline::net::ws {

EventHub::EventHub(core::EventFeed& feed, core::TicketService& tickets, core::ReferenceService& reference,
                   std::size_t max_connections_per_user)
    : tickets_(tickets), reference_(reference), max_per_user_(max_connections_per_user) {
  subscription_ = feed.subscribe([this](const std::shared_ptr<const core::PublishedEvent>& e) { on_event(e); });
}

EventHub::~EventHub() { subscription_.reset(); }

core::Result<std::uint64_t> EventHub::attach(const core::Actor& actor, std::weak_ptr<EventSink> sink) {
  std::lock_guard lock(mutex_);
  auto& count = per_user_[actor.user_id];
  if (count >= max_per_user_) {
    if (count == 0) per_user_.erase(actor.user_id);
    return core::fail(core::ErrorCode::conflict,
                      "too many connections: at most " + std::to_string(max_per_user_) + " per user");
  }
  ++count;
  std::uint64_t key = next_key_++;
  entries_.emplace(key, Entry{actor, std::move(sink)});
  return key;
}

void EventHub::detach(std::uint64_t key) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  auto user = per_user_.find(it->second.actor.user_id);
  if (user != per_user_.end() && --user->second == 0) per_user_.erase(user);
  entries_.erase(it);
}

std::size_t EventHub::connection_count() {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void EventHub::on_event(const std::shared_ptr<const core::PublishedEvent>& event) {
  auto ref = reference_.snapshot();
  const bool confidential = event->ticket.caller.confidential;
  // Two views of every event (core/visibility.hpp): in full, and redacted for the readers who may
  // not reveal the contact. Each is encoded once, and only when someone reads it.
  std::vector<std::shared_ptr<EventSink>> full_readers;
  std::vector<std::shared_ptr<EventSink>> redacted_readers;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, entry] : entries_) {
      if (!core::may_read_ticket(entry.actor, event->ticket, ref->units)) continue;
      auto sink = entry.sink.lock();
      if (!sink) continue;
      auto& readers = core::may_reveal_contact(confidential, entry.actor.role) ? full_readers : redacted_readers;
      readers.push_back(std::move(sink));
    }
  }
  const auto now = tickets_.now();
  if (!full_readers.empty()) {
    auto encoded =
        std::make_shared<const EncodedEvent>(EncodedEvent{event->event.id, json::encode_event_message(*event, now)});
    for (const auto& reader : full_readers) reader->deliver(encoded);
  }
  if (!redacted_readers.empty()) {
    core::PublishedEvent redacted = *event;
    core::redact_ticket(redacted.ticket);
    core::redact_event(confidential, redacted.event);
    auto encoded =
        std::make_shared<const EncodedEvent>(EncodedEvent{event->event.id, json::encode_event_message(redacted, now)});
    for (const auto& reader : redacted_readers) reader->deliver(encoded);
  }
  // The reader lists go out of scope here, without `mutex_`: when one held a session's last
  // owner, that session's destructor detaches (which locks `mutex_`).
}

}  // namespace hotline::net::ws
