#include "core/workflow.hpp"

#include "core/event_payload.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <utility>

namespace hotline::core {
namespace {

using S = TicketState;
using R = Role;

constexpr std::array<std::pair<Action, std::string_view>, 21> kActionNames{{
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
}};

constexpr std::size_t kMaxTitle = 200;
constexpr std::size_t kMaxText = 20000;
constexpr std::size_t kMaxReason = 2000;

// True when `text` holds nothing but white space: ASCII blanks and the Unicode spaces people
// type or paste (no-break, ideographic U+3000 of Chinese input methods, zero-width, BOM).
// `text` is valid UTF-8 (the wire checks it); a malformed sequence counts as visible.
bool is_blank(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
    if (i + length > text.size()) return false;
    char32_t code = length == 1 ? byte : byte & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    const bool space = code == 0x20 || (code >= 0x09 && code <= 0x0D) || code == 0x85 || code == 0xA0 ||
                       code == 0x1680 || (code >= 0x2000 && code <= 0x200B) || code == 0x2028 || code == 0x2029 ||
                       code == 0x202F || code == 0x205F || code == 0x3000 || code == 0xFEFF;
    if (!space) return false;
    i += length;
  }
  return true;
}

bool contains(const std::vector<TicketState>& v, TicketState s) { return std::find(v.begin(), v.end(), s) != v.end(); }
bool contains(const std::vector<Role>& v, Role r) { return std::find(v.begin(), v.end(), r) != v.end(); }

// Actions a unit handler takes as the lead unit.
bool is_lead_unit_action(Action a) {
  return a == Action::acknowledge || a == Action::request_extension || a == Action::request_return ||
         a == Action::reply;
}

// The co-handling units of a dispatch, each once and in the order given (a unit named twice
// would be asked twice for the same part); refuses unknown units and the lead unit among them.
Result<std::vector<UnitId>> check_dispatch_targets(const ActionRequest& request, const UnitTree& units) {
  if (request.lead_unit.empty()) return fail(ErrorCode::invalid_argument, "a lead unit is required", "lead_unit");
  if (units.find(request.lead_unit) == nullptr)
    return fail(ErrorCode::invalid_argument, "unknown unit: " + request.lead_unit, "lead_unit");
  std::vector<UnitId> co_units;
  std::set<std::string_view> seen;
  for (const auto& unit : request.co_units) {
    if (units.find(unit) == nullptr) return fail(ErrorCode::invalid_argument, "unknown unit: " + unit, "co_units");
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
      {Action::callback, {S::callback_pending}, S::closed, {R::callback_agent}, false},
      {Action::close, {S::callback_pending, S::resolved_at_intake}, S::closed, {R::callback_agent, R::dispatcher, R::agent}, false},
      {Action::redo, {S::closed}, S::dispatched, {R::callback_agent, R::supervisor}, true},
      {Action::archive, {S::closed}, S::archived, {R::supervisor, R::manager}, false},
      {Action::merge, {S::registered, S::pending_review}, S::merged, {R::agent, R::dispatcher}, true},
      {Action::supervise,
       {S::dispatched, S::acknowledged, S::in_progress, S::return_requested, S::extension_requested, S::replied},
       std::nullopt,
       {R::supervisor},
       true},
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
  if (!t.place.district.empty()) {
    const Unit* d = ctx.units.find(t.place.district);
    if (d == nullptr || d->kind != UnitKind::district)
      return fail(ErrorCode::invalid_argument, "unknown district: " + t.place.district, "place.district");
  }
  if (!t.place.street.empty()) {
    const Unit* s = ctx.units.find(t.place.street);
    if (s == nullptr || s->kind != UnitKind::street)
      return fail(ErrorCode::invalid_argument, "unknown street: " + t.place.street, "place.street");
    if (!t.place.district.empty() && s->parent_id != t.place.district)
      return fail(ErrorCode::invalid_argument, "street is not in the given district", "place.street");
  }
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

Result<TicketEvent> decide(const Ticket& ticket, const ActionRequest& request, const Actor& actor, Timestamp now,
                           const WorkflowContext& ctx) {
  const Transition* rule = find_transition(request.action);
  if (rule == nullptr || request.action == Action::register_ticket)
    return fail(ErrorCode::invalid_argument, "unknown action", "action");
  const std::string action_name{to_string(request.action)};
  if (!contains(rule->roles, actor.role))
    return fail(ErrorCode::forbidden, "role " + std::string(to_string(actor.role)) + " may not " + action_name);
  if (actor.role == Role::unit_handler) {
    bool allowed = is_lead_unit_action(request.action)
                       ? !ticket.lead_unit.empty() && ctx.units.is_within(ticket.lead_unit, actor.unit_id)
                       : unit_can_see(ticket, actor, ctx.units);
    if (!allowed) return fail(ErrorCode::forbidden, "ticket is not dispatched to your unit");
  }
  if (!contains(rule->from, ticket.state))
    return fail(ErrorCode::conflict,
                "cannot " + action_name + " a ticket in state " + std::string(to_string(ticket.state)));
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
    case Action::reply:
      if (request.reply.empty()) return fail(ErrorCode::invalid_argument, "reply text is required", "reply");
      if (request.reply.size() > kMaxText) return fail(ErrorCode::invalid_argument, "reply is too long", "reply");
      data = ReplyData{request.reply};
      break;
    case Action::review_reply:
      if (!request.approve && request.reason.empty())
        return fail(ErrorCode::invalid_argument, "sending a reply back requires a reason", "reason");
      data = ReplyReviewData{request.approve};
      break;
    case Action::callback:
      if (!request.rating) return fail(ErrorCode::invalid_argument, "a rating is required", "rating");
      data = CallbackData{request.rating};
      break;
    case Action::redo:
      if (ticket.rating != Rating::dissatisfied)
        return fail(ErrorCode::conflict, "only a ticket rated dissatisfied can be redone");
      if (ticket.lead_unit.empty()) return fail(ErrorCode::conflict, "ticket was never dispatched");
    {
      Timestamp deadline = handling_deadline(ctx.calendar, ctx.policy, ticket.type, ticket.urgency, now);
      data = RedoData{deadline, ctx.calendar.add_working_days(now, ctx.policy.acknowledge_working_days),
                      ctx.calendar.beyond_calendar(now, deadline)};
      break;
    }
    case Action::merge:
      if (!request.merge_into) return fail(ErrorCode::invalid_argument, "target ticket is required", "merge_into");
      if (*request.merge_into == ticket.id)
        return fail(ErrorCode::invalid_argument, "a ticket cannot be merged into itself", "merge_into");
      data = MergeData{*request.merge_into};
      break;
    case Action::supervise:
      if (!request.note.empty()) data = NoteData{request.note};
      break;
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
    case Action::resolve_at_intake:
      t.state = S::resolved_at_intake;
      break;
    case Action::submit:
      t.state = S::pending_review;
      break;
    case Action::review: {
      auto d = event_data<ReviewData>(e);
      if (d.approved) {
        t.reviewed = true;
        if (!d.category.empty()) t.category = std::move(d.category);
      } else {
        t.reviewed = false;
        t.state = S::registered;
      }
      break;
    }
    case Action::dispatch: {
      auto d = event_data<DispatchData>(e);
      t.lead_unit = std::move(d.lead_unit);
      t.co_units = std::move(d.co_units);
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
      t.lead_unit.clear();
      t.co_units.clear();
      t.acknowledge_deadline.reset();
      t.state = S::pending_review;
      break;
    case Action::reject_return:
      t.state = t.resume_state;
      break;
    case Action::reply:
      t.reply = event_data<ReplyData>(e).reply;
      t.state = S::replied;
      break;
    case Action::review_reply:
      t.state = event_data<ReplyReviewData>(e).approved ? S::callback_pending : S::in_progress;
      break;
    case Action::callback:
      t.rating = event_data<CallbackData>(e).rating;
      t.state = S::closed;
      t.closed_at = e.at;
      break;
    case Action::close:
      t.state = S::closed;
      t.closed_at = e.at;
      break;
    case Action::redo: {
      auto d = event_data<RedoData>(e);
      ++t.redo_count;
      t.rating.reset();
      t.closed_at.reset();
      t.reply.clear();
      t.deadline = d.deadline;
      t.deadline_beyond_calendar = d.deadline_beyond_calendar;
      t.acknowledge_deadline = d.acknowledge_deadline;
      ++t.dispatch_count;
      t.state = S::dispatched;
      break;
    }
    case Action::archive:
      t.state = S::archived;
      break;
    case Action::merge:
      t.merged_into = event_data<MergeData>(e).merge_into;
      t.state = S::merged;
      break;
    case Action::supervise:
      ++t.supervision_count;
      break;
  }
}

Ticket project(const std::vector<TicketEvent>& events) {
  Ticket t;
  for (const auto& e : events) apply(t, e);
  return t;
}

}  // namespace hotline::core
