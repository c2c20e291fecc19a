#include "net/handlers/system_handlers.hpp"

#include "net/error_response.hpp"
#include "net/openapi.hpp"
#include "wire/json_writer.hpp"

namespace hotline::net::handlers {

Response healthz(const Services& services, const Call&) {
  auto warnings = core::calendar_warnings(services.reference.snapshot()->calendar, services.tickets.now());
  if (warnings.empty()) return json_response(200, R"({"status":"ok"})");
  wire::JsonWriter out;
  out.begin_object().key("status").string("ok").key("warnings").begin_array();
  for (const auto& warning : warnings) out.string(warning);
  out.end_array().end_object();
  return json_response(200, out.take());
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
