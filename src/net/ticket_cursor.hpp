#pragma once
// The cursor of GET /api/v1/tickets pages: `next_cursor` in a page, `cursor=` in the next request.
// Opaque to clients; it carries the sort it belongs to and that sort's keyset position: the last
// id (newest first) or the last deadline and id (sort=deadline). Pure functions.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/ticket_repository.hpp"

namespace hotline::net {

// The cursor after `page`, or nullopt when no more tickets may follow.
std::optional<std::string> encode_ticket_cursor(const core::TicketPage& page);

// Sets `query`'s keyset position from `cursor`; the cursor must belong to `query.sort`.
// Errors: invalid_argument naming `cursor`.
[[nodiscard]] core::Result<void> apply_ticket_cursor(std::string_view cursor, core::TicketQuery& query);

}  // namespace hotline::net
