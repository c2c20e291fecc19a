#include "core/workflow.hpp"

#include "core/china_time.hpp"
#include "core/event_payload.hpp"
#include "core/workflow_checks.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <utility>

namespace hotline::core {
namespace {

using S = TicketState;
using R = Role;

constexpr std::array<std::pair<Action, std::string_view>, 28> kActionNames{{
    {Action::register_ticket, "register"},
    {Action::resolve_at_intake, "resolve_at_intake"},
    {Action::submit, "submit"},
    {Action::review, "review"},
    {Action::dispatch, "dispatch"},
    {Action::acknowledge, "acknowledge"},
    {Action::handle, "handle"},
    {Action::request_extension, "request_extension"},
    {Action::approve_extension, "approve_extension"},
    {Action::reject_extension, "reject_extension"},
    {Action::request_return, "request_return"},
    {Action::uphold_return, "uphold_return"},
    {Action::reject_return, "reject_return"},
    {Action::reply, "reply"},
    {Action::review_reply, "review_reply"},
    {Action::callback, "callback"},
    {Action::close, "close"},
    {Action::redo, "redo"},
    {Action::archive, "archive"},
    {Action::merge, "merge"},
    {Action::supervise, "supervise"},
    // Dispatch-side workflow.
    {Action::forward, "forward"},
    {Action::recall, "recall"},
    {Action::co_acknowledge, "co_acknowledge"},
    {Action::co_opinion, "co_opinion"},
    {Action::correct, "correct"},
    {Action::rate_intake, "rate_intake"},
    {Action::attach, "attach"},
}};

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxText = kMaxTicketText;
constexpr std::size_t kMaxReason = 2000;
constexpr std::size_t kMaxArticleId = 100;

bool contains(const std::vector<TicketState>& v, TicketState s) { return std::find(v.begin(), v.end(), s) != v.end(); }
bool contains(const std::vector<Role>& v, Role r) { return std::find(v.begin(), v.end(), r) != v.end(); }

// Actions a unit handler takes as the lead unit (a co-handling unit has its own, below).
bool is_lead_unit_action(Action a) {
  return a == Action::acknowledge || a == Action::request_extension || a == Action::request_return ||
         a == Action::reply || a == Action::handle || a == Action::forward;
}

// Actions a unit handler takes for a co-handling unit (协办单位).
bool is_co_unit_action(Action a) {
  return a == Action::co_acknowledge || a == Action::co_opinion;
}

// The co-handling units of a dispatch, each once and in the order given (a unit named twice
// would be asked twice for the same part); refuses unknown units and the lead unit among them.
Result<std::vector<UnitId>> check_dispatch_targets(const ActionRequest& request, const UnitTree& units) {
  if (request.lead_unit.empty()) return fail(ErrorCode::invalid_argument, "a lead unit is required", "lead_unit");
  const Unit* lead = units.find(request.lead_unit);
  if (lead == nullptr) return fail(ErrorCode::invalid_argument, "unknown unit: " + request.lead_unit, "lead_unit");
  if (!lead->active) return fail(ErrorCode::invalid_argument, "unit is retired: " + request.lead_unit, "lead_unit");
  std::vector<UnitId> co_units;
  std::set<std::string_view> seen;
  for (const auto& unit : request.co_units) {
    const Unit* co = units.find(unit);
    if (co == nullptr) return fail(ErrorCode::invalid_argument, "unknown unit: " + unit, "co_units");
    if (!co->active) return fail(ErrorCode::invalid_argument, "unit is retired: " + unit, "co_units");
    if (unit == request.lead_unit)
      return fail(ErrorCode::invalid_argument, "the lead unit cannot also be a co-handling unit", "co_units");
    if (seen.insert(unit).second) co_units.push_back(unit);
  }
  if (co_units.size() > 20) return fail(ErrorCode::invalid_argument, "at most 20 co-handling units", "co_units");
  return co_units;
}

}  // namespace

std::string_view to_string(Action a) {
  for (const auto& [action, name] : kActionNames) {
    if (action == a) return name;
  }
  return "unknown";
}

std::optional<Action> parse_action(std::string_view s) {
  for (const auto& [action, name] : kActionNames) {
    if (name == s) return action;
  }
  return std::nullopt;
}

const std::vector<Action>& all_actions() {
  static const std::vector<Action> actions = [] {
    std::vector<Action> out;
    for (const auto& [action, name] : kActionNames) out.push_back(action);
    return out;
  }();
  return actions;
}

const std::vector<Transition>& transition_table() {
  // Read top to bottom: the whole lifecycle of DESIGN.md. Admins are deliberately absent from
  // handling actions: administering accounts does not make one a dispatcher.
  static const std::vector<Transition> table{
      {Action::register_ticket, {}, S::registered, {R::agent}, false},
      {Action::resolve_at_intake, {S::registered}, S::resolved_at_intake, {R::agent}, false},
      {Action::submit, {S::registered}, S::pending_review, {R::agent}, false},
      {Action::review, {S::pending_review}, std::nullopt, {R::dispatcher}, false},
      {Action::dispatch, {S::pending_review}, S::dispatched, {R::dispatcher}, false},
      {Action::acknowledge, {S::dispatched}, S::acknowledged, {R::unit_handler}, false},
      {Action::handle, {S::acknowledged, S::in_progress}, S::in_progress, {R::unit_handler}, false},
      {Action::request_extension, {S::acknowledged, S::in_progress}, S::extension_requested, {R::unit_handler}, true},
      {Action::approve_extension, {S::extension_requested}, std::nullopt, {R::dispatcher, R::supervisor}, false},
      {Action::reject_extension, {S::extension_requested}, std::nullopt, {R::dispatcher, R::supervisor}, true},
      {Action::request_return, {S::dispatched, S::acknowledged, S::in_progress}, S::return_requested, {R::unit_handler}, true},
      {Action::uphold_return, {S::return_requested}, S::pending_review, {R::dispatcher}, false},
      {Action::reject_return, {S::return_requested}, std::nullopt, {R::dispatcher}, true},
      {Action::reply, {S::acknowledged, S::in_progress}, S::replied, {R::unit_handler}, false},
      {Action::review_reply, {S::replied}, std::nullopt, {R::dispatcher}, false},
      // Closes the ticket unless the citizen was unreachable and attempts remain (see apply).
      {Action::callback, {S::callback_pending}, std::nullopt, {R::callback_agent}, false},
      {Action::close, {S::callback_pending, S::resolved_at_intake}, S::closed, {R::callback_agent, R::dispatcher, R::agent}, false},
      {Action::redo, {S::closed}, S::dispatched, {R::callback_agent, R::supervisor}, true},
      {Action::archive, {S::closed}, S::archived, {R::supervisor, R::manager}, false},
      {Action::merge, {S::registered, S::pending_review}, S::merged, {R::agent, R::dispatcher}, true},
      {Action::supervise,
       {S::dispatched, S::acknowledged, S::in_progress, S::return_requested, S::extension_requested, S::replied},
       std::nullopt,
       {R::supervisor},
       true},
      // Dispatch-side workflow: forward down the unit tree (层级转派), recall an unacknowledged
      // dispatch (撤回), the co-handling units' part (协办), correcting before dispatch (更正).
      {Action::forward, {S::dispatched, S::acknowledged}, S::dispatched, {R::unit_handler}, false},
      {Action::recall, {S::dispatched}, S::pending_review, {R::dispatcher}, true},
      {Action::co_acknowledge,
       {S::dispatched, S::acknowledged, S::in_progress, S::extension_requested, S::return_requested},
       std::nullopt,
       {R::unit_handler},
       false},
      {Action::co_opinion,
       {S::dispatched, S::acknowledged, S::in_progress, S::extension_requested, S::return_requested},
       std::nullopt,
       {R::unit_handler},
       false},
      {Action::correct, {S::registered, S::pending_review}, std::nullopt, {R::agent, R::dispatcher}, true},
      // Intake: the citizen rates the intake service right after the contact; the state stays.
      {Action::rate_intake, {S::registered, S::resolved_at_intake}, std::nullopt, {R::agent}, false},
      // Files (附件) from the staff who work on the ticket, while it is still one: not on an archived
      // or merged ticket. A unit handler needs the ticket visible to its unit (the read rule).
      {Action::attach,
       {S::registered, S::resolved_at_intake, S::pending_review, S::dispatched, S::acknowledged, S::in_progress,
        S::return_requested, S::extension_requested, S::replied, S::callback_pending, S::closed},
       std::nullopt,
       {R::agent, R::dispatcher, R::unit_handler, R::callback_agent, R::supervisor},
       false},
  };
  return table;
}

const Transition* find_transition(Action action) {
  for (const auto& t : transition_table()) {
    if (t.action == action) return &t;
  }
  return nullptr;
}

bool unit_can_see(const Ticket& ticket, const Actor& actor, const UnitTree& units) {
  if (actor.unit_id.empty()) return false;
  if (!ticket.lead_unit.empty() && units.is_within(ticket.lead_unit, actor.unit_id)) return true;
  return std::any_of(ticket.co_units.begin(), ticket.co_units.end(),
                     [&](const UnitId& u) { return units.is_within(u, actor.unit_id); });
}

Result<TicketEvent> decide_register(const NewTicket& t, const Actor& actor, Timestamp now, const WorkflowContext& ctx) {
  const Transition* rule = find_transition(Action::register_ticket);
  if (!contains(rule->roles, actor.role))
    return fail(ErrorCode::forbidden, "role " + std::string(to_string(actor.role)) + " may not register tickets");
  if (t.title.empty()) return fail(ErrorCode::invalid_argument, "title is required", "title");
  if (is_blank(t.title)) return fail(ErrorCode::invalid_argument, "title must not be blank", "title");
  if (t.title.size() > kMaxTitle) return fail(ErrorCode::invalid_argument, "title is too long", "title");
  if (t.text.size() > kMaxText) return fail(ErrorCode::invalid_argument, "text is too long", "text");
  if (auto ok = check_category(ctx.categories, t.category, "category"); !ok) return ok.error();
  if (t.caller.phone.size() > 32) return fail(ErrorCode::invalid_argument, "phone is too long", "caller.phone");
  if (t.caller.name.size() > 100) return fail(ErrorCode::invalid_argument, "name is too long", "caller.name");
  if (auto ok = check_place_units(t.place.district, t.place.street, ctx.units); !ok) return ok.error();
  if (t.place.latitude && (*t.place.latitude < -90 || *t.place.latitude > 90))
    return fail(ErrorCode::invalid_argument, "latitude out of range", "place.latitude");
  if (t.place.longitude && (*t.place.longitude < -180 || *t.place.longitude > 180))
    return fail(ErrorCode::invalid_argument, "longitude out of range", "place.longitude");

  TicketEvent e;
  e.action = Action::register_ticket;
  e.actor_id = actor.user_id;
  e.actor = actor.username;
  e.role = actor.role;
  e.at = now;
  e.seq = 1;
  RegisterData data;
  static_cast<NewTicket&>(data) = t;
  data.deadline = handling_deadline(ctx.calendar, ctx.policy, t.type, t.urgency, now);
  data.deadline_beyond_calendar = ctx.calendar.beyond_calendar(now, data.deadline);
  e.payload = encode_payload(data);
  return e;
}

namespace {

// Preconditions of an action on the ticket as it is, beyond its state, that need no request data.
// `decide` and `allowed_actions` both ask here, so a rule is written once. An action added to the
// table with such a precondition adds its case here.
Result<void> check_ticket_precondition(Action action, const Ticket& ticket) {
  switch (action) {
    case Action::redo:
      if (ticket.rating != Rating::dissatisfied)
        return fail(ErrorCode::conflict, "only a ticket rated dissatisfied can be redone");
      if (ticket.lead_unit.empty()) return fail(ErrorCode::conflict, "ticket was never dispatched");
      break;
    case Action::submit:
      if (ticket.needs_correction)
        return fail(ErrorCode::conflict,
                    "correct the ticket first (sent back in review: " + ticket.correction_reason + ")");
      break;
    case Action::rate_intake:
      if (ticket.intake_rating) return fail(ErrorCode::conflict, "the intake service is already rated");
      break;
    default:
      break;
  }
  return {};
}

// Whether `actor` may take `rule`'s action on `ticket` now: the role in the row, the unit rule of
// unit handlers (lead-unit actions need the lead unit in the handler's subtree, the others a
// visible ticket), the ticket's state in `from`, and the action's preconditions. Errors:
// forbidden (role, unit), conflict (state, precondition).
Result<void> check_may_act(const Transition& rule, const Ticket& ticket, const Actor& actor, const UnitTree& units) {
  const std::string action_name{to_string(rule.action)};
  if (!contains(rule.roles, actor.role))
    return fail(ErrorCode::forbidden, "role " + std::string(to_string(actor.role)) + " may not " + action_name);
  if (actor.role == Role::unit_handler) {
    const bool lead = !ticket.lead_unit.empty() && units.is_within(ticket.lead_unit, actor.unit_id);
    bool allowed = is_lead_unit_action(rule.action) ? lead
                   : is_co_unit_action(rule.action) ? co_unit_within(ticket, actor, units)
                                                    : unit_can_see(ticket, actor, units);
    if (!allowed && is_lead_unit_action(rule.action) && co_unit_within(ticket, actor, units))
      return fail(ErrorCode::forbidden, "your unit co-handles this ticket: " + action_name +
                                            " is for the lead unit; use co_acknowledge and co_opinion");
    if (!allowed && is_co_unit_action(rule.action) && lead)
      return fail(ErrorCode::forbidden,
                  action_name + " is for co-handling units; the lead unit acknowledges and replies");
    if (!allowed) return fail(ErrorCode::forbidden, "ticket is not dispatched to your unit");
    if (is_co_unit_action(rule.action)) {
      // Some co-unit of the actor's must still owe this step: acknowledge once, then give opinions.
      const bool open = std::any_of(ticket.co_handling.begin(), ticket.co_handling.end(), [&](const CoHandling& c) {
        return units.is_within(c.unit, actor.unit_id) &&
               (rule.action == Action::co_acknowledge) != c.acknowledged_at.has_value();
      });
      if (!open)
        return fail(ErrorCode::conflict, rule.action == Action::co_acknowledge
                                             ? "your co-handling unit has already acknowledged"
                                             : "your co-handling unit must co_acknowledge first");
    }
  }
  if (!contains(rule.from, ticket.state))
    return fail(ErrorCode::conflict,
                "cannot " + action_name + " a ticket in state " + std::string(to_string(ticket.state)));
  return check_ticket_precondition(rule.action, ticket);
}

// An upheld return or a recall: the ticket leaves its units and goes back to review.
void take_back_dispatch(Ticket& t) {
  t.lead_unit.clear();
  t.co_units.clear();
  t.co_handling.clear();
  t.forwarded_from.clear();
  t.acknowledge_deadline.reset();
  t.state = S::pending_review;
}

}  // namespace

Result<void> check_may(Action action, const Ticket& ticket, const Actor& actor, const UnitTree& units) {
  const Transition* rule = find_transition(action);
  if (rule == nullptr || action == Action::register_ticket)
    return fail(ErrorCode::invalid_argument, "unknown action", "action");
  return check_may_act(*rule, ticket, actor, units);
}

std::vector<Action> allowed_actions(const Ticket& ticket, const Actor& actor, const UnitTree& units) {
  std::vector<Action> out;
  for (const auto& rule : transition_table()) {
    if (rule.action == Action::register_ticket) continue;  // creates a ticket; never on one
    if (check_may_act(rule, ticket, actor, units)) out.push_back(rule.action);
  }
  return out;
}

Result<TicketEvent> decide(const Ticket& ticket, const ActionRequest& request, const Actor& actor, Timestamp now,
                           const WorkflowContext& ctx) {
  const Transition* rule = find_transition(request.action);
  if (rule == nullptr || request.action == Action::register_ticket)
    return fail(ErrorCode::invalid_argument, "unknown action", "action");
  const std::string action_name{to_string(request.action)};
  if (auto may = check_may_act(*rule, ticket, actor, ctx.units); !may) return may.error();
  if (rule->reason_required && request.reason.empty())
    return fail(ErrorCode::invalid_argument, action_name + " requires a reason", "reason");
  if (request.reason.size() > kMaxReason) return fail(ErrorCode::invalid_argument, "reason is too long", "reason");

  TicketEvent e;
  e.ticket_id = ticket.id;
  e.seq = ticket.version + 1;
  e.action = request.action;
  e.actor_id = actor.user_id;
  e.actor = actor.username;
  e.role = actor.role;
  e.at = now;
  e.reason = request.reason;
  EventData data;

  switch (request.action) {
    case Action::review:
      if (!request.approve && request.reason.empty())
        return fail(ErrorCode::invalid_argument, "rejecting a ticket in review requires a reason", "reason");
      if (auto ok = check_category(ctx.categories, request.category, "category"); !ok) return ok.error();
      data = ReviewData{request.approve, request.category};
      break;
    case Action::dispatch: {
      auto co_units = check_dispatch_targets(request, ctx.units);
      if (!co_units) return co_units.error();
      data = DispatchData{request.lead_unit, std::move(*co_units),
                          ctx.calendar.add_working_days(now, ctx.policy.acknowledge_working_days)};
      break;
    }
    case Action::handle:
      if (request.note.empty()) return fail(ErrorCode::invalid_argument, "a progress note is required", "note");
      data = NoteData{request.note};
      break;
    case Action::request_extension: {
      if (request.extension_days < 1 || request.extension_days > ctx.policy.max_extension_working_days)
        return fail(ErrorCode::invalid_argument,
                    "extension must be 1-" + std::to_string(ctx.policy.max_extension_working_days) + " working days",
                    "extension_days");
      Timestamp base = std::max(ticket.deadline, now);
      data = ExtensionRequestData{ctx.calendar.add_working_days(base, request.extension_days), request.extension_days};
      break;
    }
    case Action::approve_extension:
      data = ExtensionApprovalData{
          ticket.requested_deadline,
          ticket.requested_deadline && ctx.calendar.beyond_calendar(now, *ticket.requested_deadline)};
      break;
    case Action::reply: {
      if (request.reply.empty()) return fail(ErrorCode::invalid_argument, "reply text is required", "reply");
      if (request.reply.size() > kMaxText) return fail(ErrorCode::invalid_argument, "reply is too long", "reply");
      // The lead replies once every co-unit has given its opinion, or says why it does not wait.
      std::vector<UnitId> owing;
      for (const auto& c : ticket.co_handling)
        if (c.opinion.empty()) owing.push_back(c.unit);
      if (!owing.empty() && is_blank(request.reason))
        return fail(ErrorCode::conflict,
                    "co-handling units have not given their opinion yet: " + unit_list_text(owing) +
                        " (wait for co_opinion, or give a reason for replying without it)");
      data = ReplyData{request.reply, std::move(owing)};
      break;
    }
    case Action::review_reply:
      if (!request.approve && request.reason.empty())
        return fail(ErrorCode::invalid_argument, "sending a reply back requires a reason", "reason");
      data = ReplyReviewData{request.approve, std::nullopt};
      if (request.approve)
        std::get<ReplyReviewData>(data).callback_deadline =
            ctx.calendar.add_working_days(now, ctx.policy.callback_working_days);
      break;
    case Action::callback: {
      CallbackData d;
      d.outcome = request.outcome;
      if (request.outcome == CallbackOutcome::rated) {
        if (!request.rating) return fail(ErrorCode::invalid_argument, "a rating is required", "rating");
        if (*request.rating == Rating::dissatisfied && request.reason.empty())
          return fail(ErrorCode::invalid_argument, "a dissatisfied rating requires a reason", "reason");
        d.rating = request.rating;
      } else if (request.rating) {
        return fail(ErrorCode::invalid_argument, "a rating is given only with outcome rated", "rating");
      }
      // Tickets approved before callback windows existed have none: any callback is in time.
      d.in_time = !ticket.callback_due || now <= *ticket.callback_due;
      if (request.outcome == CallbackOutcome::unreachable) {
        // The schedule spreads the attempts over the window; a citizen who calls back may still
        // be reached (rated or refused) at any time.
        if (ticket.next_callback_at && now < *ticket.next_callback_at)
          return fail(ErrorCode::conflict, "the next callback attempt is due at " + format_timestamp(*ticket.next_callback_at),
                      "outcome");
        d.attempt = ticket.callback_attempts + 1;
        if (d.attempt < ctx.policy.callback_max_attempts) {
          // The next attempt is due at the start of the next working day.
          d.next_callback_at = WorkCalendar::local_midnight(WorkCalendar::local_date(ctx.calendar.add_working_days(now, 1)));
        }
      }
      data = d;
      break;
    }
    case Action::resolve_at_intake:
      if (request.answer.empty() || is_blank(request.answer))
        return fail(ErrorCode::invalid_argument, "the answer given is required", "answer");
      if (request.answer.size() > kMaxText) return fail(ErrorCode::invalid_argument, "answer is too long", "answer");
      if (request.knowledge_article.size() > kMaxArticleId)
        return fail(ErrorCode::invalid_argument, "knowledge_article is too long", "knowledge_article");
      data = ResolveData{request.answer, request.knowledge_article};
      break;
    case Action::rate_intake:
      if (!request.rating) return fail(ErrorCode::invalid_argument, "a rating is required", "rating");
      data = IntakeRatingData{*request.rating};
      break;
    case Action::attach: {
      // The facts come from the upload, after the bytes are stored: the generic action route has none.
      if (!request.attachment)
        return fail(ErrorCode::invalid_argument,
                    "upload the file with POST /api/v1/tickets/{id}/attachments?filename=...", "file");
      const Attachment& file = *request.attachment;
      const bool known = std::any_of(ticket.attachments.begin(), ticket.attachments.end(),
                                     [&](const Attachment& a) { return a.sha256 == file.sha256; });
      if (known) return fail(ErrorCode::conflict, "this file is already attached to the ticket", "file");
      data = AttachData{file.sha256, file.filename, file.content_type, file.size};
      break;
    }
    case Action::redo: {  // preconditions: check_ticket_precondition
      Timestamp deadline = handling_deadline(ctx.calendar, ctx.policy, ticket.type, ticket.urgency, now);
      data = RedoData{deadline, ctx.calendar.add_working_days(now, ctx.policy.acknowledge_working_days),
                      ctx.calendar.beyond_calendar(now, deadline)};
      break;
    }
    case Action::merge:
      if (!request.merge_into) return fail(ErrorCode::invalid_argument, "target ticket is required", "merge_into");
      if (*request.merge_into == ticket.id)
        return fail(ErrorCode::invalid_argument, "a ticket cannot be merged into itself", "merge_into");
      data = MergeData{*request.merge_into, request.force, 0};
      break;
    case Action::supervise:
      if (!request.note.empty()) data = NoteData{request.note};
      break;
    // Dispatch-side workflow.
    case Action::forward: {
      auto forward = check_forward(ticket, request, now, ctx);
      if (!forward) return forward.error();
      data = std::move(*forward);
      break;
    }
    case Action::recall:
      if (is_blank(request.reason)) return fail(ErrorCode::invalid_argument, "recall requires a reason", "reason");
      data = RecallData{ticket.lead_unit, ticket.co_units};
      break;
    case Action::co_acknowledge:
    case Action::co_opinion: {
      auto index = pick_co_unit(ticket, request, actor, ctx.units);
      if (!index) return index.error();
      const CoHandling& entry = ticket.co_handling[*index];
      if (request.action == Action::co_acknowledge) {
        if (entry.acknowledged_at)
          return fail(ErrorCode::conflict, "co-handling unit " + entry.unit + " has already acknowledged");
        data = CoUnitData{entry.unit, {}};
        break;
      }
      if (!entry.acknowledged_at)
        return fail(ErrorCode::conflict, "co-handling unit " + entry.unit + " must co_acknowledge first");
      if (request.opinion.empty() || is_blank(request.opinion))
        return fail(ErrorCode::invalid_argument, "the co-handling opinion is required", "opinion");
      if (request.opinion.size() > kMaxText) return fail(ErrorCode::invalid_argument, "opinion is too long", "opinion");
      data = CoUnitData{entry.unit, request.opinion};
      break;
    }
    case Action::correct: {
      if (is_blank(request.reason)) return fail(ErrorCode::invalid_argument, "correct requires a reason", "reason");
      auto correction = check_correction(ticket, request.correction, ctx);
      if (!correction) return correction.error();
      data = std::move(*correction);
      break;
    }
    default:
      break;
  }
  e.payload = encode_payload(data);
  return e;
}

// Folds one event into the ticket; the event's data is typed by `decode_payload`
// (event_payload.hpp lists each action's keys).
void apply(Ticket& t, const TicketEvent& e) {
  t.version = e.seq;
  t.updated_at = e.at;
  if (e.ticket_id != 0) t.id = e.ticket_id;
  switch (e.action) {
    case Action::register_ticket:
    {
      auto d = event_data<RegisterData>(e);
      t.type = d.type;
      t.channel = d.channel;
      t.caller = std::move(d.caller);
      t.title = std::move(d.title);
      t.text = std::move(d.text);
      t.place = std::move(d.place);
      t.category = std::move(d.category);
      t.urgency = d.urgency;
      t.deadline = d.deadline;
      t.deadline_beyond_calendar = d.deadline_beyond_calendar;
      t.created_at = e.at;
      t.created_by = e.actor_id;
      t.state = S::registered;
      break;
    }
    case Action::resolve_at_intake: {
      auto d = event_data<ResolveData>(e);
      t.intake_answer = std::move(d.answer);
      t.knowledge_article = std::move(d.knowledge_article);
      t.state = S::resolved_at_intake;
      break;
    }
    case Action::rate_intake:
      t.intake_rating = event_data<IntakeRatingData>(e).rating;
      break;
    case Action::attach: {
      auto d = event_data<AttachData>(e);
      t.attachments.push_back(Attachment{std::move(d.sha256), std::move(d.filename), std::move(d.content_type), d.size,
                                         e.actor, e.at});
      break;
    }
    case Action::submit:
      t.correction_reason.clear();
      t.state = S::pending_review;
      break;
    case Action::review: {
      auto d = event_data<ReviewData>(e);
      if (d.approved) {
        t.reviewed = true;
        if (!d.category.empty()) t.category = std::move(d.category);
      } else {
        t.reviewed = false;
        t.needs_correction = true;
        t.correction_reason = e.reason;
        t.state = S::registered;
      }
      break;
    }
    case Action::dispatch: {
      auto d = event_data<DispatchData>(e);
      t.lead_unit = std::move(d.lead_unit);
      t.co_units = std::move(d.co_units);
      t.co_handling = fresh_co_handling(t.co_units);
      t.forwarded_from.clear();
      t.acknowledge_deadline = d.acknowledge_deadline;
      ++t.dispatch_count;
      t.state = S::dispatched;
      break;
    }
    case Action::acknowledge:
      t.state = S::acknowledged;
      break;
    case Action::handle:
      t.state = S::in_progress;
      break;
    case Action::request_extension:
      t.resume_state = t.state;
      t.requested_deadline = event_data<ExtensionRequestData>(e).requested_deadline;
      t.state = S::extension_requested;
      break;
    case Action::approve_extension:
      if (auto d = event_data<ExtensionApprovalData>(e); d.deadline) {
        t.deadline = *d.deadline;
        t.deadline_beyond_calendar = d.deadline_beyond_calendar;
      }
      t.requested_deadline.reset();
      t.state = t.resume_state;
      break;
    case Action::reject_extension:
      t.requested_deadline.reset();
      t.state = t.resume_state;
      break;
    case Action::request_return:
      t.resume_state = t.state;
      t.state = S::return_requested;
      break;
    case Action::uphold_return:
      ++t.wrong_dispatch_count;
      take_back_dispatch(t);
      break;
    case Action::reject_return:
      t.state = t.resume_state;
      break;
    case Action::reply:
      t.reply = event_data<ReplyData>(e).reply;
      t.state = S::replied;
      break;
    case Action::review_reply: {
      auto d = event_data<ReplyReviewData>(e);
      t.state = d.approved ? S::callback_pending : S::in_progress;
      if (d.approved) {
        t.callback_due = d.callback_deadline;
        t.callback_attempts = 0;
        t.next_callback_at.reset();
        t.callback_result.reset();
      }
      break;
    }
    case Action::callback: {
      auto d = event_data<CallbackData>(e);
      if (d.outcome == CallbackOutcome::unreachable) {
        t.callback_attempts = d.attempt;
        t.next_callback_at = d.next_callback_at;
        if (d.next_callback_at) break;  // attempts remain: still waiting for the callback
      } else {
        t.next_callback_at.reset();
      }
      t.rating = d.rating;
      t.callback_result = d.outcome;
      t.state = S::closed;
      t.closed_at = e.at;
      break;
    }
    case Action::close:
      t.state = S::closed;
      t.closed_at = e.at;
      break;
    case Action::redo: {
      auto d = event_data<RedoData>(e);
      ++t.redo_count;
      t.rating.reset();
      t.callback_result.reset();
      t.callback_attempts = 0;
      t.next_callback_at.reset();
      t.callback_due.reset();
      t.closed_at.reset();
      t.reply.clear();
      t.deadline = d.deadline;
      t.deadline_beyond_calendar = d.deadline_beyond_calendar;
      t.acknowledge_deadline = d.acknowledge_deadline;
      t.co_handling = fresh_co_handling(t.co_units);  // a new round: the co-units sign and opine again
      ++t.dispatch_count;
      t.state = S::dispatched;
      break;
    }
    case Action::archive:
      t.state = S::archived;
      break;
    case Action::merge: {
      auto d = event_data<MergeData>(e);
      if (d.merged_from != 0) {  // the target's record: its state stays
        t.merged_from.push_back(d.merged_from);
        break;
      }
      t.merged_into = d.merge_into;
      t.state = S::merged;
      break;
    }
    case Action::supervise:
      ++t.supervision_count;
      break;
    // Dispatch-side workflow.
    case Action::forward: {
      auto d = event_data<ForwardData>(e);
      t.forwarded_from.push_back(std::move(d.from_unit));
      t.lead_unit = std::move(d.to_unit);
      t.acknowledge_deadline = d.acknowledge_deadline;
      t.state = S::dispatched;
      break;
    }
    case Action::recall:
      take_back_dispatch(t);
      break;
    case Action::co_acknowledge:
      if (auto* c = co_entry(t, event_data<CoUnitData>(e).unit)) c->acknowledged_at = e.at;
      break;
    case Action::co_opinion: {
      auto d = event_data<CoUnitData>(e);
      if (auto* c = co_entry(t, d.unit)) {
        c->opinion = std::move(d.opinion);
        c->opinion_at = e.at;
      }
      break;
    }
    case Action::correct:
      for (const auto& [field, change] : event_data<CorrectionData>(e).changes)
        apply_correction(t, field, change.after);
      t.needs_correction = false;
      break;
  }
}

Result<void> check_merge_target(const Ticket& source, const Ticket& target, const ActionRequest& request) {
  if (target.state == S::merged) return fail(ErrorCode::conflict, "target ticket is itself merged", "merge_into");
  if (target.state == S::closed || target.state == S::archived)
    return fail(ErrorCode::conflict, "target ticket is already " + std::string(to_string(target.state)), "merge_into");
  if (request.force) return {};
  if (source.place.district != target.place.district)
    return fail(ErrorCode::conflict, "tickets of different districts: merge with force and a reason", "force");
  if (source.category != target.category)
    return fail(ErrorCode::conflict, "tickets of different categories: merge with force and a reason", "force");
  return {};
}

TicketEvent merge_target_event(const Ticket& target, const TicketEvent& merge) {
  TicketEvent e = merge;
  e.id = 0;
  e.ticket_id = target.id;
  e.seq = target.version + 1;
  auto source = event_data<MergeData>(merge);
  e.payload = encode_payload(MergeData{0, source.forced, merge.ticket_id});
  return e;
}

Ticket project(const std::vector<TicketEvent>& events) {
  Ticket t;
  for (const auto& e : events) apply(t, e);
  return t;
}

}  // namespace hotline::core
