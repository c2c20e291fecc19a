#pragma once
// Events: every change to a ticket is one appended `TicketEvent`; the ticket is their projection.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/ticket.hpp"

namespace hotline::core {

enum class Action {
  register_ticket,
  resolve_at_intake,
  submit,
  review,
  dispatch,
  acknowledge,
  handle,
  request_extension,
  approve_extension,
  reject_extension,
  request_return,
  uphold_return,
  reject_return,
  reply,
  review_reply,
  callback,
  close,
  redo,
  archive,
  merge,
  supervise,
  // Dispatch-side workflow (层级转派, 撤回, 协办, 更正).
  forward,
  recall,
  co_acknowledge,
  co_opinion,
  correct,
  rate_intake,
  attach,  // a file uploaded through POST /tickets/{id}/attachments; the state stays
};

std::string_view to_string(Action a);  // "register", "dispatch", ...
std::optional<Action> parse_action(std::string_view s);
const std::vector<Action>& all_actions();

// Who did something: taken from the authenticated session, never from the request body.
struct Actor {
  std::int64_t user_id = 0;
  std::string username;
  Role role = Role::agent;
  UnitId unit_id;  // for unit handlers
};

struct TicketEvent {
  // Global event id, assigned by storage at commit: strictly increasing in commit order across all
  // tickets (0 until stored). Live subscribers resume from it (`TicketRepository::events_after`).
  std::int64_t id = 0;
  TicketId ticket_id = 0;
  std::int64_t seq = 0;  // 1-based position in the ticket's history
  Action action = Action::register_ticket;
  std::int64_t actor_id = 0;
  std::string actor;
  Role role = Role::agent;
  Timestamp at{};
  std::string reason;
  // Action-specific data as stored: all values text, so any backend stores it the same way. Code
  // reads and writes it through the typed `EventData` of event_payload.hpp, which lists the keys.
  std::map<std::string, std::string> payload;
};

}  // namespace hotline::core
