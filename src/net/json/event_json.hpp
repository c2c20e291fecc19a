#pragma once
// Wire format of the live event stream's control messages (GET /api/v1/events, a WebSocket); the
// event frames themselves are `encode_event_message` in ticket_json.hpp. Pure functions; safe from
// any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "core/ticket_event.hpp"

namespace hotline::net::json {

// The browser's first message: {"type":"auth","token":"...","last_event_id":N?}.
struct AuthMessage {
  std::string token;
  std::optional<std::int64_t> last_event_id;
};
// Strict: type must be "auth", token required. Errors: invalid_argument naming the field.
[[nodiscard]] core::Result<AuthMessage> decode_auth_message(std::string_view text);

// {"type":"ready","user","role","resumed_after":N|null}: authenticated, replay done, live from now.
std::string encode_ready_message(const core::Actor& actor, std::optional<std::int64_t> resumed_after);
// {"type":"reset","reason"}: more events were missed than the server replays; reload the lists.
std::string encode_reset_message(int replay_limit);

}  // namespace hotline::net::json
