#pragma once
// `Notifier`: the one way to send a citizen a message (one-time codes, "your request was
// registered/replied"). `enqueue` validates and stores the message in the outbox; the outbox
// worker (`OutboxDelivery`, run by app's `OutboxWorker`) sends it later with retries, or nobody
// does when no sender is configured and the message waits in the outbox.
//
// Reading the outbox (permission notifications.view: admins and supervisors, core/access.hpp) is
// audited like contact reveals, before the answer: "outbox_viewed" for a page (the filters in
// the reason), "notification_viewed" for one message (subject "notification:ID", its ticket),
// "outbox_view_refused" before a forbidden. What readers see:
//   - the recipient masked ("138****5678", as ticket contacts are): nobody needs a citizen's
//     full number from the outbox;
//   - the text with personal numbers masked (`mask_pii`), otherwise in full for admins, because
//     one-time codes must be auditable (a citizen disputing a code, a test reading its code);
//     supervisors see the digits of one-time codes starred.
// Thread-safe: the collaborators are.

#include <optional>
#include <string>
#include <vector>

#include "core/audit_repository.hpp"
#include "core/clock.hpp"
#include "core/outbox_repository.hpp"
#include "core/ticket_event.hpp"

namespace hotline::core {

struct OutboxPage {
  std::vector<OutboundMessage> items;
  std::optional<std::int64_t> next_cursor;  // `before_id` of the next page; none on the last
};

class Notifier {
 public:
  Notifier(OutboxRepository& outbox, AuditRepository& audit, const Clock& clock);

  // Stores a message due now. Errors: invalid_argument "recipient" (validate_recipient) or
  // "text" (validate_message_text), "ticket_id" when not positive; the repository's.
  [[nodiscard]] Result<OutboundMessage> enqueue(MessageKind kind, const std::string& phone, const std::string& text,
                                                std::optional<TicketId> ticket = std::nullopt);

  // A page of the outbox, newest first, as presented above. Errors: forbidden (audited);
  // invalid_argument "limit" outside 1..500; unavailable when the audit entry cannot be stored.
  [[nodiscard]] Result<OutboxPage> messages(const Actor& actor, const OutboxQuery& query);
  // Errors: forbidden (audited), not_found, unavailable as `messages`.
  [[nodiscard]] Result<OutboundMessage> message(const Actor& actor, std::int64_t id);

 private:
  [[nodiscard]] Result<void> record(const Actor& actor, std::string action, std::optional<TicketId> ticket,
                                    std::string subject, std::string reason);
  [[nodiscard]] Result<void> check_reader(const Actor& actor, const std::string& what);

  OutboxRepository& outbox_;
  AuditRepository& audit_;
  const Clock& clock_;
};

// `message` as `viewer` reads it (see the class comment).
OutboundMessage present_message(Role viewer, OutboundMessage message);

}  // namespace hotline::core
