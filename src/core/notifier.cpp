#include "core/notifier.hpp"

#include <utility>

#include "core/access.hpp"
#include "core/pii_mask.hpp"
#include "core/ticket_service.hpp"

namespace hotline::core {

Notifier::Notifier(OutboxRepository& outbox, AuditRepository& audit, const Clock& clock)
    : outbox_(outbox), audit_(audit), clock_(clock) {}

Result<OutboundMessage> Notifier::enqueue(MessageKind kind, const std::string& phone, const std::string& text,
                                          std::optional<TicketId> ticket) {
  if (auto valid = validate_recipient(phone); !valid) return valid.error();
  if (auto valid = validate_message_text(text); !valid) return valid.error();
  if (ticket && *ticket <= 0) return fail(ErrorCode::invalid_argument, "ticket_id must be positive", "ticket_id");
  OutboundMessage message;
  message.kind = kind;
  message.recipient = phone;
  message.text = text;
  message.ticket_id = ticket;
  message.created_at = clock_.now();
  message.next_attempt_at = message.created_at;
  return outbox_.enqueue(message);
}

Result<OutboxPage> Notifier::messages(const Actor& actor, const OutboxQuery& query) {
  if (auto allowed = check_reader(actor, "outbox"); !allowed) return allowed.error();
  if (query.limit < 1 || query.limit > 500) return fail(ErrorCode::invalid_argument, "limit must be 1-500", "limit");
  OutboxQuery probe = query;
  probe.limit = query.limit + 1;  // one more tells whether a next page exists
  auto found = outbox_.list(probe);
  if (!found) return found.error();
  std::string reason = "state=" + (query.state ? to_string(*query.state) : std::string("*")) +
                       " kind=" + (query.kind ? to_string(*query.kind) : std::string("*"));
  if (query.before_id) reason += " before=" + std::to_string(*query.before_id);
  OutboxPage page;
  const bool more = static_cast<int>(found->size()) > query.limit;
  if (more) found->resize(static_cast<std::size_t>(query.limit));
  reason += ", " + std::to_string(found->size()) + " message(s)";
  if (auto logged = record(actor, "outbox_viewed", std::nullopt, "", reason); !logged) return logged.error();
  for (auto& m : *found) page.items.push_back(present_message(actor.role, std::move(m)));
  if (more) page.next_cursor = page.items.back().id;
  return page;
}

Result<OutboundMessage> Notifier::message(const Actor& actor, std::int64_t id) {
  if (auto allowed = check_reader(actor, "notification:" + std::to_string(id)); !allowed) return allowed.error();
  auto found = outbox_.get(id);
  if (!found) return found.error();
  if (auto logged = record(actor, "notification_viewed", found->ticket_id, "notification:" + std::to_string(id),
                           to_string(found->kind));
      !logged)
    return logged.error();
  return present_message(actor.role, std::move(*found));
}

Result<void> Notifier::check_reader(const Actor& actor, const std::string& what) {
  if (may_view_notifications(actor.role)) return {};
  if (auto logged = record(actor, "outbox_view_refused", std::nullopt, "", what); !logged) return logged.error();
  return fail(ErrorCode::forbidden, "only administrators and supervisors may read the outbox");
}

Result<void> Notifier::record(const Actor& actor, std::string action, std::optional<TicketId> ticket,
                              std::string subject, std::string reason) {
  AuditEntry entry;
  entry.at = clock_.now();
  entry.actor_id = actor.user_id;
  entry.actor = actor.username;
  entry.role = actor.role;
  entry.action = std::move(action);
  entry.ticket_id = ticket.value_or(0);
  entry.subject = std::move(subject);
  entry.reason = std::move(reason);
  auto logged = audit_.append(entry);
  if (!logged) return logged.error();
  return {};
}

OutboundMessage present_message(Role viewer, OutboundMessage message) {
  message.recipient = mask_phone(message.recipient);
  message.text = mask_pii(message.text);
  if (viewer != Role::admin && message.kind == MessageKind::one_time_code) {
    for (auto& c : message.text)
      if (c >= '0' && c <= '9') c = '*';
  }
  return message;
}

}  // namespace hotline::core
