#include "net/ticket_query_params.hpp"

#include "core/china_time.hpp"
#include "net/ticket_cursor.hpp"
#include "wire/query_string.hpp"

namespace hotline::net {

core::Result<core::TicketId> parse_ticket_id(std::string_view text) {
  auto id = wire::parse_integer(text);
  if (!id || *id <= 0) return core::fail(core::ErrorCode::not_found, "ticket not found");
  return *id;
}

core::Result<core::TicketQuery> decode_ticket_query(const Request& request) {
  core::TicketQuery query;
  std::optional<std::string> cursor;
  bool after_given = false;
  for (const auto& [name, value] : request.query) {
    if (name == "state") {
      for (const auto& item : wire::split_list(value)) {
        auto state = core::parse_ticket_state(item);
        if (!state) return wire::bad_param(name, "unknown state");
        query.states.push_back(*state);
      }
    } else if (name == "type") {
      auto type = core::parse_ticket_type(value);
      if (!type) return wire::bad_param(name, "unknown ticket type");
      query.type = *type;
    } else if (name == "unit") {
      query.units = wire::split_list(value);
    } else if (name == "district") {
      if (!value.empty()) query.district = value;
    } else if (name == "overdue") {
      if (value != "true" && value != "false") return wire::bad_param(name, "must be true or false");
      query.overdue = value == "true";
    } else if (name == "created_from" || name == "created_to") {
      auto at = core::parse_timestamp(value);
      if (!at) return wire::bad_param(name, "must be an ISO 8601 time with offset, e.g. 2024-05-01T00:00:00+08:00");
      (name == "created_from" ? query.created_from : query.created_to) = *at;
    } else if (name == "q") {
      query.text_contains = value;
    } else if (name == "merged_into") {
      auto target = wire::parse_integer(value);
      if (!target || *target <= 0) return wire::bad_param(name, "must be a ticket id");
      query.merged_into = *target;
    } else if (name == "after") {
      auto after = wire::parse_integer(value);
      if (!after || *after <= 0) return wire::bad_param(name, "must be a ticket id");
      query.after_id = *after;
      after_given = true;
    } else if (name == "limit") {
      auto limit = wire::parse_integer(value);
      if (!limit || *limit < 1 || *limit > 500) return wire::bad_param(name, "must be 1-500");
      query.limit = static_cast<int>(*limit);
    } else if (name == "category") {
      std::string_view path = value;
      while (path.ends_with('/')) path.remove_suffix(1);
      if (path.empty()) return wire::bad_param(name, "must be a category path");
      query.category_prefix = std::string(path);
    } else if (name == "urgency") {
      auto urgency = core::parse_urgency(value);
      if (!urgency) return wire::bad_param(name, "must be normal or urgent");
      query.urgency = *urgency;
    } else if (name == "channel") {
      auto channel = core::parse_channel(value);
      if (!channel) return wire::bad_param(name, "unknown channel");
      query.channel = *channel;
    } else if (name == "street") {
      if (!value.empty()) query.street = value;
    } else if (name == "caller_phone") {
      if (value.empty()) return wire::bad_param(name, "must be a phone number");
      query.caller_phone = value;  // normalized by the service, which also decides who may search
    } else if (name == "sort") {
      if (value != "newest" && value != "deadline") return wire::bad_param(name, "must be newest or deadline");
      query.sort = value == "deadline" ? core::TicketSort::deadline : core::TicketSort::newest;
    } else if (name == "cursor") {
      cursor = value;
    } else {
      return wire::bad_param(name, "unknown parameter");
    }
  }
  if (cursor && after_given) return wire::bad_param("cursor", "give either cursor or after, not both");
  if (after_given && query.sort == core::TicketSort::deadline)
    return wire::bad_param("after", "sort=deadline pages with cursor (next_cursor of the previous page)");
  if (cursor) {
    if (auto applied = apply_ticket_cursor(*cursor, query); !applied) return applied.error();
  }
  return query;
}

core::Result<core::AuditQuery> decode_audit_query(const Request& request) {
  core::AuditQuery query;
  for (const auto& [name, value] : request.query) {
    if (name == "subject") {
      if (value.empty() || value.size() > 200) return wire::bad_param(name, "must be 1-200 characters");
      query.subject_prefix = value;
      continue;
    }
    auto number = wire::parse_integer(value);
    if (name != "ticket_id" && name != "actor_id" && name != "before" && name != "limit")
      return wire::bad_param(name, "unknown parameter");
    if (!number || *number < 0) return wire::bad_param(name, "must be a non-negative integer");
    if (name == "ticket_id") query.ticket_id = *number;
    if (name == "actor_id") query.actor_id = *number;
    if (name == "before") query.before_id = *number;
    if (name == "limit") {
      if (*number < 1 || *number > 1000) return wire::bad_param(name, "must be 1-1000");
      query.limit = static_cast<int>(*number);
    }
  }
  return query;
}

}  // namespace hotline::net
