#include "net/handlers/ticket_handlers.hpp"

#include "net/handlers/respond.hpp"
#include "net/json/dispatch_json.hpp"
#include "net/json/ticket_json.hpp"
#include "net/ticket_query_params.hpp"
#include "wire/query_string.hpp"

namespace hotline::net::handlers {
namespace {

// Encoders bound to the service's clock, for the computed "overdue" field, and to the signed-in
// actor, for "allowed_actions".
auto ticket_encoder(const Services& services, const core::Actor& actor) {
  return [&services, &actor, now = services.tickets.now()](const core::Ticket& t) {
    return json::encode_ticket(t, now, services.tickets.allowed_actions(actor, t));
  };
}

}  // namespace

Response create_ticket(const Services& services, const Call& call) {
  auto ticket = json::decode_new_ticket(call.request.body);
  if (!ticket) return error_response(ticket.error());
  // Registration answers with the dispatch advice (suggestions, classification, duplicates).
  return respond(services.dispatch.register_ticket(call.actor, *ticket), 201,
                 [&services, &call, now = services.tickets.now()](const core::RegisteredTicket& registered) {
                   return json::encode_registered_ticket(
                       registered, now, services.tickets.allowed_actions(call.actor, registered.ticket));
                 });
}

Response list_tickets(const Services& services, const Call& call) {
  auto query = decode_ticket_query(call.request);
  if (!query) return error_response(query.error());
  return respond(services.tickets.list(call.actor, std::move(*query)), 200, [&](const core::TicketPage& page) {
    return json::encode_ticket_page(page, services.tickets.now(), [&](const core::Ticket& t) {
      return services.tickets.allowed_actions(call.actor, t);
    });
  });
}

Response get_ticket(const Services& services, const Call& call) {
  auto id = parse_ticket_id(call.params.get("id"));
  if (!id) return error_response(id.error());
  return respond(services.tickets.get(call.actor, *id), 200, ticket_encoder(services, call.actor));
}

Response ticket_history(const Services& services, const Call& call) {
  auto id = parse_ticket_id(call.params.get("id"));
  if (!id) return error_response(id.error());
  return respond(services.tickets.history(call.actor, *id), 200, json::encode_history);
}

Response act_on_ticket(const Services& services, const Call& call) {
  auto id = parse_ticket_id(call.params.get("id"));
  if (!id) return error_response(id.error());
  auto action = core::parse_action(call.params.get("action"));
  // Registration has its own route; offering it here would create a second way in.
  if (!action || *action == core::Action::register_ticket)
    return error_response(core::make_error(core::ErrorCode::not_found, "no such action"));
  auto request = json::decode_action_request(*action, call.request.body);
  if (!request) return error_response(request.error());
  return respond(services.tickets.act(call.actor, *id, *request), 200, ticket_encoder(services, call.actor));
}

Response reveal_contact(const Services& services, const Call& call) {
  auto id = parse_ticket_id(call.params.get("id"));
  if (!id) return error_response(id.error());
  if (auto known = wire::only_params(call.request.query, {"reason"}); !known) return error_response(known.error());
  std::string reason = call.request.query_value("reason").value_or("");
  return respond(services.tickets.reveal_contact(call.actor, *id, reason), 200, json::encode_caller);
}

Response audit_trail(const Services& services, const Call& call) {
  auto query = decode_audit_query(call.request);
  if (!query) return error_response(query.error());
  return respond(services.tickets.audit_trail(call.actor, *query), 200, json::encode_audit_entries);
}

}  // namespace hotline::net::handlers
