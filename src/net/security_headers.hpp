#pragma once
// The security headers every HTTP response carries, API and web app alike, and the WebSocket
// handshake too: the one list http_session.cpp and ws/websocket_session.cpp both send. The
// policy allows the app's own scripts only (no inline script, no eval), inline styles (Element
// Plus sets them), images and fonts from data: URLs, and no framing.

#include <array>
#include <string_view>
#include <utility>

namespace hotline::net {

inline constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kSecurityHeaders{{
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
     "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
     "frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"},
}};

}  // namespace hotline::net
