#include "net/handlers/portal_handlers.hpp"

#include "net/handlers/respond.hpp"
#include "net/json/portal_json.hpp"
#include "wire/query_string.hpp"

namespace hotline::net::handlers {
namespace {

core::Result<core::PortalService*> portal(const Services& services) {
  if (services.portal == nullptr) return core::fail(core::ErrorCode::unavailable, "the citizens' portal is not enabled on this server");
  return services.portal;
}

// "Upload <token>" of the Authorization header; empty otherwise.
std::string upload_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "Upload ";
  if (!authorization.starts_with(kScheme)) return {};
  return std::string(authorization.substr(kScheme.size()));
}

}  // namespace

Response portal_places(const Services& services, const Call&) {
  return json_response(200, json::encode_portal_places(core::portal_places(services.reference.snapshot()->units.units())));
}

Response portal_challenge(const Services& services, const Call&) {
  auto service = portal(services);
  if (!service) return error_response(service.error());
  return json_response(201, json::encode_challenge((*service)->challenge()));
}

Response portal_submit(const Services& services, const Call& call) {
  auto service = portal(services);
  if (!service) return error_response(service.error());
  auto request = json::decode_portal_request(call.request.body);
  if (!request) return error_response(request.error());
  return respond((*service)->submit(*request, call.request.client_address), 201, json::encode_portal_receipt);
}

Response portal_photo(const Services& services, const Call& call) {
  auto service = portal(services);
  if (!service) return error_response(service.error());
  auto id = wire::parse_integer(call.params.get("id"));
  if (!id || *id <= 0) return error_response(core::make_error(core::ErrorCode::not_found, "没有找到这次提交的上传凭证"));
  return respond((*service)->add_photo(*id, upload_token(call.request.authorization), call.request.body), 201,
                 json::encode_portal_photo);
}

}  // namespace hotline::net::handlers
