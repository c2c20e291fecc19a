#include "net/ws/event_hub.hpp"

#include <map>
#include <utility>
#include <vector>

#include "core/visibility.hpp"
#include "core/workflow.hpp"
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
  std::vector<std::pair<core::Actor, std::shared_ptr<EventSink>>> readers;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [key, entry] : entries_) {
      if (!core::may_read_ticket(entry.actor, event->ticket, ref->units)) continue;
      if (auto sink = entry.sink.lock()) readers.emplace_back(entry.actor, std::move(sink));
    }
  }
  if (readers.empty()) return;  // encoded only when someone reads it
  // The frame differs by what the role may see (in full, or redacted for readers who may not reveal
  // the contact: core/visibility.hpp) and by the ticket's allowed_actions, which depend on role and
  // unit: encoded once per such pair.
  const auto now = tickets_.now();
  std::map<std::pair<core::Role, core::UnitId>, std::shared_ptr<const EncodedEvent>> encoded;
  for (const auto& [actor, reader] : readers) {
    auto& frame = encoded[{actor.role, actor.unit_id}];
    if (!frame) {
      const auto allowed = core::allowed_actions(event->ticket, actor, ref->units);
      if (core::may_reveal_contact(confidential, actor.role)) {
        frame = std::make_shared<const EncodedEvent>(
            EncodedEvent{event->event.id, json::encode_event_message(*event, now, allowed)});
      } else {
        core::PublishedEvent redacted = *event;
        core::redact_ticket(redacted.ticket);
        core::redact_event(confidential, redacted.event);
        frame = std::make_shared<const EncodedEvent>(
            EncodedEvent{event->event.id, json::encode_event_message(redacted, now, allowed)});
      }
    }
    reader->deliver(frame);
  }
  // `readers` goes out of scope here, without `mutex_`: when it held a session's last owner, that
  // session's destructor detaches (which locks `mutex_`).
}

}  // namespace hotline::net::ws
