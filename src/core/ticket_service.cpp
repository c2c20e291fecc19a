#include "core/ticket_service.hpp"

#include "core/attachment_type.hpp"
#include "core/event_payload.hpp"
#include "core/workflow_checks.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace hotline::core {

TicketService::TicketService(TicketRepository& tickets, AuditRepository& audit, ReferenceService& reference,
                             const Clock& clock, DeadlinePolicy policy, EventPublisher* events,
                             AttachmentStore* attachments)
    : tickets_(tickets),
      audit_(audit),
      reference_(reference),
      clock_(clock),
      policy_(std::make_shared<const DeadlinePolicy>(std::move(policy))),
      events_(events),
      attachments_(attachments) {}

std::string mask_phone(const std::string& phone) {
  if (phone.size() <= 4) return std::string(phone.size(), '*');
  if (phone.size() < 8) return std::string(phone.size() - 2, '*') + phone.substr(phone.size() - 2);
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

std::string mask_name(const std::string& name) {
  if (name.empty()) return name;
  // Keep the first UTF-8 character (the family name), star the rest.
  std::size_t first = 1;
  while (first < name.size() && (static_cast<unsigned char>(name[first]) & 0xC0) == 0x80) ++first;
  return name.substr(0, first) + "**";
}

void mask_contact(TicketEvent& event) {
  rewrite_caller(event, [](Caller& caller) {
    caller.name = mask_name(caller.name);
    caller.phone = mask_phone(caller.phone);
  });
}

void mask_contact(Ticket& ticket) {
  ticket.caller.name = mask_name(ticket.caller.name);
  ticket.caller.phone = mask_phone(ticket.caller.phone);
  for (auto& merged : ticket.merged_callers) {
    merged.caller.name = mask_name(merged.caller.name);
    merged.caller.phone = mask_phone(merged.caller.phone);
  }
}

Result<void> TicketService::project_merges(Ticket& ticket) {
  if (ticket.merged_into) {
    auto target = tickets_.get(*ticket.merged_into);
    if (!target) return target.error();
    ticket.reply = target->reply;
    ticket.rating = target->rating;
    ticket.callback_result = target->callback_result;
    return {};
  }
  ticket.merged_callers.clear();
  if (ticket.merged_from.empty()) return {};
  auto merged = tickets_.get_many(ticket.merged_from);
  if (!merged) return merged.error();
  for (auto& one : *merged) ticket.merged_callers.push_back(Ticket::MergedCaller{one.id, std::move(one.caller)});
  return {};
}

void TicketService::publish(const Ticket& ticket, TicketEvent event, std::int64_t event_id) {
  if (events_ == nullptr) return;
  event.id = event_id;
  event.ticket_id = ticket.id;
  event.seq = ticket.version;
  mask_contact(event);
  events_->publish(PublishedEvent{std::move(event), ticket});  // `ticket` is masked by the caller
}

std::shared_ptr<const DeadlinePolicy> TicketService::policy() const {
  std::lock_guard lock(policy_mutex_);
  return policy_;
}

void TicketService::set_policy(DeadlinePolicy policy) {
  auto next = std::make_shared<const DeadlinePolicy>(std::move(policy));
  std::lock_guard lock(policy_mutex_);
  policy_ = std::move(next);
}

Result<Ticket> TicketService::register_ticket(const Actor& actor, const NewTicket& ticket) {
  auto ref = reference_.snapshot();
  auto policy = this->policy();
  WorkflowContext ctx{ref->calendar, *policy, ref->units, ref->taxonomy};
  auto event = decide_register(ticket, actor, clock_.now(), ctx);
  if (!event) return event.error();
  Ticket projected;
  apply(projected, *event);
  auto stored = tickets_.create(projected, *event);
  if (!stored) return stored.error();
  mask_contact(stored->ticket);
  publish(stored->ticket, std::move(*event), stored->event_id);
  present_ticket(actor.role, stored->ticket);
  return stored->ticket;
}

Result<Ticket> TicketService::load_visible(const Actor& actor, TicketId id) {
  if (!can_read_tickets(actor.role)) return fail(ErrorCode::forbidden, "role may not read tickets");
  auto ticket = tickets_.get(id);
  if (!ticket) return ticket.error();
  auto ref = reference_.snapshot();
  // Not found rather than forbidden: a handler must not learn which ticket ids exist elsewhere.
  if (!may_read_ticket(actor, *ticket, ref->units)) return fail(ErrorCode::not_found, "ticket not found");
  return ticket;
}

Result<Ticket> TicketService::act(const Actor& actor, TicketId id, const ActionRequest& request) {
  return decide_and_append(actor, id, request);
}

Result<Ticket> TicketService::attach(const Actor& actor, TicketId id, const std::string& filename,
                                     std::string_view bytes) {
  auto ticket = load_visible(actor, id);
  if (!ticket) return ticket.error();
  {
    auto ref = reference_.snapshot();
    if (auto may = check_may(Action::attach, *ticket, actor, ref->units); !may) return may.error();
  }
  auto type = check_attachment(filename, bytes);
  if (!type) return type.error();
  if (attachments_ == nullptr) return fail(ErrorCode::unavailable, "attachments are not configured on this server");
  // Durable before the event that names it (see the header).
  auto sha256 = attachments_->put(bytes);
  if (!sha256) return sha256.error();
  ActionRequest request;
  request.action = Action::attach;
  request.attachment = Attachment{*sha256, filename, type->content_type, static_cast<std::int64_t>(bytes.size()), {}, {}};
  return decide_and_append(actor, id, request);
}

Result<AttachmentFile> TicketService::attachment(const Actor& actor, TicketId id, const std::string& sha256) {
  auto ticket = load_visible(actor, id);
  if (!ticket) return ticket.error();
  auto found = std::find_if(ticket->attachments.begin(), ticket->attachments.end(),
                            [&](const Attachment& a) { return a.sha256 == sha256; });
  if (found == ticket->attachments.end()) return fail(ErrorCode::not_found, "no such attachment on this ticket");
  if (attachments_ == nullptr) return fail(ErrorCode::unavailable, "attachments are not configured on this server");
  auto bytes = attachments_->get(sha256);
  if (!bytes) return bytes.error();
  if (!*bytes) return fail(ErrorCode::internal, "attachment " + sha256 + " is missing from the store");
  AttachmentFile file{*found, std::move(**bytes), found->content_type.starts_with("image/")};
  // The name as this viewer reads it (personal numbers masked for those who may not see them).
  Ticket presented = *ticket;
  present_ticket(actor.role, presented);
  file.attachment.filename = presented.attachments[static_cast<std::size_t>(found - ticket->attachments.begin())].filename;
  return file;
}

Result<Ticket> TicketService::decide_and_append(const Actor& actor, TicketId id, const ActionRequest& request) {
  // Optimistic concurrency: on a version conflict, re-read and re-decide a few times.
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto ticket = load_visible(actor, id);
    if (!ticket) return ticket.error();
    std::optional<Ticket> target;  // a merge records itself on its target too
    if (request.action == Action::merge && request.merge_into && *request.merge_into != id) {
      auto loaded = load_visible(actor, *request.merge_into);
      if (!loaded) return fail(ErrorCode::invalid_argument, "target ticket not found", "merge_into");
      if (auto ok = check_merge_target(*ticket, *loaded, request); !ok) return ok.error();
      target = std::move(*loaded);
    }
    auto ref = reference_.snapshot();
    auto policy = this->policy();
    WorkflowContext ctx{ref->calendar, *policy, ref->units, ref->taxonomy};
    auto event = decide(*ticket, request, actor, clock_.now(), ctx);
    if (!event) return event.error();
    Ticket updated = *ticket;
    apply(updated, *event);
    std::vector<TicketAppend> appends{{updated, *event, ticket->version}};
    if (target) {
      TicketEvent target_event = merge_target_event(*target, *event);
      Ticket target_updated = *target;
      apply(target_updated, target_event);
      appends.push_back({std::move(target_updated), std::move(target_event), target->version});
    }
    auto stored = [&]() -> Result<std::vector<std::int64_t>> {
      if (appends.size() > 1) return tickets_.append_all(appends);
      auto one = tickets_.append(updated, *event, ticket->version);
      if (!one) return one.error();
      return std::vector<std::int64_t>{*one};
    }();
    if (stored) {
      if (auto projected = project_merges(updated); !projected) return projected.error();
      mask_contact(updated);
      for (std::size_t i = 1; i < appends.size(); ++i) {
        mask_contact(appends[i].updated);
        publish(appends[i].updated, std::move(appends[i].event), (*stored)[i]);
      }
      publish(updated, std::move(*event), (*stored)[0]);
      present_ticket(actor.role, updated);
      return updated;
    }
    if (stored.error().code != ErrorCode::conflict) return stored.error();
  }
  return fail(ErrorCode::conflict, "ticket is being changed by someone else, try again");
}

Result<Ticket> TicketService::get(const Actor& actor, TicketId id) {
  auto ticket = load_visible(actor, id);
  if (!ticket) return ticket;
  if (auto projected = project_merges(*ticket); !projected) return projected.error();
  mask_contact(*ticket);
  present_ticket(actor.role, *ticket);
  return ticket;
}

Result<TicketPage> TicketService::list(const Actor& actor, TicketQuery query) {
  if (!can_read_tickets(actor.role)) return fail(ErrorCode::forbidden, "role may not read tickets");
  if (query.limit < 1 || query.limit > 500) return fail(ErrorCode::invalid_argument, "limit must be 1-500", "limit");
  if (query.text_contains.size() > 200) return fail(ErrorCode::invalid_argument, "search text is too long", "q");
  query.now = clock_.now();
  const bool phone_search = !query.caller_phone.empty();
  if (phone_search) {
    // The caller-history search links a phone to tickets: it is a look at the contact.
    if (!may_reveal_contact(false, actor.role))
      return fail(ErrorCode::forbidden, "role may not search by callers' phones", "caller_phone");
    query.caller_phone = normalize_phone(query.caller_phone);
    if (query.caller_phone.empty())
      return fail(ErrorCode::invalid_argument, "caller_phone holds no digits", "caller_phone");
    if (query.caller_phone.size() > 32) return fail(ErrorCode::invalid_argument, "caller_phone is too long", "caller_phone");
    // Callers who asked for confidentiality are found only by those who may see their contact.
    if (!may_reveal_contact(true, actor.role)) query.include_confidential_callers = false;
  }
  auto ref = reference_.snapshot();
  if (actor.role == Role::unit_handler) {
    auto allowed = ref->units.subtree(actor.unit_id);
    if (query.units.empty()) {
      query.units = std::move(allowed);
    } else {
      std::vector<UnitId> narrowed;
      for (const auto& u : query.units) {
        if (ref->units.is_within(u, actor.unit_id)) narrowed.push_back(u);
      }
      query.units = std::move(narrowed);
    }
    if (query.units.empty()) {
      if (!phone_search) return TicketPage{};
      auto logged = audit_phone_search(actor, query.caller_phone, 0);
      if (!logged) return logged.error();
      return TicketPage{};
    }
  } else if (query.units.size() == 1) {
    // A unit filter means the unit and everything below it.
    auto expanded = ref->units.subtree(query.units.front());
    if (!expanded.empty()) query.units = std::move(expanded);
  }
  auto page = tickets_.list(query);
  if (!page) return page.error();
  if (phone_search) {
    auto logged = audit_phone_search(actor, query.caller_phone, page->tickets.size());
    if (!logged) return logged.error();  // no audit entry, no answer
  }
  for (auto& t : page->tickets) {
    mask_contact(t);
    present_ticket(actor.role, t);
  }
  return page;
}

Result<void> TicketService::audit_phone_search(const Actor& actor, const std::string& phone, std::size_t found) {
  AuditEntry entry;
  entry.at = clock_.now();
  entry.actor_id = actor.user_id;
  entry.actor = actor.username;
  entry.role = actor.role;
  entry.action = "caller_history_search";
  entry.reason = "phone " + mask_phone(phone) + ", " + std::to_string(found) + " ticket(s) on this page";
  auto logged = audit_.append(entry);
  if (!logged) return logged.error();
  return {};
}

Result<std::vector<TicketEvent>> TicketService::history(const Actor& actor, TicketId id) {
  auto visible = load_visible(actor, id);
  if (!visible) return visible.error();
  auto events = tickets_.history(id);
  if (!events) return events.error();
  for (auto& e : *events) {
    mask_contact(e);
    present_event(actor.role, visible->caller.confidential, e);
  }
  return events;
}

Result<EventReplay> TicketService::events_since(const Actor& actor, std::int64_t after_id, int limit) {
  if (!can_read_tickets(actor.role)) return fail(ErrorCode::forbidden, "role may not read tickets");
  if (limit < 1 || limit > kMaxEventsAfter)
    return fail(ErrorCode::invalid_argument, "limit must be 1-" + std::to_string(kMaxEventsAfter), "limit");
  auto events = tickets_.events_after(after_id, limit);
  if (!events) return events.error();
  EventReplay replay;
  replay.scanned_to = events->empty() ? after_id : events->back().id;
  if (static_cast<int>(events->size()) == limit) {
    auto more = tickets_.events_after(events->back().id, 1);
    if (!more) return more.error();
    replay.truncated = !more->empty();
  }
  std::vector<TicketId> ids;
  for (const auto& e : *events) {
    if (std::find(ids.begin(), ids.end(), e.ticket_id) == ids.end()) ids.push_back(e.ticket_id);
  }
  auto tickets = tickets_.get_many(ids);
  if (!tickets) return tickets.error();
  auto ref = reference_.snapshot();
  std::map<TicketId, const Ticket*> visible;
  for (auto& t : *tickets) {
    if (!may_read_ticket(actor, t, ref->units)) continue;
    mask_contact(t);
    present_ticket(actor.role, t);  // keeps `confidential`, which the events' redaction reads
    visible.emplace(t.id, &t);
  }
  for (auto& e : *events) {
    auto it = visible.find(e.ticket_id);
    if (it == visible.end()) continue;
    mask_contact(e);
    present_event(actor.role, it->second->caller.confidential, e);
    replay.events.push_back(PublishedEvent{std::move(e), *it->second});
  }
  return replay;
}

Result<Caller> TicketService::reveal_contact(const Actor& actor, TicketId id, const std::string& reason) {
  if (reason.size() > 500) return fail(ErrorCode::invalid_argument, "reason is too long", "reason");
  auto ticket = load_visible(actor, id);
  if (!ticket) return ticket.error();
  AuditEntry entry;
  entry.at = clock_.now();
  entry.actor_id = actor.user_id;
  entry.actor = actor.username;
  entry.role = actor.role;
  entry.action = "reveal_contact";
  entry.ticket_id = id;
  entry.reason = reason;
  const bool for_callback = may_reveal_for_callback(*ticket, actor.role);
  if (for_callback) {
    if (is_blank(reason))
      return fail(ErrorCode::invalid_argument, "calling back a confidential caller requires a reason", "reason");
    entry.action = "reveal_contact_for_callback";
  } else if (!may_reveal_contact(ticket->caller.confidential, actor.role)) {
    const std::string why =
        ticket->caller.confidential ? "the caller asked for confidentiality" : "role may not see callers' contacts";
    entry.action = "reveal_contact_refused";
    entry.reason = reason.empty() ? "refused: " + why : reason + " (refused: " + why + ")";
    if (auto logged = audit_.append(entry); !logged) return logged.error();
    return fail(ErrorCode::forbidden, why);
  }
  auto logged = audit_.append(entry);
  if (!logged) return logged.error();  // no audit entry, no contact
  return ticket->caller;
}

Result<std::vector<AuditEntry>> TicketService::audit_trail(const Actor& actor, const AuditQuery& query) {
  if (actor.role != Role::supervisor && actor.role != Role::manager && actor.role != Role::admin)
    return fail(ErrorCode::forbidden, "role may not read the audit trail");
  if (query.limit < 1 || query.limit > 1000) return fail(ErrorCode::invalid_argument, "limit must be 1-1000", "limit");
  return audit_.list(query);
}

std::vector<Action> TicketService::allowed_actions(const Actor& actor, const Ticket& ticket) const {
  auto ref = reference_.snapshot();
  return core::allowed_actions(ticket, actor, ref->units);
}

Timestamp TicketService::preview_deadline(TicketType type, Urgency urgency) const {
  auto ref = reference_.snapshot();
  return handling_deadline(ref->calendar, *policy(), type, urgency, clock_.now());
}

Result<std::vector<TicketId>> TicketService::import_tickets(const std::vector<ImportedTicket>& batch) {
  return tickets_.import_tickets(batch);
}

}  // namespace hotline::core
