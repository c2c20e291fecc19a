#pragma once
// The use cases on tickets: register, act on the lifecycle, read, list and history, with the
// visibility rules of each role. Callers' contacts are masked in everything these return, and for
// a viewer who may not reveal the contact also redacted (`present_ticket`, `present_event`: no
// part of a confidential caller, personal numbers in free text masked); the full contact comes
// only from `reveal_contact`, which writes the audit trail first, and audits a refusal too.
// Stateless apart from its collaborators and the swappable deadline policy; safe to call from many
// threads at once.

#include <memory>
#include <mutex>
#include <vector>

#include "core/attachment_store.hpp"
#include "core/audit_repository.hpp"
#include "core/clock.hpp"
#include "core/event_publisher.hpp"
#include "core/reference_service.hpp"
#include "core/result.hpp"
#include "core/ticket_repository.hpp"
#include "core/visibility.hpp"
#include "core/workflow.hpp"

namespace hotline::core {

// What a live subscriber missed (`TicketService::events_since`).
struct EventReplay {
  std::vector<PublishedEvent> events;  // the visible ones, masked, each with the ticket as it is now
  bool truncated = false;              // more than the limit were committed: the subscriber must reload
  std::int64_t scanned_to = 0;         // the last event id examined (the `after_id` when none followed)
};

// A file on a ticket with its bytes (`TicketService::attachment`).
struct AttachmentFile {
  Attachment attachment;
  std::string bytes;
  bool inline_safe = false;  // an image a browser may show in place
};

class TicketService {
 public:
  // `events`, when given, receives every event `register_ticket` and `act` commit, after the
  // commit is durable (masked, with the ticket as it is after it). `attachments`, when given,
  // holds the bytes of the files `attach` puts on tickets; without it `attach` is unavailable.
  TicketService(TicketRepository& tickets, AuditRepository& audit, ReferenceService& reference, const Clock& clock,
                DeadlinePolicy policy = {}, EventPublisher* events = nullptr, AttachmentStore* attachments = nullptr);

  [[nodiscard]] Result<Ticket> register_ticket(const Actor& actor, const NewTicket& ticket);
  // Applies one lifecycle action. Errors: not_found (also when the actor may not see the ticket),
  // forbidden, conflict (state, or a concurrent change that persisted), invalid_argument.
  [[nodiscard]] Result<Ticket> act(const Actor& actor, TicketId id, const ActionRequest& request);
  // Puts a file on the ticket (附件): the `attach` action, whose facts only this call has. Checks in
  // this order: the ticket is readable (else not_found), the actor may attach now (forbidden, or
  // conflict for an archived or merged ticket), the name and content (`check_attachment`:
  // invalid_argument naming `filename` or `file`), then stores the bytes durably in the
  // `AttachmentStore` before appending the event, so an acknowledged upload survives a crash (a
  // crash between leaves an unreferenced file, harmless). The same content twice on one ticket is
  // a conflict naming `file`. Errors also: unavailable (no store, or the store failed).
  [[nodiscard]] Result<Ticket> attach(const Actor& actor, TicketId id, const std::string& filename,
                                      std::string_view bytes);
  // The file `sha256` of ticket `id` under the ticket's read rule: not_found when the ticket is not
  // readable or the hash is not attached to this ticket (a hash alone gives nothing). Errors also:
  // unavailable (no store), internal (the store lost a file an event names).
  [[nodiscard]] Result<AttachmentFile> attachment(const Actor& actor, TicketId id, const std::string& sha256);
  // `get` and `act` return the merge projection too (`Ticket::merged_callers`); list pages do not.
  // A merge appends an event to the merged ticket and one to its target, in one transaction.
  [[nodiscard]] Result<Ticket> get(const Actor& actor, TicketId id);
  // Unit handlers only ever see tickets of their unit subtree, whatever `query.units` says.
  // `query.caller_phone` (the caller-history search; normalized here) is for the roles that may
  // see contacts (`may_reveal_contact`), else forbidden naming `caller_phone`; callers who asked
  // for confidentiality are left out unless the role may see theirs too. Every such search is
  // written to the audit trail (actor, the phone masked, the count) before the page is returned.
  [[nodiscard]] Result<TicketPage> list(const Actor& actor, TicketQuery query);
  [[nodiscard]] Result<std::vector<TicketEvent>> history(const Actor& actor, TicketId id);
  // The events committed after `after_id` (at most `limit`, 1..kMaxEventsAfter, scanned in id
  // order) that `actor` may read now (`may_read_ticket` on each ticket as it is now), masked.
  // `truncated` when more than `limit` followed `after_id`. Errors: forbidden (role reads no
  // tickets), invalid_argument (limit).
  [[nodiscard]] Result<EventReplay> events_since(const Actor& actor, std::int64_t after_id, int limit);
  // The caller's full name and phone, for those whose work needs them (see `may_reveal_contact`).
  // Records an audit entry (durably) before returning: "reveal_contact", or
  // "reveal_contact_refused" before a forbidden. Errors: not_found, forbidden.
  [[nodiscard]] Result<Caller> reveal_contact(const Actor& actor, TicketId id, const std::string& reason);
  // The audit trail; supervisors, managers and admins only.
  [[nodiscard]] Result<std::vector<AuditEntry>> audit_trail(const Actor& actor, const AuditQuery& query);

  // The actions `actor` may take on `ticket` now (`core::allowed_actions` over the current unit
  // tree), for the `allowed_actions` of every ticket the API returns. No storage access.
  std::vector<Action> allowed_actions(const Actor& actor, const Ticket& ticket) const;

  // Bulk load of complete tickets with their histories (demo seed, imports) for the composition
  // root: no role check. See `TicketRepository::import_tickets`.
  [[nodiscard]] Result<std::vector<TicketId>> import_tickets(const std::vector<ImportedTicket>& batch);

  // Deadline a ticket of this type and urgency would get if registered now.
  Timestamp preview_deadline(TicketType type, Urgency urgency) const;
  // The deadline policy new registrations and deadline computations use now; each operation takes
  // one snapshot, so a concurrent `set_policy` never mixes two policies in one decision.
  std::shared_ptr<const DeadlinePolicy> policy() const;
  // Replaces the policy for what is decided from now on; tickets already registered keep the
  // deadlines they were given.
  void set_policy(DeadlinePolicy policy);
  Timestamp now() const { return clock_.now(); }

 private:
  [[nodiscard]] Result<Ticket> load_visible(const Actor& actor, TicketId id);
  // Decides, appends (retrying a lost race a few times) and publishes one action; `act` and `attach`.
  [[nodiscard]] Result<Ticket> decide_and_append(const Actor& actor, TicketId id, const ActionRequest& request);
  // The read-time merge projection of a single ticket (see `Ticket::merged_callers`): a target
  // lists the callers of the tickets merged into it (masked later, like the caller); a merged ticket
  // shows its target's reply, rating and callback result, so the target's callback answers its caller too.
  [[nodiscard]] Result<void> project_merges(Ticket& ticket);

  void publish(const Ticket& ticket, TicketEvent event, std::int64_t event_id);
  [[nodiscard]] Result<void> audit_phone_search(const Actor& actor, const std::string& phone, std::size_t found);

  TicketRepository& tickets_;
  AuditRepository& audit_;
  ReferenceService& reference_;
  const Clock& clock_;
  mutable std::mutex policy_mutex_;  // guards policy_ (the pointer; the policy itself is immutable)
  std::shared_ptr<const DeadlinePolicy> policy_;
  EventPublisher* events_;
  AttachmentStore* attachments_;
};
// `may_reveal_contact` is in core/visibility.hpp, with what each viewer reads of a ticket.
// Replaces name and phone by their masked forms.
void mask_contact(Ticket& ticket);
// The same in an event's data (the register event carries the caller); other events are unchanged.
void mask_contact(TicketEvent& event);
std::string mask_phone(const std::string& phone);
std::string mask_name(const std::string& name);

}  // namespace hotline::core
