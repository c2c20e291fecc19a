#pragma once
// The ticket (工单) and the vocabulary around it: types, channels, states, ratings, roles.
// A `Ticket` is a projection of its events (see workflow.hpp); it is never edited directly.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace hotline::core {

using TicketId = std::int64_t;
using UnitId = std::string;  // unit codes, e.g. "440106" (天河区), "dept-housing"

enum class TicketType { inquiry, help, complaint, report, suggestion, praise };
enum class Channel { phone, online_chat, wechat, web, app, email, sms, open311, other_hotline };
enum class Urgency { normal, urgent };
enum class Rating { very_satisfied, satisfied, basically_satisfied, dissatisfied };
enum class Role { agent, dispatcher, unit_handler, callback_agent, supervisor, manager, admin };

enum class TicketState {
  registered,
  resolved_at_intake,
  pending_review,
  dispatched,
  acknowledged,
  in_progress,
  return_requested,
  extension_requested,
  replied,
  callback_pending,
  closed,
  archived,
  merged,
};

// String forms used on the wire and in storage; parse_* return nullopt for unknown text.
std::string_view to_string(TicketType v);
std::string_view to_string(Channel v);
std::string_view to_string(Urgency v);
std::string_view to_string(Rating v);
std::string_view to_string(Role v);
std::string_view to_string(TicketState v);
std::optional<TicketType> parse_ticket_type(std::string_view s);
std::optional<Channel> parse_channel(std::string_view s);
std::optional<Urgency> parse_urgency(std::string_view s);
std::optional<Rating> parse_rating(std::string_view s);
std::optional<Role> parse_role(std::string_view s);
std::optional<TicketState> parse_ticket_state(std::string_view s);
const std::vector<TicketState>& all_ticket_states();

// True for states in which a unit still owes work (deadline and overdue apply).
bool is_open_for_handling(TicketState s);
// True once the ticket can no longer change except by archive/redo.
bool is_final(TicketState s);

// How a callback (回访) ended: the citizen rated the result, could not be reached, or refused to rate.
enum class CallbackOutcome { rated, unreachable, refused };
std::string_view to_string(CallbackOutcome v);
std::optional<CallbackOutcome> parse_callback_outcome(std::string_view s);

struct Caller {
  std::string name;
  std::string phone;
  bool confidential = false;  // only reviewers (dispatchers) see the contact
};

// A phone number as the caller-history search compares it: blanks (space, tab, U+3000) and dashes
// removed, then a leading "+86" dropped ("+86 138-0013-8000" -> "13800138000"). SQLite computes
// the same in a generated column (migrations.cpp, kListFilters); keep the two in step.
std::string normalize_phone(std::string_view phone);

struct Place {
  UnitId district;  // unit id of the district, may be empty
  UnitId street;    // unit id of the street/town, may be empty
  std::string address;
  std::optional<double> latitude;
  std::optional<double> longitude;
};

// One co-handling unit's (协办单位) part of a ticket: when it signed for it and its opinion.
struct CoHandling {
  UnitId unit;
  std::optional<Timestamp> acknowledged_at;
  std::string opinion;  // empty until given
  std::optional<Timestamp> opinion_at;

  bool operator==(const CoHandling&) const = default;
};

// A file on a ticket (附件), as its `attach` event recorded it. The bytes live in an
// `AttachmentStore` under `sha256`; the ticket holds only these facts.
struct Attachment {
  std::string sha256;        // 64 lowercase hex digits: the content's SHA-256, its name in the store
  std::string filename;      // as uploaded (checked by `check_attachment`)
  std::string content_type;  // decided from the content, never from the client
  std::int64_t size = 0;     // bytes
  std::string uploaded_by;   // the uploader's username
  Timestamp uploaded_at{};

  bool operator==(const Attachment&) const = default;
};

struct Ticket {
  TicketId id = 0;
  TicketType type = TicketType::inquiry;
  Channel channel = Channel::phone;
  Caller caller;
  std::string title;
  std::string text;
  Place place;
  std::string category;  // "一级/二级/三级" path, may be shorter or empty
  Urgency urgency = Urgency::normal;
  TicketState state = TicketState::registered;
  TicketState resume_state = TicketState::registered;  // where a pending request returns to
  Timestamp created_at{};
  Timestamp updated_at{};
  Timestamp deadline{};
  // The deadline was counted over days of a year the working-day calendar does not cover (as
  // plain weekdays): it may fall on a holiday or be a day off. See WorkCalendar::beyond_calendar.
  bool deadline_beyond_calendar = false;
  std::optional<Timestamp> acknowledge_deadline;
  std::optional<Timestamp> closed_at;
  UnitId lead_unit;
  std::vector<UnitId> co_units;
  int dispatch_count = 0;
  int wrong_dispatch_count = 0;
  int supervision_count = 0;
  int redo_count = 0;
  bool reviewed = false;
  std::optional<Rating> rating;
  std::optional<Timestamp> requested_deadline;  // of a pending extension request
  std::optional<TicketId> merged_into;
  std::string reply;
  // Dispatch-side workflow: per co-unit status (one entry per `co_units`, same order); the units
  // that forwarded the ticket down (层级转派), oldest first; a reviewer's rejection to correct.
  std::vector<CoHandling> co_handling;
  std::vector<UnitId> forwarded_from;
  bool needs_correction = false;
  std::string correction_reason;
  std::int64_t version = 0;  // number of events applied
  std::int64_t created_by = 0;

  // Callbacks, intake answers and merging.
  std::optional<Timestamp> callback_due;       // end of the callback window (set when the reply is approved)
  int callback_attempts = 0;                   // unreachable attempts of the current callback round
  std::optional<Timestamp> next_callback_at;   // when the next attempt is due, after an unreachable one
  std::optional<CallbackOutcome> callback_result;  // how the ticket's callback ended
  std::string intake_answer;                   // resolve_at_intake: the answer given
  std::string knowledge_article;               // resolve_at_intake: the knowledge base article used, if any
  std::optional<Rating> intake_rating;         // rate_intake: the citizen's rating of the intake service
  std::vector<TicketId> merged_from;  // on a merge target: the tickets merged into it, in merge order
  std::vector<Attachment> attachments;  // attach: the files on the ticket, in upload order
  // Read-time projection (never stored): on a merge target, the callers of `merged_from` (masked
  // like every caller); on a merged ticket, reply/rating/callback_result are the target's.
  struct MergedCaller {
    TicketId ticket_id = 0;
    Caller caller;
  };
  std::vector<MergedCaller> merged_callers;

  bool overdue_at(Timestamp now) const { return is_open_for_handling(state) && deadline < now; }
};

}  // namespace hotline::core
