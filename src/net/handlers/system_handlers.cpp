#include "net/handlers/system_handlers.hpp"

#include "net/error_response.hpp"
#include "net/openapi.hpp"

namespace hotline::net::handlers {

Response healthz(const Services&, const Call&) {
  return json_response(200, R"({"status":"ok"})");
}

Response events_without_upgrade(const Services&, const Call&) {
  Response response = protocol_error(426, "upgrade_required", "GET /api/v1/events is a WebSocket: send an upgrade");
  response.headers.emplace_back("Upgrade", "websocket");
  return response;
}

Response openapi(const Services&, const Call&) {
  return json_response(200, std::string(openapi_document()));
}

}  // namespace hotline::net::handlers
