#include "net/handlers/tracking_handlers.hpp"

#include "net/handlers/respond.hpp"
#include "net/json/tracking_json.hpp"
#include "wire/query_string.hpp"

namespace hotline::net::handlers {
namespace {

core::Result<core::PortalTracking*> tracking(const Services& services) {
  if (services.tracking == nullptr)
    return core::fail(core::ErrorCode::unavailable, "the citizens' portal is not enabled on this server");
  return services.tracking;
}

// "Track <token>" of the Authorization header; empty otherwise.
std::string track_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "Track ";
  if (!authorization.starts_with(kScheme)) return {};
  return std::string(authorization.substr(kScheme.size()));
}

core::Result<core::TicketId> ticket_id(const Call& call) {
  auto id = wire::parse_integer(call.params.get("id"));
  if (!id || *id <= 0)
    return core::fail(core::ErrorCode::unauthenticated, "查询凭证无效或已过期，请重新获取验证码", "authorization");
  return *id;
}

}  // namespace

Response portal_track_code(const Services& services, const Call& call) {
  auto service = tracking(services);
  if (!service) return error_response(service.error());
  auto request = json::decode_tracking_code_request(call.request.body);
  if (!request) return error_response(request.error());
  auto sent = (*service)->request_code(request->ticket_id, request->phone, call.request.client_address);
  if (!sent) return error_response(sent.error());
  return json_response(202, R"({"status":"accepted","message":"如工单编号与手机号码相符，验证码已发送到该手机，10 分钟内有效"})");
}

Response portal_track_verify(const Services& services, const Call& call) {
  auto service = tracking(services);
  if (!service) return error_response(service.error());
  auto request = json::decode_tracking_verify_request(call.request.body);
  if (!request) return error_response(request.error());
  return respond((*service)->verify(request->ticket_id, request->phone, request->code), 201,
                 json::encode_tracking_grant);
}

Response portal_track_view(const Services& services, const Call& call) {
  auto service = tracking(services);
  if (!service) return error_response(service.error());
  auto id = ticket_id(call);
  if (!id) return error_response(id.error());
  return respond((*service)->view(*id, track_token(call.request.authorization)), 200, json::encode_tracking_view);
}

Response portal_track_rate(const Services& services, const Call& call) {
  auto service = tracking(services);
  if (!service) return error_response(service.error());
  auto id = ticket_id(call);
  if (!id) return error_response(id.error());
  auto request = json::decode_tracking_rating(call.request.body);
  if (!request) return error_response(request.error());
  return respond((*service)->rate(*id, track_token(call.request.authorization), request->level, request->reason), 200,
                 json::encode_tracking_view);
}

}  // namespace hotline::net::handlers
