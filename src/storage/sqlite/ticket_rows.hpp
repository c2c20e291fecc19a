#pragma once
// Mapping between `core::Ticket` / `core::TicketEvent` and their rows. Pure functions over a
// `Statement`; the column order is `kTicketColumns` and the parameter order of `bind_ticket` is the
// same (?1 = id ... ?35 = created_by, then the columns the later migrations added, in order).

#include <map>
#include <string>
#include <string_view>

#include "core/ticket.hpp"
#include "core/ticket_event.hpp"
#include "storage/sqlite/connection.hpp"

namespace hotline::storage::sqlite {

inline constexpr std::string_view kTicketColumns =
    "id, type, channel, caller_name, caller_phone, caller_confidential, title, text, district, street, "
    "address, latitude, longitude, category, urgency, state, resume_state, created_at, updated_at, deadline, "
    "acknowledge_deadline, closed_at, lead_unit, co_units, dispatch_count, wrong_dispatch_count, "
    "supervision_count, redo_count, reviewed, rating, requested_deadline, merged_into, reply, version, created_by, "
    "co_handling, forwarded_from, needs_correction, correction_reason, "
    "callback_due, callback_attempts, next_callback_at, callback_result, intake_answer, knowledge_article, "
    "intake_rating, merged_from, deadline_beyond_calendar, attachments";
inline constexpr int kTicketColumnCount = 49;

inline constexpr std::string_view kEventColumns = "ticket_id, seq, action, actor_id, actor, role, at, reason, payload";

// Binds every field as parameters ?1..?49; `id` is bound as NULL when it is 0 (SQLite assigns it).
void bind_ticket(Statement& statement, const core::Ticket& ticket);
// Reads a row selected with `kTicketColumns` starting at column 0. Throws `std::runtime_error` on a
// corrupt row (unknown enum text, malformed JSON).
core::Ticket read_ticket(const Statement& statement);

void bind_event(Statement& statement, const core::TicketEvent& event);  // ?1..?9 in kEventColumns order
core::TicketEvent read_event(const Statement& statement);

// Event payloads as a JSON object of strings, and co-handling units as a JSON array of strings.
std::string encode_payload(const std::map<std::string, std::string>& payload);
std::map<std::string, std::string> decode_payload(std::string_view json);
std::string encode_ids(const std::vector<core::TicketId>& ids);  // JSON array of integers
std::vector<core::TicketId> decode_ids(std::string_view json);
std::string encode_units(const std::vector<core::UnitId>& units);
std::vector<core::UnitId> decode_units(std::string_view json);
// Co-handling status as a JSON array of {unit, acknowledged_at, opinion, opinion_at} (times as
// epoch seconds or null; a missing key reads as empty).
std::string encode_co_handling(const std::vector<core::CoHandling>& co_handling);
std::vector<core::CoHandling> decode_co_handling(std::string_view json);
// The attachments column: a JSON array of {sha256, filename, content_type, size, uploaded_by,
// uploaded_at (epoch seconds)}; decoding throws `std::runtime_error` on a corrupt row.
std::string encode_attachments(const std::vector<core::Attachment>& attachments);
std::vector<core::Attachment> decode_attachments(std::string_view json);

}  // namespace hotline::storage::sqlite
