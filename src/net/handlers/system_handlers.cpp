#include "net/handlers/system_handlers.hpp"

#include "net/openapi.hpp"

namespace hotline::net::handlers {

Response healthz(const Services&, const Call&) {
  return json_response(200, R"({"status":"ok"})");
}

Response openapi(const Services&, const Call&) {
  return json_response(200, std::string(openapi_document()));
}

}  // namespace hotline::net::handlers
