#pragma once
// ISO 8601 timestamps on the wire. Responses always carry China Standard Time ("+08:00", no DST);
// requests may use any offset or "Z". Boost-free so handlers and tests include it cheaply.

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace hotline::net::json {

// "2024-05-01T09:30:00+08:00".
std::string format_timestamp(core::Timestamp t);

// Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)"; the fraction is truncated to seconds.
// nullopt when malformed, not a real date, or without an offset.
std::optional<core::Timestamp> parse_timestamp(std::string_view text);

}  // namespace hotline::net::json
