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
//   review_reply       ReplyReviewData     approved(0/1) callback_deadline? (approved: end of the callback window)
//   callback           CallbackData        rating? outcome?(rated|unreachable|refused; absent: rated)
//                                          in_time?(0/1) attempt? next_callback_at?(epoch seconds)
//   redo               RedoData            deadline acknowledge_deadline deadline_beyond_calendar?(1)
//   reply              (also) co_units_without_opinion (comma list; only when the lead replied
//                      before every co-unit's opinion, giving the reason)
//   forward            ForwardData         from_unit to_unit acknowledge_deadline note?
//   recall             RecallData          lead_unit co_units(comma list): the dispatch taken back
//   co_acknowledge,    CoUnitData          unit opinion (co_opinion only)
//   co_opinion
//   correct            CorrectionData      before_<field> after_<field> for every changed field of
//                                          text district street address category type urgency
//                                          deadline (epoch seconds)
//   merge              MergeData           merge_into forced?(1)   (on the merged ticket)
//                                          merged_from forced?(1)  (on the target: the ticket merged into it)
//   resolve_at_intake  ResolveData         answer knowledge_article?
//   rate_intake        IntakeRatingData    rating
//   attach             AttachData          sha256 filename content_type size (bytes, decimal)
//
// deadline_beyond_calendar: written only when the deadline was counted over a year the working-day
// calendar does not cover (WorkCalendar::beyond_calendar).
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
  std::vector<UnitId> co_units_without_opinion;  // replied before them, with a reason
};

struct ReplyReviewData {
  bool approved = false;
  std::optional<Timestamp> callback_deadline;  // approved: the end of the callback window
};

struct CallbackData {
  std::optional<Rating> rating;  // outcome rated only
  CallbackOutcome outcome = CallbackOutcome::rated;
  bool in_time = true;           // reached (rated or refused) within the callback window
  int attempt = 0;               // unreachable: the number of this attempt (1-based)
  std::optional<Timestamp> next_callback_at;  // unreachable, not the last attempt: when to try again
};

struct RedoData {
  Timestamp deadline{};
  Timestamp acknowledge_deadline{};
  bool deadline_beyond_calendar = false;
};

struct MergeData {
  TicketId merge_into = 0;
  bool forced = false;  // merged across district or category (`force` with a reason)
  TicketId merged_from = 0;  // on the target's event: the ticket merged into it (merge_into is 0 then)
};

struct ResolveData {
  std::string answer;
  std::string knowledge_article;
};

struct IntakeRatingData {
  Rating rating = Rating::satisfied;
};

// A file stored in the `AttachmentStore` and put on the ticket (uploader and time are the event's).
struct AttachData {
  std::string sha256;
  std::string filename;
  std::string content_type;
  std::int64_t size = 0;
};

// Dispatch-side workflow.
struct ForwardData {
  UnitId from_unit;  // the lead unit that forwarded
  UnitId to_unit;    // its sub-unit, the new lead unit
  Timestamp acknowledge_deadline{};
  std::string note;
};

struct RecallData {
  UnitId lead_unit;
  std::vector<UnitId> co_units;
};

struct CoUnitData {
  UnitId unit;          // the co-handling unit acted for
  std::string opinion;  // co_opinion
};

struct FieldChange {
  std::string before;
  std::string after;
  bool operator==(const FieldChange&) const = default;
};

// Field name (text, district, street, address, category, type, urgency, deadline) to its change,
// in the fields' text forms (deadline: epoch seconds).
struct CorrectionData {
  std::map<std::string, FieldChange> changes;
};

using EventData = std::variant<std::monostate, RegisterData, ReviewData, DispatchData, NoteData, ExtensionRequestData,
                               ExtensionApprovalData, ReplyData, ReplyReviewData, CallbackData, RedoData, MergeData,
                               ForwardData, RecallData, CoUnitData, CorrectionData, ResolveData, IntakeRatingData,
                               AttachData>;

// The text map of `data` (see the table above).
PayloadMap encode_payload(const EventData& data);
// The typed data of an event of `action` from its text map.
EventData decode_payload(Action action, const PayloadMap& payload);

// Rewrites the caller in a register event's payload in place (e.g. to mask it), leaving every other
// key as stored; events of other actions are unchanged.
void rewrite_caller(TicketEvent& event, const std::function<void(Caller&)>& rewrite);

// Rewrites the free text of an event in place: its reason and the written keys of its payload
// (register: title, text, address; handle, supervise, forward: note; reply: reply; co_opinion:
// opinion; resolve_at_intake: answer; correct: before/after text and address; attach: filename). Other keys and
// events of other actions keep what is stored.
void rewrite_free_text(TicketEvent& event, const std::function<std::string(std::string_view)>& rewrite);

// `decode_payload` of an event, as the type its action carries; throws std::bad_variant_access
// when `T` is not that type (a programming error, not input).
template <typename T>
T event_data(const TicketEvent& event) {
  return std::get<T>(decode_payload(event.action, event.payload));
}

}  // namespace hotline::core
