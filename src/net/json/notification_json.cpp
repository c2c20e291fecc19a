#include "net/json/notification_json.hpp"

#include <boost/json/value.hpp>

#include "core/china_time.hpp"
#include "wire/json_writer.hpp"

namespace hotline::net::json {
namespace {

namespace bj = boost::json;

bj::value optional_time(const std::optional<core::Timestamp>& at) {
  if (!at) return nullptr;
  return bj::value(core::format_timestamp(*at));
}

bj::object message_value(const core::OutboundMessage& m) {
  bj::value ticket = nullptr;
  if (m.ticket_id) ticket = *m.ticket_id;
  return bj::object{{"id", m.id},
                    {"kind", core::to_string(m.kind)},
                    {"recipient", m.recipient},
                    {"text", m.text},
                    {"ticket_id", std::move(ticket)},
                    {"state", core::to_string(m.state)},
                    {"attempts", m.attempts},
                    {"next_attempt_at", core::format_timestamp(m.next_attempt_at)},
                    {"last_error", m.last_error},
                    {"created_at", core::format_timestamp(m.created_at)},
                    {"sent_at", optional_time(m.sent_at)},
                    {"gateway_message_id", m.gateway_message_id},
                    {"lease_until", optional_time(m.lease_until)}};
}

}  // namespace

std::string encode_outbox_page(const core::OutboxPage& page) {
  bj::array items;
  for (const auto& m : page.items) items.emplace_back(message_value(m));
  bj::value cursor = nullptr;
  if (page.next_cursor) cursor = bj::value(std::to_string(*page.next_cursor));
  return wire::serialize(bj::object{{"items", std::move(items)}, {"next_cursor", std::move(cursor)}});
}

std::string encode_outbound_message(const core::OutboundMessage& message) {
  return wire::serialize(message_value(message));
}

}  // namespace hotline::net::json
