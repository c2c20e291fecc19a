#include "core/lifecycle_docs.hpp"

#include <array>
#include <utility>

namespace hotline::core {
namespace {

// Descriptions beside the table rather than in it, so that rows stay one line each. An action
// without an entry here is documented by its row alone.
constexpr std::array<std::pair<Action, std::string_view>, 28> kDescriptions{{
    {Action::register_ticket,
     "受理: an agent registers a citizen's contact as a new ticket; the handling deadline follows its type and "
     "urgency."},
    {Action::resolve_at_intake,
     "一次性解答: the agent answered an inquiry on first contact (the answer is required, a knowledge article "
     "optional); it is never dispatched."},
    {Action::submit, "The agent sends the registered ticket to review."},
    {Action::review,
     "审核: a reviewer approves (optionally correcting the category; the ticket stays pending_review) or, with a "
     "reason, sends it back to registered."},
    {Action::dispatch, "派单: to a lead unit and optional co-handling units; sets the acknowledge deadline."},
    {Action::acknowledge, "签收: the lead unit accepts the ticket."},
    {Action::handle, "办理: the lead unit records progress (a note); co-handling units use co_opinion."},
    {Action::request_extension, "延期申请: the lead unit asks for more working days."},
    {Action::approve_extension, "The new deadline holds; the ticket returns to the state it was in."},
    {Action::reject_extension, "The deadline stays; the ticket returns to the state it was in."},
    {Action::request_return, "退单: the lead unit says the matter is not its own."},
    {Action::uphold_return, "The return is upheld: the dispatch counts as wrong and the ticket goes back to review."},
    {Action::reject_return, "The unit keeps the ticket, in the state it was in."},
    {Action::reply,
     "答复: the lead unit answers the citizen; refused while a co-handling unit owes its opinion, unless the reply "
     "gives a reason."},
    {Action::review_reply,
     "A reviewer approves the reply (to callback_pending) or, with a reason, sends it back (to in_progress)."},
    {Action::callback,
     "回访: outcome rated (a rating; dissatisfied needs a reason), refused (拒评) or unreachable (retried on the next "
     "working day; the third unreachable attempt closes the ticket)."},
    {Action::close, "办结: closes a ticket without a callback rating."},
    {Action::redo, "重办: only after a dissatisfied rating; back to the lead unit with a new deadline."},
    {Action::archive, "归档: a closed ticket is archived."},
    {Action::merge,
     "并单: a duplicate joins another open ticket (merge_into); a different district or category needs force and "
     "a reason."},
    {Action::supervise, "督办: a supervision notice to the unit; counted on the ticket, not a state."},
    {Action::forward,
     "层级转派: the lead unit passes the ticket to one of its own sub-units (a district to a street), deadline kept; "
     "the sub-unit acknowledges and handles, the parent still sees it."},
    {Action::recall, "撤回: a dispatcher takes back a dispatch not yet acknowledged; not counted as a wrong dispatch."},
    {Action::co_acknowledge, "协办签收: a co-handling unit accepts its part."},
    {Action::co_opinion, "协办意见: a co-handling unit gives its part to the lead unit, after co_acknowledge."},
    {Action::correct,
     "更正: text added, place, category, type or urgency changed before dispatch; the event holds before/after; "
     "a ticket sent back in review must be corrected before it is submitted again."},
    {Action::rate_intake, "受理评价: the citizen's rating of the intake service right after the contact (once)."},
    {Action::attach,
     "附件: a file (photo, PDF, Word or Excel document) put on the ticket through POST "
     "/api/v1/tickets/{id}/attachments; type checked by content, stored by content hash; the state stays. "
     "Unit handlers: a ticket of their unit (lead or co-handling)."},
}};

template <typename Item, typename Name>
std::string joined(const std::vector<Item>& items, Name name) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += name(item);
  }
  return out;
}

std::string from_states(const Transition& row) {
  if (row.from.empty()) return "(new ticket)";
  return joined(row.from, [](TicketState s) { return std::string(to_string(s)); });
}

std::string target(const Transition& row) {
  return row.to ? std::string(to_string(*row.to)) : "depends (see description)";
}

std::string roles(const Transition& row) {
  return joined(row.roles, [](Role r) { return std::string(to_string(r)); });
}

}  // namespace

std::string_view action_description(Action action) {
  for (const auto& [known, text] : kDescriptions) {
    if (known == action) return text;
  }
  return {};
}

std::string lifecycle_action_lines() {
  std::string out;
  for (const auto& row : transition_table()) {
    if (row.action == Action::register_ticket) continue;  // POST /api/v1/tickets, not an action on one
    out += "- `" + std::string(to_string(row.action)) + "`: from " + from_states(row) + " to " + target(row) +
           "; roles: " + roles(row) + "; reason required: " + (row.reason_required ? "yes" : "no") + ".";
    if (auto text = action_description(row.action); !text.empty()) out += " " + std::string(text);
    out += "\n";
  }
  return out;
}

std::string lifecycle_markdown() {
  std::string out =
      "# Ticket lifecycle\n\n"
      "<!-- Generated from the transition table (src/core/workflow.cpp); do not edit. Regenerate with:\n"
      "     " +
      std::string(kLifecycleDocsCommand) +
      " -->\n\n"
      "Each action a ticket can take: the states it is allowed from, the state it leads to, the roles "
      "that may take it and whether a reason is required. A unit handler takes the lead-unit actions "
      "only on tickets whose lead unit lies in the handler's unit subtree, the others on tickets it "
      "can see. The API lists, on every ticket, the `allowed_actions` of the signed-in user.\n\n"
      "| action | from | to | roles | reason required | description |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& row : transition_table()) {
    out += "| `" + std::string(to_string(row.action)) + "` | " + from_states(row) + " | " + target(row) + " | " +
           roles(row) + " | " + (row.reason_required ? "yes" : "no") + " | " +
           std::string(action_description(row.action)) + " |\n";
  }
  return out;
}

}  // namespace hotline::core
