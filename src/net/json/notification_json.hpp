#pragma once
// JSON of the notification outbox (/api/v1/notifications), shapes as in openapi.json.

#include <string>

#include "core/notifier.hpp"

namespace hotline::net::json {

std::string encode_outbox_page(const core::OutboxPage& page);
std::string encode_outbound_message(const core::OutboundMessage& message);

}  // namespace hotline::net::json
