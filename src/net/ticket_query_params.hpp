#pragma once
// Decoding of ticket URL parameters: the `{id}` path segment and the query string of
// GET /api/v1/tickets. Unknown parameters are refused like unknown JSON fields.

#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/audit_repository.hpp"
#include "core/ticket_repository.hpp"
#include "net/request.hpp"

namespace hotline::net {

// A positive decimal id. Errors: not_found (a malformed id names no ticket).
[[nodiscard]] core::Result<core::TicketId> parse_ticket_id(std::string_view text);

// state=a,b  type=  unit=a,b  district=  overdue=true|false  created_from=  created_to= (ISO 8601)
// q=  after=<id>  limit=1..500 (default 50)  category=<path prefix>  urgency=  channel=  street=
// caller_phone=  sort=newest|deadline  cursor=<next_cursor> (either cursor or after; sort=deadline
// pages only with cursor). Errors: invalid_argument naming the parameter.
[[nodiscard]] core::Result<core::TicketQuery> decode_ticket_query(const Request& request);

// `GET /api/v1/audit` parameters: ticket_id, actor_id, before, limit (1-1000), subject (a prefix:
// "unit:", "dispatch_rule:", "calendar:", "user:"). Unknown parameters
// are refused. Errors: invalid_argument naming the parameter.
[[nodiscard]] core::Result<core::AuditQuery> decode_audit_query(const Request& request);

}  // namespace hotline::net
