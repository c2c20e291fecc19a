#pragma once
// The ticket lifecycle as an explicit transition table, and the pure functions that decide an
// event from a request (`decide_*`) and fold events into a ticket (`apply`, `project`).
// Nothing here does I/O; callers pass the calendar, policy, unit tree and time.

#include <optional>
#include <string>
#include <vector>

#include "core/calendar.hpp"
#include "core/category_taxonomy.hpp"
#include "core/result.hpp"
#include "core/ticket.hpp"
#include "core/ticket_event.hpp"
#include "core/unit.hpp"

namespace hotline::core {

// One row of the transition table. `to` is nullopt when the target depends on the request or on
// `resume_state` (see apply).
struct Transition {
  Action action;
  std::vector<TicketState> from;
  std::optional<TicketState> to;
  std::vector<Role> roles;
  bool reason_required = false;
};

const std::vector<Transition>& transition_table();
const Transition* find_transition(Action action);

// What a citizen's contact becomes at registration.
struct NewTicket {
  TicketType type = TicketType::inquiry;
  Channel channel = Channel::phone;
  Caller caller;
  std::string title;
  std::string text;
  Place place;
  std::string category;
  Urgency urgency = Urgency::normal;
};

// What `correct` changes on a ticket not yet dispatched; an unset field stays as it is.
struct TicketCorrection {
  std::string text_addition;  // appended to the text on a new line
  std::optional<UnitId> district;
  std::optional<UnitId> street;  // "" clears it
  std::optional<std::string> address;
  std::optional<std::string> category;
  std::optional<TicketType> type;
  std::optional<Urgency> urgency;
};

// A lifecycle request on an existing ticket; which fields matter depends on `action`.
struct ActionRequest {
  Action action = Action::submit;
  std::string reason;
  bool approve = true;             // review, review_reply
  UnitId lead_unit;                // dispatch
  std::vector<UnitId> co_units;    // dispatch
  int extension_days = 0;          // request_extension (working days)
  std::optional<Rating> rating;    // callback
  std::optional<TicketId> merge_into;  // merge
  std::string reply;               // reply
  std::string category;            // review (optional correction)
  std::string note;                // handle, supervise, forward
  // Dispatch-side workflow.
  UnitId unit;                     // forward: the sub-unit; co_acknowledge/co_opinion: the co-unit
                                   // acted for (needed only when the actor's unit holds several)
  std::string opinion;             // co_opinion
  TicketCorrection correction;     // correct
  // Callbacks, intake answers and merging.
  CallbackOutcome outcome = CallbackOutcome::rated;  // callback
  std::string answer;              // resolve_at_intake (required)
  std::string knowledge_article;   // resolve_at_intake (optional knowledge base article id)
  bool force = false;              // merge across district or category
  // attach: the stored file's facts (sha256, filename, content_type, size), set only by
  // `TicketService::attach` after the bytes are durable; the generic action route leaves it empty.
  std::optional<Attachment> attachment;
};

struct WorkflowContext {
  const WorkCalendar& calendar;
  const DeadlinePolicy& policy;
  const UnitTree& units;
  const CategoryTaxonomy& categories;  // registration and review check categories against it
};

// Validates a registration and returns its first event (ticket_id and seq left for storage).
[[nodiscard]] Result<TicketEvent> decide_register(const NewTicket& ticket, const Actor& actor, Timestamp now,
                                                  const WorkflowContext& ctx);

// Validates `request` against the table, the actor's role and unit, and the ticket's state;
// returns the event to append. Errors: forbidden (role/unit), conflict (state), invalid_argument.
[[nodiscard]] Result<TicketEvent> decide(const Ticket& ticket, const ActionRequest& request, const Actor& actor,
                                         Timestamp now, const WorkflowContext& ctx);

// The rules a merge checks against its target (the service loads the target it may see): the
// target is not merged, closed or archived (conflict), and shares the source's district and
// category unless `request.force` (conflict naming what differs).
[[nodiscard]] Result<void> check_merge_target(const Ticket& source, const Ticket& target, const ActionRequest& request);

// Whether `actor` may take `action` on `ticket` now: the role, unit rule, from-state and
// request-free preconditions of its row (what `decide` checks before the request's data). Errors:
// forbidden (role, unit), conflict (state, precondition), invalid_argument (register or unknown).
[[nodiscard]] Result<void> check_may(Action action, const Ticket& ticket, const Actor& actor, const UnitTree& units);

// The actions `actor` may take on `ticket` now, in table order: every row (but registration) whose
// role, unit rule, from-state and request-independent preconditions `decide` would accept. A
// request for a listed action can still be refused for its own data (a missing reason, an unknown
// unit); an action not listed is always refused. Generic over `transition_table()`.
std::vector<Action> allowed_actions(const Ticket& ticket, const Actor& actor, const UnitTree& units);

// The event a merge (`merge`, decided on the merged ticket) appends to its target: the same actor,
// time and reason, with `merged_from` the merged ticket's id; the target's state does not change.
TicketEvent merge_target_event(const Ticket& target, const TicketEvent& merge);

// Folds one event into `ticket`. Events come from `decide*` or storage, so they are valid.
void apply(Ticket& ticket, const TicketEvent& event);

// Rebuilds a ticket from its complete history.
Ticket project(const std::vector<TicketEvent>& events);

// True when a unit handler of `actor.unit_id` may see the ticket (lead or co-handling unit inside
// the actor's subtree, now or in any earlier dispatch is not considered).
bool unit_can_see(const Ticket& ticket, const Actor& actor, const UnitTree& units);

}  // namespace hotline::core
