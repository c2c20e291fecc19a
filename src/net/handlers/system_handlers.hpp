#pragma once
// GET /healthz and GET /api/v1/openapi.json; both open, both without core calls.

#include "net/router.hpp"

namespace hotline::net::handlers {

Response healthz(const Services& services, const Call& call);
// GET /api/v1/events without a WebSocket upgrade: 426. The upgrade itself never reaches the
// router; `http_session` hands it to a `ws::WebSocketSession`.
Response events_without_upgrade(const Services& services, const Call& call);
Response openapi(const Services& services, const Call& call);

}  // namespace hotline::net::handlers
