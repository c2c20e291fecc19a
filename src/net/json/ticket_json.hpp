#pragma once
// Wire format of tickets, their histories and the commands on them. Encoders return JSON text;
// decoders are strict (see json_reader.hpp) and fail with `invalid_argument` naming the field.
// Pure functions; safe from any thread.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/audit_repository.hpp"
#include "core/event_publisher.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/ticket_event.hpp"
#include "core/ticket_repository.hpp"
#include "core/workflow.hpp"

namespace hotline::net::json {

// The actions the signed-in user may take on a ticket now (`TicketService::allowed_actions`).
using AllowedActionsOf = std::function<std::vector<core::Action>(const core::Ticket&)>;

// `now` decides the computed "overdue" field; `allowed` becomes "allowed_actions" (action names,
// in table order).
std::string encode_ticket(const core::Ticket& ticket, core::Timestamp now, const std::vector<core::Action>& allowed);
// {"items":[ticket...],"next_after":id|null,"next_cursor":text|null}; each item's allowed_actions from `allowed_of`.
std::string encode_ticket_page(const core::TicketPage& page, core::Timestamp now, const AllowedActionsOf& allowed_of);
// {"name","phone","confidential"}: a revealed contact.
std::string encode_caller(const core::Caller& caller);
// {"items":[{"id","at","actor_id","actor","role","action","ticket_id","reason"}...]}
std::string encode_audit_entries(const std::vector<core::AuditEntry>& entries);
// {"items":[event...]}; payload deadlines (epoch text in core) become ISO 8601.
std::string encode_history(const std::vector<core::TicketEvent>& events);

// One frame of the live event stream (GET /api/v1/events):
// {"type":"event","id","ticket_id","seq","action","actor_id","actor","role","at","reason","payload",
//  "ticket":{...as GET /api/v1/tickets/{id} returns it}}. Masking happened before publishing.
// `allowed`: the receiving user's allowed actions on the ticket.
std::string encode_event_message(const core::PublishedEvent& published, core::Timestamp now,
                                 const std::vector<core::Action>& allowed);

// Required: type, channel, title. Optional: caller{name,phone,confidential}, text,
// place{district,street,address,latitude,longitude}, category, urgency (default normal).
[[nodiscard]] core::Result<core::NewTicket> decode_new_ticket(std::string_view body);
// `action` comes from the path; the body holds the optional ActionRequest fields (reason, approve,
// lead_unit, co_units, extension_days, rating, merge_into, reply, category, note). Empty body = {}.
[[nodiscard]] core::Result<core::ActionRequest> decode_action_request(core::Action action, std::string_view body);

}  // namespace hotline::net::json
