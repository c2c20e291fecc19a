#pragma once
// Errors on the wire. `http_status` is the only place where an `ErrorCode` becomes an HTTP
// status (STYLE.md §6); every error body has the shape of json/error_json.hpp.

#include <string_view>

#include "core/result.hpp"
#include "net/request.hpp"

namespace hotline::net {

// invalid_argument 400, unauthenticated 401, forbidden 403, not_found 404, conflict 409,
// unavailable 503, internal 500.
int http_status(core::ErrorCode code);

// A core error as a response: status from `http_status`, body naming code, message and field.
Response error_response(const core::Error& error);

// Errors of HTTP itself rather than of the domain (413, 405, malformed request): `code` is one of
// "payload_too_large", "method_not_allowed", "bad_request", "header_too_large".
Response protocol_error(int status, std::string_view code, std::string_view message);

}  // namespace hotline::net
