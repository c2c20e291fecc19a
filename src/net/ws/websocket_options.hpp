#pragma once
// Limits and timeouts of the live event stream (GET /api/v1/events), per WebSocket session.
// Beast-free, so `net/server.hpp` can carry them in `ServerOptions`.

#include <chrono>
#include <cstddef>

namespace hotline::net::ws {

struct WebSocketOptions {
  std::size_t max_message_bytes = 4096;       // largest message a client may send (the auth message)
  std::size_t max_queued_messages = 256;      // per session, beyond what the socket holds
  std::size_t max_queued_bytes = 1 << 20;
  std::chrono::seconds auth_timeout{5};       // for the first {"type":"auth"} message
  std::chrono::seconds idle_timeout{60};      // a ping after half of it; closed when nothing comes back
  std::chrono::seconds close_timeout{10};     // a peer that takes no close frame loses its socket
  // How often a live session checks its token again: a signed-out, expired or disabled session,
  // or an account whose role or unit changed, is closed within this time.
  std::chrono::seconds reauth_interval{30};
  int replay_limit = 1000;                    // events read from storage on resume, 1..1000
  int send_buffer_bytes = 64 * 1024;          // SO_SNDBUF: what the kernel holds for a slow reader
};

}  // namespace hotline::net::ws
