#pragma once
// JSON of the CTI call events API (POST /api/v1/calls): {"events": [{call_id, event, at, queue?, agent?}]}.

#include <string_view>
#include <vector>

#include "core/call_events.hpp"
#include "core/result.hpp"

namespace hotline::net::json {

// Errors: invalid_argument naming the field, e.g. "events[2].at".
[[nodiscard]] core::Result<std::vector<core::CallEvent>> decode_call_events(std::string_view body);

}  // namespace hotline::net::json
