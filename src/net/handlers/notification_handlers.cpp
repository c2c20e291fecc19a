#include "net/handlers/notification_handlers.hpp"

#include "net/handlers/respond.hpp"
#include "net/json/notification_json.hpp"
#include "wire/query_string.hpp"

namespace hotline::net::handlers {
namespace {

// ?state=&kind=&cursor=&limit= (empty values are no filter). Errors: invalid_argument naming the
// parameter, unknown parameters included.
core::Result<core::OutboxQuery> decode_outbox_query(const Request& request) {
  core::OutboxQuery query;
  for (const auto& [name, value] : request.query) {
    if (name != "state" && name != "kind" && name != "cursor" && name != "limit")
      return wire::bad_param(name, "unknown parameter");
    if (value.empty()) continue;
    if (name == "state") {
      query.state = core::parse_message_state(value);
      if (!query.state) return wire::bad_param(name, "must be pending, sending, sent or failed");
    } else if (name == "kind") {
      query.kind = core::parse_message_kind(value);
      if (!query.kind) return wire::bad_param(name, "must be one_time_code, ticket_registered, ticket_replied or other");
    } else if (name == "cursor") {
      auto id = wire::parse_integer(value);
      if (!id || *id <= 0) return wire::bad_param(name, "must be a next_cursor of a previous page");
      query.before_id = *id;
    } else {
      auto limit = wire::parse_integer(value);
      if (!limit || *limit < 1 || *limit > 500) return wire::bad_param(name, "must be 1-500");
      query.limit = static_cast<int>(*limit);
    }
  }
  return query;
}

}  // namespace

Response list_notifications(const Services& services, const Call& call) {
  auto query = decode_outbox_query(call.request);
  if (!query) return error_response(query.error());
  return respond(services.notifier.messages(call.actor, *query), 200, json::encode_outbox_page);
}

Response get_notification(const Services& services, const Call& call) {
  auto id = wire::parse_integer(call.params.get("id"));
  if (!id || *id <= 0) return error_response(core::make_error(core::ErrorCode::not_found, "notification not found"));
  return respond(services.notifier.message(call.actor, *id), 200, json::encode_outbound_message);
}

}  // namespace hotline::net::handlers
