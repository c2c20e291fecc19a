#include "net/error_response.hpp"

#include "net/json/error_json.hpp"

namespace hotline::net {

int http_status(core::ErrorCode code) {
  switch (code) {
    case core::ErrorCode::invalid_argument:
      return 400;
    case core::ErrorCode::unauthenticated:
      return 401;
    case core::ErrorCode::forbidden:
      return 403;
    case core::ErrorCode::not_found:
      return 404;
    case core::ErrorCode::conflict:
      return 409;
    case core::ErrorCode::rate_limited:
      return 429;
    case core::ErrorCode::unavailable:
      return 503;
    case core::ErrorCode::internal:
      return 500;
  }
  return 500;
}

Response error_response(const core::Error& error) {
  Response response = json_response(http_status(error.code),
                                    json::encode_error(core::to_string(error.code), error.message, error.field));
  if (error.code == core::ErrorCode::unauthenticated) response.headers.emplace_back("WWW-Authenticate", "Bearer");
  if (error.code == core::ErrorCode::rate_limited && error.retry_after.count() > 0)
    response.headers.emplace_back("Retry-After", std::to_string(error.retry_after.count()));
  return response;
}

Response protocol_error(int status, std::string_view code, std::string_view message) {
  return json_response(status, json::encode_error(code, message));
}

}  // namespace hotline::net
