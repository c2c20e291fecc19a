#pragma once
// The typed data of each action's event, and the one mapping to and from the flat text map
// (`TicketEvent::payload`) that every backend stores and the API shows. Code works with the types;
// only `encode_payload`/`decode_payload` know the keys, which are listed here and nowhere else:
//
//   action             type                keys (all values text)
//   register           RegisterData        type channel caller_name caller_phone confidential(0/1) title
//                                          text district street address latitude? longitude? category
//                                          urgency deadline(epoch seconds) deadline_beyond_calendar?(1)
//   review             ReviewData          approved(0/1) category?
//   dispatch           DispatchData        lead_unit co_units(comma list) acknowledge_deadline
//   handle, supervise  NoteData            note (supervise: only when given)
//   request_extension  ExtensionRequestData requested_deadline extension_days
//   approve_extension  ExtensionApprovalData deadline? deadline_beyond_calendar?(1)
//   reply              ReplyData           reply
//   review_reply       ReplyReviewData     approved(0/1)
//   callback           CallbackData        rating
//   redo               RedoData            deadline acknowledge_deadline deadline_beyond_calendar?(1)
//
// deadline_beyond_calendar: written only when the deadline was counted over a year the working-day
// calendar does not cover (WorkCalendar::beyond_calendar).
//   merge              MergeData           merge_into
//   anything else      std::monostate      (no keys)
//
// Decoding is lenient, as history must always replay: a missing key reads as empty, zero or the
// type's default; unknown keys are ignored.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"
#include "core/ticket.hpp"
#include "core/ticket_event.hpp"
#include "core/workflow.hpp"

namespace hotline::core {

using PayloadMap = std::map<std::string, std::string>;

// The registration request as accepted, and the deadline it got.
struct RegisterData : NewTicket {
  Timestamp deadline{};
  bool deadline_beyond_calendar = false;
};

struct ReviewData {
  bool approved = false;
  std::string category;  // empty: unchanged
};

struct DispatchData {
  UnitId lead_unit;
  std::vector<UnitId> co_units;
  Timestamp acknowledge_deadline{};
};

struct NoteData {
  std::string note;
};

struct ExtensionRequestData {
  Timestamp requested_deadline{};
  int extension_days = 0;
};

struct ExtensionApprovalData {
  std::optional<Timestamp> deadline;  // empty: nothing was requested, the deadline stays
  bool deadline_beyond_calendar = false;
};

struct ReplyData {
  std::string reply;
};

struct ReplyReviewData {
  bool approved = false;
};

struct CallbackData {
  std::optional<Rating> rating;
};

struct RedoData {
  Timestamp deadline{};
  Timestamp acknowledge_deadline{};
  bool deadline_beyond_calendar = false;
};

struct MergeData {
  TicketId merge_into = 0;
};

using EventData = std::variant<std::monostate, RegisterData, ReviewData, DispatchData, NoteData, ExtensionRequestData,
                               ExtensionApprovalData, ReplyData, ReplyReviewData, CallbackData, RedoData, MergeData>;

// The text map of `data` (see the table above).
PayloadMap encode_payload(const EventData& data);
// The typed data of an event of `action` from its text map.
EventData decode_payload(Action action, const PayloadMap& payload);

// Rewrites the caller in a register event's payload in place (e.g. to mask it), leaving every other
// key as stored; events of other actions are unchanged.
void rewrite_caller(TicketEvent& event, const std::function<void(Caller&)>& rewrite);

// `decode_payload` of an event, as the type its action carries; throws std::bad_variant_access
// when `T` is not that type (a programming error, not input).
template <typename T>
T event_data(const TicketEvent& event) {
  return std::get<T>(decode_payload(event.action, event.payload));
}

}  // namespace hotline::core
